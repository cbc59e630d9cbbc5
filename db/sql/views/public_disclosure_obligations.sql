-- Deadlines as the public sees them: a subject that is withheld is not listed at all; a publication
-- that exists but is withheld shows as withheld, never as missing.
CREATE OR REPLACE VIEW "public_disclosure_obligations" AS
  SELECT o.id, o.kind, o.subject_type, o.subject_id, o.responsible_org_id, o.event_at, o.due_at, p.published_at,
         CASE o.subject_type WHEN 'programme' THEN o.subject_id
           WHEN 'batch' THEN (SELECT b.programme_id FROM allocation_batches b WHERE b.id = o.subject_id) END AS programme_id,
         CASE o.subject_type WHEN 'project' THEN o.subject_id
           WHEN 'evaluation' THEN (SELECT e.project_id FROM evaluations e WHERE e.id = o.subject_id) END AS project_id,
         CASE
           WHEN o.publication_id IS NULL THEN CASE WHEN o.due_at < now() THEN 'overdue' ELSE 'pending' END
           WHEN NOT EXISTS (SELECT 1 FROM public_publications pp WHERE pp.id = o.publication_id) THEN 'withheld'
           WHEN p.published_at <= o.due_at THEN 'on_time'
           ELSE 'late'
         END AS status
  FROM disclosure_obligations o
  LEFT JOIN publications p ON p.id = o.publication_id
  WHERE NOT subject_withheld(o.subject_type, o.subject_id);
