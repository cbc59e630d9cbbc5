-- Row rules first (apply_transfer), balances once per statement after (transfers_balances).
CREATE OR REPLACE TRIGGER "transfers_apply" BEFORE INSERT ON "transfers" FOR EACH ROW EXECUTE FUNCTION "apply_transfer"();
