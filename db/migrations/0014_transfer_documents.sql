CREATE TABLE "transfer_documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transfer_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sender_holder_id" integer NOT NULL,
	"doc_number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publication_items" ADD COLUMN "transfer_id" integer;--> statement-breakpoint
ALTER TABLE "transfer_documents" ADD CONSTRAINT "transfer_documents_sender_holder_id_holders_id_fk" FOREIGN KEY ("sender_holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transfer_documents_key" ON "transfer_documents" USING btree ("sender_holder_id","doc_number");--> statement-breakpoint
CREATE INDEX "publication_items_transfer_idx" ON "publication_items" USING btree ("transfer_id");--> statement-breakpoint
CREATE INDEX "publication_items_programme_idx" ON "publication_items" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "publication_items_project_idx" ON "publication_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "publication_items_document_idx" ON "publication_items" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "publication_items_batch_holder_idx" ON "publication_items" USING btree ("batch_id","holder_id");