CREATE OR REPLACE TRIGGER "workflow_transitions_append_only" BEFORE UPDATE OR DELETE ON "workflow_transitions" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
