-- The one public read model of publications: nothing whose subject or document is withheld, and
-- redacted content otherwise. A redacted row's hash is of what the public sees, never of the full
-- content (that hash would let a withheld amount be guessed and checked), and its free-text notice is
-- replaced by a neutral one. Fast path: a publication no active withholding touches is returned as
-- stored, without calling public_content.
CREATE OR REPLACE VIEW "public_publications" AS
  SELECT p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title,
         r.content,
         CASE WHEN t.touched AND r.content <> p.content THEN '本条部分内容依法不予公开，详见不予公开事项登记（/disclosure/withheld）。' ELSE p.notice END AS notice,
         CASE WHEN NOT t.touched THEN p.content_hash
              WHEN r.content = p.content THEN p.content_hash
              ELSE encode(sha256(convert_to(r.content::text, 'UTF8')), 'hex') END AS content_hash,
         p.change_reason, p.issuer_org_id, p.doc_number, p.data_as_of, p.event_at, p.published_at, p.is_demo,
         CASE WHEN t.touched THEN r.content <> p.content ELSE false END AS redacted
  FROM publications p
  CROSS JOIN LATERAL (
    SELECT EXISTS (SELECT 1 FROM active_withholdings)
       AND (EXISTS (SELECT 1 FROM withheld_publication_items wi WHERE wi.publication_id = p.id)
            OR EXISTS (SELECT 1 FROM active_withholdings w JOIN publication_items pi ON pi.programme_id = w.item_id
                       WHERE w.item_type = 'field' AND pi.publication_id = p.id AND pi.path IS NULL)
            OR (p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND programme_amount_hidden(p.subject_id))) AS touched
  ) t
  CROSS JOIN LATERAL (SELECT CASE WHEN t.touched THEN public_content(p.id, p.content) ELSE p.content END AS content) r
  WHERE NOT (t.touched AND EXISTS (SELECT 1 FROM withheld_publication_items wi WHERE wi.publication_id = p.id AND wi.path IS NULL));
