CREATE OR REPLACE TRIGGER "finding_answers_no_truncate" BEFORE TRUNCATE ON "finding_answers" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
