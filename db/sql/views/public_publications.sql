-- The one public read model of publications: nothing whose subject or document is withheld, and
-- redacted content otherwise. A redacted row's hash is of what the public sees, never of the full
-- content (that hash would let a withheld amount be guessed and checked), and its free-text notice is
-- replaced by a neutral one. What is touched is computed once per query as a set (withholdings are
-- few); a publication no withholding touches is returned as stored, without calling public_content.
CREATE OR REPLACE VIEW "public_publications" AS
  WITH withheld AS MATERIALIZED (
    SELECT wp.publication_id, wp.whole FROM withheld_publications wp
  ), field_touched AS MATERIALIZED (
    SELECT DISTINCT pi.publication_id FROM active_withholdings w JOIN publication_items pi ON pi.programme_id = w.item_id
    WHERE w.item_type = 'field' AND pi.path IS NULL
  ), hidden_catalogues AS MATERIALIZED (
    SELECT DISTINCT b.programme_id FROM withheld x
    JOIN publications bp ON bp.id = x.publication_id AND bp.kind IN ('formula', 'allocation_result') AND bp.subject_type = 'batch'
    JOIN allocation_batches b ON b.id = bp.subject_id
    WHERE withheld_amount_hidden(bp.id)
  )
  SELECT p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title,
         r.content,
         CASE WHEN r.touched AND r.content <> p.content THEN '本条部分内容依法不予公开，详见不予公开事项登记（/disclosure/withheld）。' ELSE p.notice END AS notice,
         CASE WHEN NOT r.touched THEN p.content_hash
              WHEN r.content = p.content THEN p.content_hash
              ELSE encode(sha256(convert_to(r.content::text, 'UTF8')), 'hex') END AS content_hash,
         -- A document's version that lost lines to a withholding must not date or count them: its reason
         -- ("新增n笔") goes, and its data date is that of the lines still shown.
         CASE WHEN p.subject_type = 'transfer_document' AND r.touched AND r.content <> p.content THEN NULL ELSE p.change_reason END AS change_reason,
         p.issuer_org_id, p.doc_number,
         CASE WHEN p.subject_type = 'transfer_document' AND r.touched AND r.content <> p.content
              THEN coalesce((SELECT max((l->>'date')::date) FROM jsonb_array_elements(r.content->'lines') l), p.data_as_of)
              ELSE p.data_as_of END AS data_as_of,
         p.event_at, p.published_at, p.is_demo,
         CASE WHEN r.touched THEN r.content <> p.content ELSE false END AS redacted
  FROM publications p
  LEFT JOIN withheld wh ON wh.publication_id = p.id
  CROSS JOIN LATERAL (
    SELECT t.touched, CASE WHEN t.touched THEN public_content(p.id, p.content) ELSE p.content END AS content
    FROM (SELECT wh.publication_id IS NOT NULL
              OR EXISTS (SELECT 1 FROM field_touched ft WHERE ft.publication_id = p.id)
              OR (p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND EXISTS (SELECT 1 FROM hidden_catalogues hc WHERE hc.programme_id = p.subject_id)) AS touched) t
    -- A fence: public_content runs once per row, not once per column that reads it.
    OFFSET 0
  ) r
  WHERE NOT coalesce(wh.whole, false);
