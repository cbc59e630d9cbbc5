-- Deadlines as the public sees them. A withheld obligation (its subject withheld, or its publication
-- withheld whole) counts as met by its withholding: it is listed as withheld with its legal basis,
-- and never names its subject. A transfer document belongs to a programme when all its lines do.
CREATE OR REPLACE VIEW "public_disclosure_obligations" AS
  WITH whole AS MATERIALIZED (
    SELECT wp.publication_id FROM withheld_publications wp WHERE wp.whole
  )
  SELECT o.id, o.kind, o.subject_type,
         CASE WHEN x.withheld THEN NULL ELSE o.subject_id END AS subject_id,
         o.responsible_org_id, o.event_at, o.due_at, p.published_at,
         CASE WHEN x.withheld THEN NULL
           WHEN o.subject_type = 'programme' THEN o.subject_id
           WHEN o.subject_type = 'batch' THEN (SELECT b.programme_id FROM allocation_batches b WHERE b.id = o.subject_id)
           WHEN o.subject_type = 'transfer_document' THEN (
             SELECT min(t.programme_id) FROM transfer_documents d
             JOIN transfers t ON d.sender_holder_id = (CASE WHEN t.kind = 'reversal' THEN t.to_holder_id ELSE t.from_holder_id END)
                             AND t.doc_number = d.doc_number AND t.kind <> 'appropriation'
             WHERE d.id = o.subject_id HAVING count(DISTINCT t.programme_id) = 1) END AS programme_id,
         CASE WHEN x.withheld THEN NULL
           WHEN o.subject_type = 'project' THEN o.subject_id
           WHEN o.subject_type = 'evaluation' THEN (SELECT e.project_id FROM evaluations e WHERE e.id = o.subject_id) END AS project_id,
         (SELECT c.id FROM organisations c WHERE c.id = org_government(o.responsible_org_id) AND c.level = 'county') AS county_id,
         CASE
           WHEN x.withheld THEN 'withheld'
           WHEN o.publication_id IS NULL THEN CASE WHEN o.due_at < now() THEN 'overdue' ELSE 'pending' END
           WHEN p.published_at <= o.due_at THEN 'on_time'
           ELSE 'late'
         END AS status,
         x.basis_code
  FROM disclosure_obligations o
  LEFT JOIN publications p ON p.id = o.publication_id
  CROSS JOIN LATERAL (
    SELECT y.withheld, CASE WHEN y.withheld THEN (SELECT b.code FROM active_withholdings w JOIN legal_bases b ON b.id = w.legal_basis_id
            WHERE (w.item_type = 'programme' AND w.item_id = (CASE o.subject_type WHEN 'programme' THEN o.subject_id
                                                                 WHEN 'batch' THEN (SELECT b2.programme_id FROM allocation_batches b2 WHERE b2.id = o.subject_id) END))
               OR (w.item_type = 'project' AND w.item_id = (CASE o.subject_type WHEN 'project' THEN o.subject_id
                                                               WHEN 'evaluation' THEN (SELECT e.project_id FROM evaluations e WHERE e.id = o.subject_id) END))
               OR (w.item_type = 'document' AND EXISTS (SELECT 1 FROM publication_items pi WHERE pi.publication_id = o.publication_id AND pi.path IS NULL AND pi.document_id = w.item_id))
            ORDER BY b.sort, b.code LIMIT 1) END AS basis_code
    FROM (SELECT subject_withheld(o.subject_type, o.subject_id)
                 OR EXISTS (SELECT 1 FROM whole WHERE whole.publication_id = o.publication_id) AS withheld) y
    OFFSET 0
  ) x;
