CREATE OR REPLACE TRIGGER "expenditures_no_truncate" BEFORE TRUNCATE ON "expenditures" FOR EACH STATEMENT EXECUTE FUNCTION "forbid_rewrite"();
