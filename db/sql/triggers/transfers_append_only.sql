-- The ledger is append-only: a correction is a reversal, never an edit.
CREATE OR REPLACE TRIGGER "transfers_append_only" BEFORE UPDATE OR DELETE ON "transfers" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
