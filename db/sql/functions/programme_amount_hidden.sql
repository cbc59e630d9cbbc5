-- Whether a batch of the programme hides a withheld amount: then the programme's total is not shown either.
CREATE OR REPLACE FUNCTION "programme_amount_hidden"(prog_id integer) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM allocation_batches b
    JOIN publications p ON p.kind IN ('formula', 'allocation_result') AND p.subject_type = 'batch' AND p.subject_id = b.id
    WHERE b.programme_id = prog_id AND withheld_amount_hidden(p.id));
END;
$$;
