-- The exception register: how many items of which kind, on which basis, since and until when.
CREATE OR REPLACE VIEW "public_withholding_register" AS
  SELECT w.item_type, b.code AS basis_code, b.name AS basis_name, b.name_en AS basis_name_en,
         ((coalesce(o.activated_at, w.activated_at) AT TIME ZONE 'UTC') + interval '8 hours')::date AS since,
         w.review_date AS until, count(*)::int AS items
  FROM active_withholdings w
  JOIN legal_bases b ON b.id = w.legal_basis_id
  LEFT JOIN withholdings o ON o.id = w.renews_id
  WHERE NOT EXISTS (SELECT 1 FROM active_withholdings n WHERE n.renews_id = w.id)
  GROUP BY 1, 2, 3, 4, 5, 6;
