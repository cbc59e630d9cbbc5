CREATE OR REPLACE TRIGGER "feedback_answers_no_truncate" BEFORE TRUNCATE ON "feedback_answers" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
