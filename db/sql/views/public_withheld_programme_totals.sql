-- Withheld programmes' money as one line per legal basis, so public totals never hide a residue;
-- the sum only from withheld_aggregate_min_items() programmes on (a sum of one is that programme).
CREATE OR REPLACE VIEW "public_withheld_programme_totals" AS
  SELECT b.code AS basis_code, b.name AS basis_name, b.name_en AS basis_name_en, count(*)::int AS programmes,
         (CASE WHEN count(*) >= withheld_aggregate_min_items() THEN sum(fp.total_fen) END)::bigint AS total_fen
  FROM (SELECT DISTINCT ON (w.item_id) w.item_id, w.legal_basis_id FROM active_withholdings w WHERE w.item_type = 'programme' ORDER BY w.item_id, w.legal_basis_id) w
  JOIN fund_programmes fp ON fp.id = w.item_id
  JOIN legal_bases b ON b.id = w.legal_basis_id
  WHERE EXISTS (SELECT 1 FROM publications p WHERE p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND p.subject_id = fp.id)
  GROUP BY b.code, b.name, b.name_en, b.sort
  ORDER BY b.sort;
