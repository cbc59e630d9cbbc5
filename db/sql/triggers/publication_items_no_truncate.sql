CREATE OR REPLACE TRIGGER "publication_items_no_truncate" BEFORE TRUNCATE ON "publication_items" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
