-- The largest amount the portal accepts, in fen: 10^15 fen = 10 万亿元, far above any programme.
-- Its one place in SQL: the amount CHECKs and the ledger trigger call it. The parsers use the same
-- value as MAX_AMOUNT_FEN (lib/domain/money.ts); tests/integration/sql-source.test.ts keeps the two equal.
CREATE OR REPLACE FUNCTION "max_amount_fen"() RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 1000000000000000::bigint;
$$;
