CREATE OR REPLACE TRIGGER "feedback_events_no_truncate" BEFORE TRUNCATE ON "feedback_events" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
