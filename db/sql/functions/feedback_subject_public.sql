-- Whether what a citizen's item is about may be named in public: a public project or publication,
-- a programme that is not withheld, a county, or nothing in particular. Public feedback views show
-- an item only when this holds, so withholding a project also withholds the questions about it.
CREATE OR REPLACE FUNCTION "feedback_subject_public"(s_type text, s_id integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE s_type
    WHEN 'general' THEN true
    WHEN 'project' THEN EXISTS (SELECT 1 FROM public_projects p WHERE p.id = s_id)
    WHEN 'programme' THEN NOT subject_withheld('programme', s_id)
    WHEN 'county' THEN EXISTS (SELECT 1 FROM organisations o WHERE o.id = s_id AND o.level = 'county')
    WHEN 'publication' THEN EXISTS (SELECT 1 FROM public_publications p WHERE p.id = s_id)
    ELSE false
  END;
$$;
