-- The content the public may see of a publication: withheld nodes removed (deepest first, highest
-- array index first, so removals never shift one another), withheld fields removed, and one line per
-- legal basis carrying its count, and its sum only where withheld_publication_bases allows it.
-- Where a withheld sum is not shown, nothing that gives it back by subtraction is shown either:
-- the batch total, the remaining lines' factor values, and the catalogue total of the programme.
CREATE OR REPLACE FUNCTION "public_content"(pub_id integer, full_content jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
  c jsonb := full_content;
  r record;
  lines jsonb;
  hidden boolean;
BEGIN
  FOR r IN
    SELECT d.path FROM (SELECT DISTINCT wi.path FROM withheld_publication_items wi WHERE wi.publication_id = pub_id AND wi.path IS NOT NULL) d
    ORDER BY array_length(d.path, 1) DESC,
             CASE WHEN d.path[array_length(d.path, 1)] ~ '^[0-9]+$' THEN d.path[array_length(d.path, 1)]::int END DESC NULLS LAST
  LOOP
    c := c #- r.path;
  END LOOP;
  FOR r IN
    SELECT string_to_array(w.field, '.') AS path FROM active_withholdings w
    WHERE w.item_type = 'field'
      AND EXISTS (SELECT 1 FROM publication_items pi WHERE pi.publication_id = pub_id AND pi.path IS NULL AND pi.programme_id = w.item_id)
  LOOP
    c := c #- r.path;
  END LOOP;
  -- One line per legal basis: its count always, its sum only where rule 1 allows (JSON null otherwise).
  SELECT jsonb_agg(jsonb_build_object('basisCode', b.code, 'basis', b.name, 'basisEn', b.name_en, 'items', x.items,
                                      'amountFen', CASE WHEN x.amount_shown THEN x.amount_fen::text END) ORDER BY b.sort, b.code),
         bool_or(NOT x.amount_shown)
    INTO lines, hidden
    FROM withheld_publication_bases x JOIN legal_bases b ON b.id = x.legal_basis_id
    WHERE x.publication_id = pub_id;
  IF lines IS NOT NULL AND jsonb_typeof(c) = 'object' THEN
    c := c || jsonb_build_object('withheld', lines);
    -- The hash of the full inputs would let a guessed withheld value be checked, and the exact
    -- shares of the remaining lines would let it be solved for: both go when anything is withheld.
    c := c #- '{batch,inputsHash}';
    IF jsonb_typeof(c->'recipients') = 'array' THEN
      c := jsonb_set(c, '{recipients}', COALESCE((SELECT jsonb_agg(e - 'share' ORDER BY n) FROM jsonb_array_elements(c->'recipients') WITH ORDINALITY AS x(e, n)), '[]'::jsonb));
    END IF;
    -- Lists that name recipients by code keep only the recipients still shown.
    IF jsonb_typeof(c->'defaultedPerformance') = 'array' THEN
      c := jsonb_set(c, '{defaultedPerformance}', COALESCE((
        SELECT jsonb_agg(d ORDER BY n) FROM jsonb_array_elements(c->'defaultedPerformance') WITH ORDINALITY AS y(d, n)
        WHERE d->>'recipient' IN (SELECT rc->>'code' FROM jsonb_array_elements(COALESCE(c->'recipients', '[]'::jsonb)) AS rc)), '[]'::jsonb));
    END IF;
    IF jsonb_typeof(c->'performance') = 'array' THEN
      c := jsonb_set(c, '{performance}', COALESCE((
        SELECT jsonb_agg(CASE WHEN hidden THEN d - 'score' ELSE d END ORDER BY n) FROM jsonb_array_elements(c->'performance') WITH ORDINALITY AS y(d, n)
        WHERE d->>'recipient' IN (SELECT rc->>'code' FROM jsonb_array_elements(COALESCE(c->'recipients', '[]'::jsonb)) AS rc)), '[]'::jsonb));
    END IF;
    -- Rule 2: a sum not shown must not follow from the total minus the remaining lines, nor the
    -- total from the formula: with the weights, the remaining lines' factor values and amounts give
    -- it by regression (a factor every recipient shares, such as a defaulted performance score, pins it).
    IF hidden AND jsonb_typeof(c->'batch') = 'object' AND c->'batch' ? 'totalFen' THEN
      c := jsonb_set(c, '{batch,totalFen}', 'null'::jsonb);
    END IF;
    IF hidden AND jsonb_typeof(c->'recipients') = 'array' THEN
      c := jsonb_set(c, '{recipients}', COALESCE((
        SELECT jsonb_agg(jsonb_set(jsonb_set(e, '{values}', '{}'::jsonb), '{sources}', '{}'::jsonb) ORDER BY n)
        FROM jsonb_array_elements(c->'recipients') WITH ORDINALITY AS x(e, n)), '[]'::jsonb));
    END IF;
  END IF;
  -- Rule 2 for the catalogue: a batch may be the whole programme, so its total goes too.
  IF jsonb_typeof(c) = 'object' AND c ? 'totalFen' AND EXISTS (
       SELECT 1 FROM publications p
       WHERE p.id = pub_id AND p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND programme_amount_hidden(p.subject_id)) THEN
    c := jsonb_set(c, '{totalFen}', 'null'::jsonb);
  END IF;
  RETURN c;
END;
$$;
