-- k as a number, whatever the setting holds: an unreadable value falls back to 3, and 1 (a single
-- item's amount) is never allowed.
CREATE OR REPLACE FUNCTION "withheld_aggregate_min_items"() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT greatest(2, coalesce((SELECT CASE WHEN s.value ~ '^\s*[0-9]{1,6}\s*$' THEN btrim(s.value)::int END
                               FROM settings s WHERE s.key = 'withheld_aggregate_min_items'), 3));
$$;
