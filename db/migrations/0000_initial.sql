CREATE TABLE "legal_bases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "legal_bases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "legal_bases_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" integer,
	"show_officer_names" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_not_own_parent" CHECK ("organisations"."parent_id" IS NULL OR "organisations"."parent_id" <> "organisations"."id")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "engineering_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "engineering_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"zone_id" integer,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "engineering_groups_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicator_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"year" integer NOT NULL,
	"value" numeric(12, 2) NOT NULL,
	"source" text NOT NULL,
	"reported_by" integer,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_areas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "key_areas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"zone_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"focus" text[] NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "key_areas_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "plan_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"comparator" text NOT NULL,
	"baseline2020" numeric(12, 2),
	"target2025" numeric(12, 2),
	"target2035" numeric(12, 2),
	"note" text,
	"sort" integer NOT NULL,
	CONSTRAINT "plan_indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "project_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restoration_zones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "restoration_zones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"area_km2" numeric(10, 2) NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "restoration_zones_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "zone_towns" (
	"zone_id" integer NOT NULL,
	"town_id" integer NOT NULL,
	CONSTRAINT "zone_towns_zone_id_town_id_pk" PRIMARY KEY("zone_id","town_id")
);
--> statement-breakpoint
CREATE TABLE "project_counties" (
	"project_id" integer NOT NULL,
	"county_id" integer NOT NULL,
	CONSTRAINT "project_counties_project_id_county_id_pk" PRIMARY KEY("project_id","county_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"group_id" integer,
	"zone_id" integer,
	"key_area_id" integer,
	"type" text NOT NULL,
	"implementing_org_id" integer,
	"description" text,
	"town" text,
	"planned_start" date,
	"planned_end" date,
	"from_plan" boolean DEFAULT false NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "balances" (
	"programme_id" integer NOT NULL,
	"holder_id" integer NOT NULL,
	"received_fen" bigint DEFAULT 0 NOT NULL,
	"passed_on_fen" bigint DEFAULT 0 NOT NULL,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"last_received_at" timestamp with time zone,
	CONSTRAINT "balances_programme_id_holder_id_pk" PRIMARY KEY("programme_id","holder_id"),
	CONSTRAINT "balances_non_negative" CHECK ("balances"."balance_fen" >= 0 AND "balances"."received_fen" >= 0 AND "balances"."passed_on_fen" >= 0),
	CONSTRAINT "balances_consistent" CHECK ("balances"."balance_fen" = "balances"."received_fen" - "balances"."passed_on_fen")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"mime_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"filename" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expenditures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "expenditures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"payee_holder_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"voucher_no" text NOT NULL,
	"description" text NOT NULL,
	"evidence_document_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expenditures_amount_range" CHECK ("expenditures"."amount_fen" > 0 AND "expenditures"."amount_fen" <= 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE "fund_programmes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fund_programmes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"level" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"managing_org_id" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"purpose" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_programmes_code_unique" UNIQUE("code"),
	CONSTRAINT "fund_programmes_total_positive" CHECK ("fund_programmes"."total_fen" > 0 AND "fund_programmes"."total_fen" <= 1000000000000000),
	CONSTRAINT "fund_programmes_year_range" CHECK ("fund_programmes"."fiscal_year" BETWEEN 2021 AND 2035)
);
--> statement-breakpoint
CREATE TABLE "holders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "holders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"organisation_id" integer,
	"project_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holders_shape" CHECK (("holders"."kind" = 'project' AND "holders"."project_id" IS NOT NULL AND "holders"."organisation_id" IS NULL)
       OR ("holders"."kind" <> 'project' AND "holders"."organisation_id" IS NOT NULL AND "holders"."project_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"organisation_id" integer NOT NULL,
	"target" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_organisation_id_target_pk" PRIMARY KEY("organisation_id","target")
);
--> statement-breakpoint
CREATE TABLE "matching_requirements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "matching_requirements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"upper_programme_id" integer NOT NULL,
	"lower_level" text NOT NULL,
	"share_bp" integer NOT NULL,
	"note" text,
	CONSTRAINT "matching_share_range" CHECK ("matching_requirements"."share_bp" > 0 AND "matching_requirements"."share_bp" <= 100000)
);
--> statement-breakpoint
CREATE TABLE "programme_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "programme_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"document_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "transfers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"from_holder_id" integer,
	"to_holder_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"kind" text NOT NULL,
	"transfer_date" date NOT NULL,
	"doc_number" text,
	"batch_id" integer,
	"reverses_id" integer,
	"note" text,
	"import_line" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transfers_amount_range" CHECK ("transfers"."amount_fen" > 0 AND "transfers"."amount_fen" <= 1000000000000000),
	CONSTRAINT "transfers_not_to_self" CHECK ("transfers"."from_holder_id" IS NULL OR "transfers"."from_holder_id" <> "transfers"."to_holder_id"),
	CONSTRAINT "transfers_shape" CHECK (("transfers"."kind" = 'appropriation') = ("transfers"."from_holder_id" IS NULL) AND ("transfers"."kind" = 'reversal') = ("transfers"."reverses_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"user_id" integer,
	"citizen_contact_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_who" CHECK (("follows"."user_id" IS NULL) <> ("follows"."citizen_contact_hash" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"outbox_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"topic" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "outbox_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "workflow_definitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_definitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"definition_id" integer NOT NULL,
	"subject_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"stage" text NOT NULL,
	"submitted_by" integer,
	"last_edited_by" integer,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"return_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workflow_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_id" integer NOT NULL,
	"from_stage" text NOT NULL,
	"to_stage" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" integer NOT NULL,
	"reason" text,
	"changes" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocation_batches" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "allocation_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"total_fen" bigint NOT NULL,
	"formula_version_id" integer,
	"from_holder_id" integer NOT NULL,
	"doc_number" text,
	"inputs_hash" text,
	"computed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allocation_batches_code_unique" UNIQUE("code"),
	CONSTRAINT "allocation_batches_total_range" CHECK ("allocation_batches"."total_fen" > 0 AND "allocation_batches"."total_fen" <= 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE "batch_results" (
	"batch_id" integer NOT NULL,
	"recipient_holder_id" integer NOT NULL,
	"share_numerator" text NOT NULL,
	"share_denominator" text NOT NULL,
	"computed_fen" bigint NOT NULL,
	"adjusted_fen" bigint,
	"adjustment_reason" text,
	CONSTRAINT "batch_results_batch_id_recipient_holder_id_pk" PRIMARY KEY("batch_id","recipient_holder_id"),
	CONSTRAINT "batch_results_adjustment_reason" CHECK (("batch_results"."adjusted_fen" IS NULL) = ("batch_results"."adjustment_reason" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "factor_values" (
	"batch_id" integer NOT NULL,
	"recipient_holder_id" integer NOT NULL,
	"factor_id" integer NOT NULL,
	"value" numeric(24, 6) NOT NULL,
	"source" text NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "factor_values_batch_id_recipient_holder_id_factor_id_pk" PRIMARY KEY("batch_id","recipient_holder_id","factor_id"),
	CONSTRAINT "factor_values_non_negative" CHECK ("factor_values"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "formula_factors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "formula_factors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"formula_version_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"source" text NOT NULL,
	"direction" text NOT NULL,
	"weight_bp" integer NOT NULL,
	"is_performance" boolean DEFAULT false NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "formula_factor_weight_range" CHECK ("formula_factors"."weight_bp" > 0 AND "formula_factors"."weight_bp" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "formula_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "formula_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"version" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"description" text NOT NULL,
	"change_reason" text,
	"floor_fen" bigint,
	"cap_fen" bigint,
	"set_aside_bp" integer DEFAULT 0 NOT NULL,
	"default_performance_value" numeric(20, 6),
	"frozen_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "formula_set_aside_range" CHECK ("formula_versions"."set_aside_bp" >= 0 AND "formula_versions"."set_aside_bp" < 10000)
);
--> statement-breakpoint
CREATE TABLE "disclosure_obligations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disclosure_obligations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"responsible_org_id" integer NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"publication_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "publications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"notice" text NOT NULL,
	"content_hash" text NOT NULL,
	"change_reason" text,
	"issuer_org_id" integer NOT NULL,
	"doc_number" text,
	"data_as_of" date NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "publications_correction_reason" CHECK ("publications"."version" = 1 OR "publications"."change_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "withholdings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "withholdings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"item_type" text NOT NULL,
	"item_id" integer NOT NULL,
	"field" text,
	"reason" text NOT NULL,
	"legal_basis_id" integer NOT NULL,
	"review_date" date NOT NULL,
	"requested_by" integer NOT NULL,
	"approved_by1" integer,
	"approved_by2" integer,
	"status" text DEFAULT 'requested' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "withholdings_two_distinct_approvers" CHECK ("withholdings"."status" <> 'active' OR ("withholdings"."approved_by1" IS NOT NULL AND "withholdings"."approved_by2" IS NOT NULL
        AND "withholdings"."approved_by1" <> "withholdings"."approved_by2" AND "withholdings"."approved_by1" <> "withholdings"."requested_by" AND "withholdings"."approved_by2" <> "withholdings"."requested_by"))
);
--> statement-breakpoint
CREATE TABLE "evaluation_indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluation_indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"evaluation_id" integer NOT NULL,
	"category" text NOT NULL,
	"subcategory" text NOT NULL,
	"name" text NOT NULL,
	"weight_bp" integer NOT NULL,
	"target_value" numeric(20, 4),
	"actual_value" numeric(20, 4),
	"score" numeric(5, 2)
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"year" integer NOT NULL,
	"evaluator_id" integer,
	"total_score" numeric(5, 2),
	"grade" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_score_range" CHECK ("evaluations"."total_score" IS NULL OR ("evaluations"."total_score" >= 0 AND "evaluations"."total_score" <= 100))
);
--> statement-breakpoint
CREATE TABLE "performance_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "performance_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"category" text NOT NULL,
	"subcategory" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"target_value" numeric(20, 4) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_id" integer,
	"last_hash" text NOT NULL,
	CONSTRAINT "audit_head_single_row" CHECK ("audit_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"responsible_org_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tracking_code" text NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer,
	"body" text NOT NULL,
	"contact_hash" text,
	"status" text DEFAULT 'received' NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_trackingCode_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engineering_groups" ADD CONSTRAINT "engineering_groups_zone_id_restoration_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."restoration_zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_indicator_id_plan_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."plan_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_reports" ADD CONSTRAINT "indicator_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_areas" ADD CONSTRAINT "key_areas_zone_id_restoration_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."restoration_zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_towns" ADD CONSTRAINT "zone_towns_zone_id_restoration_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."restoration_zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zone_towns" ADD CONSTRAINT "zone_towns_town_id_organisations_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_counties" ADD CONSTRAINT "project_counties_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_counties" ADD CONSTRAINT "project_counties_county_id_organisations_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_group_id_engineering_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."engineering_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_zone_id_restoration_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."restoration_zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_key_area_id_key_areas_id_fk" FOREIGN KEY ("key_area_id") REFERENCES "public"."key_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_implementing_org_id_organisations_id_fk" FOREIGN KEY ("implementing_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_programme_id_fund_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balances" ADD CONSTRAINT "balances_holder_id_holders_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_programme_id_fund_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_payee_holder_id_holders_id_fk" FOREIGN KEY ("payee_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_evidence_document_id_documents_id_fk" FOREIGN KEY ("evidence_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditures" ADD CONSTRAINT "expenditures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_programmes" ADD CONSTRAINT "fund_programmes_managing_org_id_organisations_id_fk" FOREIGN KEY ("managing_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_programmes" ADD CONSTRAINT "fund_programmes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holders" ADD CONSTRAINT "holders_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holders" ADD CONSTRAINT "holders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_requirements" ADD CONSTRAINT "matching_requirements_upper_programme_id_fund_programmes_id_fk" FOREIGN KEY ("upper_programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_documents" ADD CONSTRAINT "programme_documents_programme_id_fund_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_documents" ADD CONSTRAINT "programme_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_programme_id_fund_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_holder_id_holders_id_fk" FOREIGN KEY ("from_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_holder_id_holders_id_fk" FOREIGN KEY ("to_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_reverses_id_transfers_id_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_definitions" ADD CONSTRAINT "workflow_definitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_items" ADD CONSTRAINT "workflow_items_definition_id_workflow_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."workflow_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_items" ADD CONSTRAINT "workflow_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_items" ADD CONSTRAINT "workflow_items_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_items" ADD CONSTRAINT "workflow_items_last_edited_by_users_id_fk" FOREIGN KEY ("last_edited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_transitions" ADD CONSTRAINT "workflow_transitions_item_id_workflow_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."workflow_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_transitions" ADD CONSTRAINT "workflow_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_batches" ADD CONSTRAINT "allocation_batches_programme_id_fund_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_batches" ADD CONSTRAINT "allocation_batches_formula_version_id_formula_versions_id_fk" FOREIGN KEY ("formula_version_id") REFERENCES "public"."formula_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_batches" ADD CONSTRAINT "allocation_batches_from_holder_id_holders_id_fk" FOREIGN KEY ("from_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_batches" ADD CONSTRAINT "allocation_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_results" ADD CONSTRAINT "batch_results_batch_id_allocation_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."allocation_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_results" ADD CONSTRAINT "batch_results_recipient_holder_id_holders_id_fk" FOREIGN KEY ("recipient_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "factor_values" ADD CONSTRAINT "factor_values_batch_id_allocation_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."allocation_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "factor_values" ADD CONSTRAINT "factor_values_recipient_holder_id_holders_id_fk" FOREIGN KEY ("recipient_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "factor_values" ADD CONSTRAINT "factor_values_factor_id_formula_factors_id_fk" FOREIGN KEY ("factor_id") REFERENCES "public"."formula_factors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "factor_values" ADD CONSTRAINT "factor_values_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formula_factors" ADD CONSTRAINT "formula_factors_formula_version_id_formula_versions_id_fk" FOREIGN KEY ("formula_version_id") REFERENCES "public"."formula_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formula_versions" ADD CONSTRAINT "formula_versions_programme_id_fund_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."fund_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "formula_versions" ADD CONSTRAINT "formula_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_responsible_org_id_organisations_id_fk" FOREIGN KEY ("responsible_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_obligations" ADD CONSTRAINT "disclosure_obligations_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_issuer_org_id_organisations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_legal_basis_id_legal_bases_id_fk" FOREIGN KEY ("legal_basis_id") REFERENCES "public"."legal_bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_approved_by1_users_id_fk" FOREIGN KEY ("approved_by1") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_approved_by2_users_id_fk" FOREIGN KEY ("approved_by2") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_indicators" ADD CONSTRAINT "evaluation_indicators_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_evaluator_id_users_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_targets" ADD CONSTRAINT "performance_targets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_responsible_org_id_organisations_id_fk" FOREIGN KEY ("responsible_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_code_key" ON "organisations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "organisations_parent_idx" ON "organisations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_reports_year_key" ON "indicator_reports" USING btree ("indicator_id","year");--> statement-breakpoint
CREATE INDEX "project_counties_county_idx" ON "project_counties" USING btree ("county_id");--> statement-breakpoint
CREATE INDEX "projects_group_idx" ON "projects" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "projects_zone_idx" ON "projects" USING btree ("zone_id");--> statement-breakpoint
CREATE INDEX "balances_holder_idx" ON "balances" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "fund_programmes_year_idx" ON "fund_programmes" USING btree ("fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "holders_org_key" ON "holders" USING btree ("organisation_id") WHERE "holders"."kind" = 'organisation';--> statement-breakpoint
CREATE UNIQUE INDEX "holders_project_key" ON "holders" USING btree ("project_id") WHERE "holders"."kind" = 'project';--> statement-breakpoint
CREATE UNIQUE INDEX "holders_payee_key" ON "holders" USING btree ("organisation_id") WHERE "holders"."kind" = 'payee';--> statement-breakpoint
CREATE UNIQUE INDEX "matching_requirements_key" ON "matching_requirements" USING btree ("upper_programme_id","lower_level");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_documents_version_key" ON "programme_documents" USING btree ("programme_id","kind","version");--> statement-breakpoint
CREATE INDEX "transfers_programme_idx" ON "transfers" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "transfers_from_idx" ON "transfers" USING btree ("from_holder_id","programme_id");--> statement-breakpoint
CREATE INDEX "transfers_to_idx" ON "transfers" USING btree ("to_holder_id","programme_id");--> statement-breakpoint
CREATE INDEX "transfers_reverses_idx" ON "transfers" USING btree ("reverses_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_import_line_key" ON "transfers" USING btree ("doc_number","import_line") WHERE "transfers"."import_line" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "follows_user_key" ON "follows" USING btree ("subject_type","subject_id","user_id") WHERE "follows"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_key" ON "notifications" USING btree ("user_id","outbox_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("available_at") WHERE "outbox"."delivered_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_definitions_version_key" ON "workflow_definitions" USING btree ("kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_definitions_active_key" ON "workflow_definitions" USING btree ("kind") WHERE "workflow_definitions"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_items_subject_key" ON "workflow_items" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "workflow_items_stage_idx" ON "workflow_items" USING btree ("stage","due_at");--> statement-breakpoint
CREATE INDEX "workflow_transitions_item_idx" ON "workflow_transitions" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "formula_factors_code_key" ON "formula_factors" USING btree ("formula_version_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "formula_versions_key" ON "formula_versions" USING btree ("programme_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_obligations_key" ON "disclosure_obligations" USING btree ("kind","subject_type","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_version_key" ON "publications" USING btree ("kind","subject_type","subject_id","version");--> statement-breakpoint
CREATE INDEX "publications_published_idx" ON "publications" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "withholdings_item_idx" ON "withholdings" USING btree ("item_type","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_project_year_key" ON "evaluations" USING btree ("project_id","year");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "feedback_status_idx" ON "feedback" USING btree ("status","created_at");