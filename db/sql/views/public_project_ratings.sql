-- Citizens' satisfaction with a public project: confirmed ratings only (an unconfirmed address has
-- not shown it is someone's), as whole counts so that every average and share is computed exactly
-- from them (score_sum / ratings, satisfied / ratings), never a rounded float.
CREATE OR REPLACE VIEW "public_project_ratings" AS
  SELECT pp.code AS project_code,
         count(*)::int AS ratings,
         sum(r.score)::int AS score_sum,
         count(*) FILTER (WHERE r.score = 1)::int AS score_1,
         count(*) FILTER (WHERE r.score = 2)::int AS score_2,
         count(*) FILTER (WHERE r.score = 3)::int AS score_3,
         count(*) FILTER (WHERE r.score = 4)::int AS score_4,
         count(*) FILTER (WHERE r.score = 5)::int AS score_5,
         count(*) FILTER (WHERE r.score >= 4)::int AS satisfied
  FROM project_ratings r
  JOIN public_projects pp ON pp.id = r.project_id
  WHERE r.confirmed_at IS NOT NULL
  GROUP BY pp.code;
