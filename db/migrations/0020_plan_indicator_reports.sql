CREATE TABLE "indicator_report_submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_report_submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"value" numeric(12, 2) NOT NULL,
	"source" text NOT NULL,
	"method" text NOT NULL,
	"measured_on" date NOT NULL,
	"change_reason" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"organisation_id" integer NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"return_reason" text,
	"publication_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_report_submissions_four_eyes" CHECK ("indicator_report_submissions"."decided_by" IS NULL OR "indicator_report_submissions"."decided_by" <> "indicator_report_submissions"."submitted_by"),
	CONSTRAINT "indicator_report_submissions_decided" CHECK (("indicator_report_submissions"."status" = 'submitted') = ("indicator_report_submissions"."decided_by" IS NULL) AND ("indicator_report_submissions"."status" = 'approved') = ("indicator_report_submissions"."publication_id" IS NOT NULL) AND ("indicator_report_submissions"."status" = 'returned') = ("indicator_report_submissions"."return_reason" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "indicator_reports" DROP CONSTRAINT "indicator_reports_reported_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD COLUMN "responsible_org_id" integer;--> statement-breakpoint
ALTER TABLE "indicator_report_submissions" ADD CONSTRAINT "indicator_report_submissions_report_id_indicator_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."indicator_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_submissions" ADD CONSTRAINT "indicator_report_submissions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_submissions" ADD CONSTRAINT "indicator_report_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_report_submissions" ADD CONSTRAINT "indicator_report_submissions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_report_submissions_report_idx" ON "indicator_report_submissions" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_report_submissions_pending_key" ON "indicator_report_submissions" USING btree ("report_id") WHERE "indicator_report_submissions"."status" = 'submitted';--> statement-breakpoint
ALTER TABLE "plan_indicators" ADD CONSTRAINT "plan_indicators_responsible_org_id_organisations_id_fk" FOREIGN KEY ("responsible_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" DROP COLUMN "value";--> statement-breakpoint
ALTER TABLE "indicator_reports" DROP COLUMN "source";--> statement-breakpoint
ALTER TABLE "indicator_reports" DROP COLUMN "reported_by";--> statement-breakpoint
ALTER TABLE "indicator_reports" DROP COLUMN "reported_at";--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_year_range" CHECK ("indicator_reports"."year" BETWEEN 2020 AND 2035);--> statement-breakpoint
-- The plan's land and ecology indicators are reported by the city's planning and natural-resources bureau (which also carries forestry among the seeded organisations).
UPDATE "plan_indicators" SET "responsible_org_id" = (SELECT "id" FROM "organisations" WHERE "code" = '140300-GHZRZYJ') WHERE "responsible_org_id" IS NULL;
--> statement-breakpoint
-- A seventh kind of publication: the city's measured value of a plan indicator, approved by a second person.
ALTER TABLE "publications" DROP CONSTRAINT "publications_kind_valid";
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_kind_valid" CHECK ("kind" IN ('fund_catalogue', 'management_rules', 'application_guideline', 'formula', 'allocation_result', 'evaluation_result', 'indicator_report'));
