-- Deferred to commit, when the transaction has written the allocation result that lists the transfer.
CREATE CONSTRAINT TRIGGER "transfers_disclosed" AFTER INSERT ON "transfers" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "transfer_disclosed"();
