CREATE OR REPLACE TRIGGER "finding_answer_evidence_append_only" BEFORE UPDATE OR DELETE ON "finding_answer_evidence" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
