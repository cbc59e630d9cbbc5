CREATE OR REPLACE TRIGGER "finding_answers_append_only" BEFORE UPDATE OR DELETE ON "finding_answers" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
