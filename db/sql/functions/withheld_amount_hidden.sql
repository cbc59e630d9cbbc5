-- Whether a publication has a withheld line whose amount is not shown. plpgsql on purpose: the
-- planner then costs it as one call instead of expanding the views into every public query (on
-- PostgreSQL that expansion pushed plan estimates over the JIT thresholds and cost seconds per read).
CREATE OR REPLACE FUNCTION "withheld_amount_hidden"(pub_id integer) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM withheld_publication_bases x WHERE x.publication_id = pub_id AND NOT x.amount_shown);
END;
$$;
