-- What anyone holding a tracking code may read of an item: its status, dates and the organisation
-- that must answer, never its text, contact or photos (an item may be rejected or kept private).
-- Overdue is computed here, so the public and the supervisors see the same deadline.
CREATE OR REPLACE VIEW "public_feedback_status" AS
  SELECT f.tracking_code, f.kind, f.status,
         (f.is_public AND f.status NOT IN ('rejected', 'merged') AND feedback_subject_public(f.subject_type, f.subject_id)) AS is_public,
         f.created_at::text AS received_at, f.assigned_at::text AS assigned_at, f.due_at::text AS due_at,
         f.answered_at::text AS answered_at, f.closed_at::text AS closed_at,
         o.code AS org_code, o.name AS org_name, o.name_en AS org_name_en,
         CASE WHEN f.status = 'rejected' THEN f.reject_reason END AS reject_reason,
         m.tracking_code AS merged_into,
         (f.status = 'assigned' AND f.due_at IS NOT NULL AND f.due_at < now()) AS overdue
  FROM feedback f
  LEFT JOIN organisations o ON o.id = f.assigned_org_id
  LEFT JOIN feedback m ON m.id = f.merged_into_id;
