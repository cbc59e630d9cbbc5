-- Items a moderator published, about something the public may see: the question as written, its
-- subject by public code, the latest answer and every version
-- of it (a correction never hides what was first said). No contact, no reporter, no internal ids of people.
CREATE OR REPLACE VIEW "public_feedback" AS
  SELECT f.id, f.tracking_code, f.kind, f.status, f.subject_type,
         CASE f.subject_type WHEN 'project' THEN p.code WHEN 'programme' THEN fp.code WHEN 'county' THEN c.code
                             WHEN 'publication' THEN f.subject_id::text END AS subject_code,
         CASE f.subject_type WHEN 'project' THEN p.name WHEN 'programme' THEN fp.name WHEN 'county' THEN c.name END AS subject_name,
         CASE f.subject_type WHEN 'county' THEN c.name_en END AS subject_name_en,
         f.body,
         f.created_at::text AS received_at, f.due_at::text AS due_at, f.answered_at::text AS answered_at, f.closed_at::text AS closed_at,
         o.code AS org_code, o.name AS org_name, o.name_en AS org_name_en,
         a.body AS answer, a.created_at::text AS answer_at,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('body', x.body, 'at', x.created_at::text) ORDER BY x.created_at, x.id)
                   FROM feedback_answers x WHERE x.feedback_id = f.id), '[]'::jsonb) AS answers,
         (f.status = 'assigned' AND f.due_at IS NOT NULL AND f.due_at < now()) AS overdue
  FROM feedback f
  LEFT JOIN projects p ON f.subject_type = 'project' AND p.id = f.subject_id
  LEFT JOIN fund_programmes fp ON f.subject_type = 'programme' AND fp.id = f.subject_id
  LEFT JOIN organisations c ON f.subject_type = 'county' AND c.id = f.subject_id
  LEFT JOIN organisations o ON o.id = f.assigned_org_id
  LEFT JOIN LATERAL (SELECT x.body, x.created_at FROM feedback_answers x WHERE x.feedback_id = f.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) a ON true
  WHERE f.is_public AND f.status NOT IN ('rejected', 'merged', 'received')
    AND feedback_subject_public(f.subject_type, f.subject_id);
