-- The government an organisation belongs to: itself if it is one, else its nearest ancestor that is.
-- Money may move from a department to anything under its own government, never up or across.
CREATE OR REPLACE FUNCTION "org_government"(org integer) RETURNS integer LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(id, parent_id, kind, depth) AS (
    SELECT id, parent_id, kind, 0 FROM organisations WHERE id = org
    UNION ALL
    SELECT o.id, o.parent_id, o.kind, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.kind <> 'government'
  )
  SELECT id FROM up WHERE kind = 'government' ORDER BY depth LIMIT 1;
$$;
