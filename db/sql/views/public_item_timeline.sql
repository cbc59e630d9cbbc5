-- What the public may see of a workflow item's history: transitions into public stages only, the
-- organisation that acted, an officer's name only where the organisation shows them, and nothing
-- of an item whose project or programme is withheld. Public pages read this view, never the
-- workflow tables.
CREATE OR REPLACE VIEW "public_item_timeline" AS
  SELECT t.id,
         i.id AS item_id,
         i.kind,
         CASE WHEN i.kind = 'project_application' THEN pa.project_id END AS project_id,
         CASE WHEN i.kind = 'allocation_batch' THEN i.subject_id END AS batch_id,
         t.to_stage AS stage,
         x.st->>'name' AS stage_name,
         x.st->>'nameEn' AS stage_name_en,
         t.at,
         o.name AS organisation_name,
         CASE WHEN o.show_officer_names THEN u.display_name END AS officer_name
  FROM workflow_transitions t
  JOIN workflow_items i ON i.id = t.item_id
  JOIN workflow_definitions d ON d.id = i.definition_id
  CROSS JOIN LATERAL (
    SELECT s AS st FROM jsonb_array_elements(d.definition->'stages') AS s WHERE s->>'code' = t.to_stage LIMIT 1
  ) x
  JOIN users u ON u.id = t.actor_id
  JOIN organisations o ON o.id = u.organisation_id
  LEFT JOIN project_applications pa ON i.kind = 'project_application' AND pa.id = i.subject_id
  WHERE COALESCE((x.st->>'public')::boolean, true)
    AND NOT (i.kind = 'project_application' AND subject_withheld('project', pa.project_id))
    AND NOT (i.kind = 'allocation_batch' AND subject_withheld('batch', i.subject_id));
