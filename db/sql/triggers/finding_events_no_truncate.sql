CREATE OR REPLACE TRIGGER "finding_events_no_truncate" BEFORE TRUNCATE ON "finding_events" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
