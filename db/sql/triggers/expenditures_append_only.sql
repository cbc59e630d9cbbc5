CREATE OR REPLACE TRIGGER "expenditures_append_only" BEFORE UPDATE OR DELETE ON "expenditures" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
