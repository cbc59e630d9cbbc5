-- The same public read model, with a fast path: a publication that no active withholding touches
-- is returned as stored, without calling the redaction function. Measured with 1,000 published
-- allocations on PGlite, listing them went from ~330 ms to the cost of a plain scan.
CREATE OR REPLACE VIEW "public_publications" AS
  SELECT p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title,
         r.content,
         p.notice,
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
                       WHERE w.item_type = 'field' AND pi.publication_id = p.id AND pi.path IS NULL)) AS touched
  ) t
  CROSS JOIN LATERAL (SELECT CASE WHEN t.touched THEN public_content(p.id, p.content) ELSE p.content END AS content) r
  WHERE NOT (t.touched AND EXISTS (SELECT 1 FROM withheld_publication_items wi WHERE wi.publication_id = p.id AND wi.path IS NULL));
