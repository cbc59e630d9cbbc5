CREATE TABLE "finding_answer_evidence" (
	"answer_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "finding_answer_evidence_answer_id_document_id_pk" PRIMARY KEY("answer_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "finding_answers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "finding_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"finding_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"body" text NOT NULL,
	"answered_by" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "finding_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"finding_id" integer NOT NULL,
	"event" text NOT NULL,
	"reason" text,
	"actor_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "findings" ALTER COLUMN "subject_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "subject_key" text;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "required_action" text NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "due_date" date NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "closed_by" integer;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "publication_id" integer;--> statement-breakpoint
ALTER TABLE "finding_answer_evidence" ADD CONSTRAINT "finding_answer_evidence_answer_id_finding_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."finding_answers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_answer_evidence" ADD CONSTRAINT "finding_answer_evidence_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_answers" ADD CONSTRAINT "finding_answers_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_answers" ADD CONSTRAINT "finding_answers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_answers" ADD CONSTRAINT "finding_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_answers_finding_idx" ON "finding_answers" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "finding_events_finding_idx" ON "finding_events" USING btree ("finding_id");--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "findings_responsible_idx" ON "findings" USING btree ("responsible_org_id","status");--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_subject_named" CHECK (("findings"."subject_type" = 'flag') = ("findings"."subject_key" IS NOT NULL) AND ("findings"."subject_type" = 'flag') = ("findings"."subject_id" IS NULL));--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_closed_reason" CHECK (("findings"."status" = 'closed') = ("findings"."closed_reason" IS NOT NULL AND "findings"."closed_by" IS NOT NULL AND "findings"."closed_at" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_text" CHECK (length(btrim("findings"."title")) > 0 AND length(btrim("findings"."body")) > 0 AND length(btrim("findings"."required_action")) > 0);--> statement-breakpoint
ALTER TABLE "findings" DROP CONSTRAINT "findings_answered_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "findings" DROP COLUMN "answer";--> statement-breakpoint
ALTER TABLE "findings" DROP COLUMN "answered_by";--> statement-breakpoint
ALTER TABLE "findings" DROP COLUMN "answered_at";
--> statement-breakpoint
-- An eighth kind of publication: an auditor's finding with its answers, published when it is closed.
ALTER TABLE "publications" DROP CONSTRAINT "publications_kind_valid";
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_kind_valid" CHECK ("kind" IN ('fund_catalogue', 'management_rules', 'application_guideline', 'formula', 'allocation_result', 'evaluation_result', 'indicator_report', 'audit_finding'));
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_severity_valid" CHECK ("severity" IN ('info', 'minor', 'major', 'critical'));
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_status_valid" CHECK ("status" IN ('open', 'answered', 'closed'));
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_subject_type_valid" CHECK ("subject_type" IN ('programme', 'project', 'transfer', 'batch', 'publication', 'workflow_item', 'organisation', 'flag'));
--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_event_valid" CHECK ("event" IN ('recorded', 'answered', 'closed', 'reopened'));
