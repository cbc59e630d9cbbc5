-- At commit: every movement of money is listed by an allocation result written in its own
-- transaction. A path that moves money and forgets to publish it cannot commit.
CREATE OR REPLACE FUNCTION "transfer_disclosed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind <> 'appropriation' AND NOT EXISTS (
       SELECT 1 FROM publication_items pi JOIN publications p ON p.id = pi.publication_id
       WHERE pi.transfer_id = NEW.id AND p.kind = 'allocation_result') THEN
    RAISE EXCEPTION 'ledger:transfer_not_disclosed line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END;
$$;
