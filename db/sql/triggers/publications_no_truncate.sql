CREATE OR REPLACE TRIGGER "publications_no_truncate" BEFORE TRUNCATE ON "publications" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
