CREATE OR REPLACE TRIGGER "publications_append_only" BEFORE UPDATE OR DELETE ON "publications" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
