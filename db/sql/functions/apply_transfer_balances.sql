-- Balances move once per statement, aggregated per (programme, holder): an import of many rows
-- touches each balance row once instead of once per row. The update takes the row lock, so
-- concurrent spenders are serialised, and the CHECK (balance >= 0) refuses any overdraft.
CREATE OR REPLACE FUNCTION "apply_transfer_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad_line integer;
BEGIN
  BEGIN
    -- Rows are created empty first: a proposed INSERT row is checked before ON CONFLICT applies.
    INSERT INTO balances (programme_id, holder_id, received_fen, passed_on_fen, balance_fen)
    SELECT DISTINCT programme_id, h, 0, 0, 0 FROM (
      SELECT programme_id, to_holder_id AS h FROM new_rows
      UNION SELECT programme_id, from_holder_id FROM new_rows WHERE from_holder_id IS NOT NULL
    ) x
    ORDER BY 1, 2
    ON CONFLICT (programme_id, holder_id) DO NOTHING;
    -- Lock in key order so two statements touching the same holders cannot deadlock.
    PERFORM 1 FROM balances b
      WHERE (b.programme_id, b.holder_id) IN (
        SELECT programme_id, to_holder_id FROM new_rows
        UNION SELECT programme_id, from_holder_id FROM new_rows WHERE from_holder_id IS NOT NULL)
      ORDER BY b.programme_id, b.holder_id
      FOR UPDATE;
    WITH deltas AS (
      SELECT programme_id, holder_id, SUM(dr) AS dr, SUM(dp) AS dp, MAX(lr) AS lr FROM (
        SELECT programme_id, from_holder_id AS holder_id, 0::bigint AS dr, amount_fen AS dp, NULL::timestamptz AS lr
          FROM new_rows WHERE kind <> 'reversal' AND from_holder_id IS NOT NULL
        UNION ALL
        SELECT programme_id, to_holder_id, amount_fen, 0, transfer_date::timestamptz FROM new_rows WHERE kind <> 'reversal'
        UNION ALL
        SELECT programme_id, from_holder_id, -amount_fen, 0, NULL FROM new_rows WHERE kind = 'reversal'
        UNION ALL
        SELECT programme_id, to_holder_id, 0, -amount_fen, NULL FROM new_rows WHERE kind = 'reversal'
      ) x GROUP BY programme_id, holder_id
    )
    UPDATE balances b
      SET received_fen = b.received_fen + d.dr,
          passed_on_fen = b.passed_on_fen + d.dp,
          balance_fen = b.balance_fen + d.dr - d.dp,
          last_received_at = GREATEST(b.last_received_at, d.lr)
      FROM deltas d
      WHERE b.programme_id = d.programme_id AND b.holder_id = d.holder_id;
  EXCEPTION WHEN check_violation THEN
    -- Name the first row whose outflow exceeds what its holder had plus what this statement brought in.
    SELECT line INTO bad_line FROM (
      SELECT coalesce(o.import_line, 0) AS line,
             SUM(o.amount_fen) OVER (PARTITION BY o.programme_id, o.from_holder_id ORDER BY o.import_line NULLS LAST, o.id) AS running,
             coalesce((SELECT bb.balance_fen FROM balances bb WHERE bb.programme_id = o.programme_id AND bb.holder_id = o.from_holder_id), 0)
               + coalesce((SELECT SUM(i.amount_fen) FROM new_rows i WHERE i.programme_id = o.programme_id AND i.to_holder_id = o.from_holder_id), 0) AS available
      FROM new_rows o WHERE o.from_holder_id IS NOT NULL
    ) r WHERE running > available ORDER BY line LIMIT 1;
    RAISE EXCEPTION 'ledger:insufficient_balance line=%', coalesce(bad_line, 0) USING ERRCODE = 'P0001';
  END;
  RETURN NULL;
END;
$$;
