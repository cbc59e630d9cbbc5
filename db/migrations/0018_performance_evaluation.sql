CREATE TABLE "evaluation_evidence" (
	"indicator_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_evidence_indicator_id_document_id_pk" PRIMARY KEY("indicator_id","document_id")
);
--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "performance_target_id" integer;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "unit" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "direction" text DEFAULT 'higher_better' NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "rule" text DEFAULT 'proportional' NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "evidence_required" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "self_value" numeric(20, 4);--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "application_id" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "self_summary" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "self_submitted_by" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "self_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "findings" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "corrections" text;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "approved_by" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "publication_id" integer;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "evaluation_evidence" ADD CONSTRAINT "evaluation_evidence_indicator_id_evaluation_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."evaluation_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_evidence" ADD CONSTRAINT "evaluation_evidence_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD CONSTRAINT "evaluation_indicators_performance_target_id_performance_targets_id_fk" FOREIGN KEY ("performance_target_id") REFERENCES "public"."performance_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_application_id_project_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."project_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_self_submitted_by_users_id_fk" FOREIGN KEY ("self_submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_indicators_evaluation_idx" ON "evaluation_indicators" USING btree ("evaluation_id");--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD CONSTRAINT "evaluation_indicators_weight" CHECK ("evaluation_indicators"."weight_bp" > 0 AND "evaluation_indicators"."weight_bp" <= 10000);--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD CONSTRAINT "evaluation_indicators_score" CHECK ("evaluation_indicators"."score" IS NULL OR ("evaluation_indicators"."score" >= 0 AND "evaluation_indicators"."score" <= 100));--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_four_eyes" CHECK ("evaluations"."approved_by" IS NULL OR ("evaluations"."approved_by" IS DISTINCT FROM "evaluations"."evaluator_id" AND "evaluations"."approved_by" IS DISTINCT FROM "evaluations"."self_submitted_by"));