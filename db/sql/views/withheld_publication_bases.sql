-- Per publication and legal basis: how many lines are withheld, their sum, and whether the sum may be shown.
CREATE OR REPLACE VIEW "withheld_publication_bases" AS
  SELECT l.publication_id, l.legal_basis_id, count(*)::int AS items, sum(l.amount_fen)::bigint AS amount_fen,
         (count(*) >= withheld_aggregate_min_items()
          AND count(l.amount_fen) = count(*)
          AND EXISTS (SELECT 1 FROM publications p JOIN allocation_batches b ON b.id = p.subject_id
                      WHERE p.id = l.publication_id AND p.subject_type = 'batch' AND b.recipient_kind <> 'government')) AS amount_shown
  FROM withheld_publication_lines l
  GROUP BY l.publication_id, l.legal_basis_id;
