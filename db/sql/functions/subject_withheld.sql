-- Whether a publication subject (programme, batch, project, evaluation) is withheld as a whole.
CREATE OR REPLACE FUNCTION "subject_withheld"(s_type text, s_id integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM active_withholdings w
    WHERE (w.item_type = 'programme' AND (
             (s_type = 'programme' AND w.item_id = s_id)
          OR (s_type = 'batch' AND w.item_id = (SELECT b.programme_id FROM allocation_batches b WHERE b.id = s_id))))
       OR (w.item_type = 'project' AND (
             (s_type = 'project' AND w.item_id = s_id)
          OR (s_type = 'evaluation' AND w.item_id = (SELECT e.project_id FROM evaluations e WHERE e.id = s_id)))));
$$;
