-- History is never rewritten: the append-only tables refuse UPDATE, DELETE and TRUNCATE with this one refusal.
CREATE OR REPLACE FUNCTION "forbid_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger:append_only %', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
