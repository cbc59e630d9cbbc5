CREATE TABLE "formula_recomputations" (
	"batch_id" integer PRIMARY KEY NOT NULL,
	"inputs_hash" text NOT NULL,
	"amounts" jsonb NOT NULL,
	"refusal" text,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "formula_recomputations" ADD CONSTRAINT "formula_recomputations_batch_id_allocation_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."allocation_batches"("id") ON DELETE no action ON UPDATE no action;