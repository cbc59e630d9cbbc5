-- In force: approved by two and before its review date. On the review date the item is public again.
CREATE OR REPLACE VIEW "active_withholdings" AS
  SELECT w.id, w.item_type, w.item_id, w.field, w.legal_basis_id, w.review_date, w.activated_at, w.renews_id
  FROM withholdings w
  WHERE w.status = 'active' AND w.review_date > china_today();
