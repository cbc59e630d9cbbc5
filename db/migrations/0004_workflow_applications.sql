CREATE TABLE "application_documents" (
	"application_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_documents_application_id_document_id_pk" PRIMARY KEY("application_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "project_applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"project_id" integer NOT NULL,
	"applicant_org_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"requested_central_fen" bigint DEFAULT 0 NOT NULL,
	"requested_provincial_fen" bigint DEFAULT 0 NOT NULL,
	"requested_municipal_fen" bigint DEFAULT 0 NOT NULL,
	"own_funds_fen" bigint DEFAULT 0 NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"county_id" integer NOT NULL,
	"town" text,
	"description" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_applications_code_unique" UNIQUE("code"),
	CONSTRAINT "project_applications_amounts" CHECK ("project_applications"."requested_central_fen" >= 0 AND "project_applications"."requested_provincial_fen" >= 0 AND "project_applications"."requested_municipal_fen" >= 0 AND "project_applications"."own_funds_fen" >= 0
        AND "project_applications"."requested_central_fen" + "project_applications"."requested_provincial_fen" + "project_applications"."requested_municipal_fen" > 0
        AND "project_applications"."requested_central_fen" + "project_applications"."requested_provincial_fen" + "project_applications"."requested_municipal_fen" + "project_applications"."own_funds_fen" <= 1000000000000000),
	CONSTRAINT "project_applications_schedule" CHECK ("project_applications"."planned_end" >= "project_applications"."planned_start"),
	CONSTRAINT "project_applications_year_range" CHECK ("project_applications"."fiscal_year" BETWEEN 2021 AND 2035)
);
--> statement-breakpoint
ALTER TABLE "workflow_items" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "performance_targets" ADD COLUMN "application_id" integer;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_application_id_project_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."project_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_documents" ADD CONSTRAINT "application_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_applications" ADD CONSTRAINT "project_applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_applications" ADD CONSTRAINT "project_applications_applicant_org_id_organisations_id_fk" FOREIGN KEY ("applicant_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_applications" ADD CONSTRAINT "project_applications_county_id_organisations_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_applications" ADD CONSTRAINT "project_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_targets" ADD CONSTRAINT "performance_targets_application_id_project_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."project_applications"("id") ON DELETE no action ON UPDATE no action;