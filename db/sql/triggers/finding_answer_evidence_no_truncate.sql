CREATE OR REPLACE TRIGGER "finding_answer_evidence_no_truncate" BEFORE TRUNCATE ON "finding_answer_evidence" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
