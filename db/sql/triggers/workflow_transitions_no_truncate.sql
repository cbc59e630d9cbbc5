CREATE OR REPLACE TRIGGER "workflow_transitions_no_truncate" BEFORE TRUNCATE ON "workflow_transitions" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
