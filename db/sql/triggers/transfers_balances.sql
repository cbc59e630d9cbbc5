-- Balances move once per statement with every inserted row at hand (see apply_transfer_balances).
CREATE OR REPLACE TRIGGER "transfers_balances" AFTER INSERT ON "transfers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "apply_transfer_balances"();
