CREATE OR REPLACE TRIGGER "feedback_events_append_only" BEFORE UPDATE OR DELETE ON "feedback_events" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
