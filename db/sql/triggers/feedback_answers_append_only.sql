CREATE OR REPLACE TRIGGER "feedback_answers_append_only" BEFORE UPDATE OR DELETE ON "feedback_answers" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
