CREATE TABLE "audit_checkpoints" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_checkpoints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"verified" boolean NOT NULL,
	CONSTRAINT "audit_checkpoints_seq" CHECK ("audit_checkpoints"."seq" >= 0)
);
--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "last_seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" integer;--> statement-breakpoint
-- Entries written before this migration keep their hash, which does not cover seq: version 1.
ALTER TABLE "audit_log" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash_version" DROP DEFAULT;--> statement-breakpoint
-- The chain so far was written in id order under the head's lock: number it 1, 2, 3 … in that order.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" a SET "seq" = n."seq" FROM (SELECT "id", row_number() OVER (ORDER BY "id")::integer AS "seq" FROM "audit_log") n WHERE n."id" = a."id";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
UPDATE "audit_head" SET "last_seq" = (SELECT count(*)::integer FROM "audit_log") WHERE "id" = 1;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_checkpoints_day_key" ON "audit_checkpoints" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_key" ON "audit_log" USING btree ("seq");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_seq_positive" CHECK ("audit_log"."seq" > 0);--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_hash_version" CHECK ("audit_log"."hash_version" in (1, 2));--> statement-breakpoint
-- Triggers from db/sql (npm run db:sql): the checkpoints are append-only, and no append-only table may be truncated.
CREATE OR REPLACE TRIGGER "audit_checkpoints_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoints" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "audit_checkpoints_no_truncate" BEFORE TRUNCATE ON "audit_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "expenditures_no_truncate" BEFORE TRUNCATE ON "expenditures" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "publication_items_no_truncate" BEFORE TRUNCATE ON "publication_items" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "publications_no_truncate" BEFORE TRUNCATE ON "publications" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "security_events_no_truncate" BEFORE TRUNCATE ON "security_events" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "transfers_no_truncate" BEFORE TRUNCATE ON "transfers" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "workflow_transitions_no_truncate" BEFORE TRUNCATE ON "workflow_transitions" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "finding_answer_evidence_no_truncate" BEFORE TRUNCATE ON "finding_answer_evidence" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "finding_answers_no_truncate" BEFORE TRUNCATE ON "finding_answers" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER "finding_events_no_truncate" BEFORE TRUNCATE ON "finding_events" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
-- A ninth kind of publication: the audit chain's daily checkpoint (after the auditors' findings).
ALTER TABLE "publications" DROP CONSTRAINT "publications_kind_valid";
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_kind_valid" CHECK ("kind" IN ('fund_catalogue', 'management_rules', 'application_guideline', 'formula', 'allocation_result', 'evaluation_result', 'indicator_report', 'audit_finding', 'audit_checkpoint'));
