-- Whether `child` lies somewhere below `ancestor` in the organisation tree (never itself).
CREATE OR REPLACE FUNCTION "org_is_strict_descendant"(child integer, ancestor integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(id) AS (
    SELECT parent_id FROM organisations WHERE id = child
    UNION ALL
    SELECT o.parent_id FROM organisations o JOIN up ON o.id = up.id WHERE up.id IS NOT NULL
  )
  SELECT EXISTS (SELECT 1 FROM up WHERE id = ancestor);
$$;
