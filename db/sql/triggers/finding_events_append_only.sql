CREATE OR REPLACE TRIGGER "finding_events_append_only" BEFORE UPDATE OR DELETE ON "finding_events" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
