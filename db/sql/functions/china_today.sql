-- "Today" where documents are dated (China, UTC+8), whatever the server clock's time zone.
CREATE OR REPLACE FUNCTION "china_today"() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date;
$$;
