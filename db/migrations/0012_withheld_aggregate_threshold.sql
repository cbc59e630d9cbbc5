-- Withholding must not reveal by arithmetic what it hides. Until now every publication with
-- withheld lines showed one line per legal basis with their summed amount, and the batch total
-- beside the remaining lines: with one item under a basis that sum was the item's own amount,
-- and total minus visible lines gave it again. The rule from here on, applied in this read model
-- so that every page, API, export and feed inherits it:
--   1. The sum of the lines withheld under one legal basis in a publication is shown only when at
--      least k items fall under it (setting withheld_aggregate_min_items, default 3, never below 2),
--      every one of them has an amount, and the batch's recipients are not known in advance. A batch
--      to the governments one level below has a known list of recipients: the missing one is named
--      by elimination, so there the sum is never shown. Otherwise the line keeps its count, no amount.
--   2. Where a withheld sum is not shown, nothing that would give it by subtraction is shown either:
--      the batch total, the total of the batch's programme in the catalogue (a batch may be the whole
--      programme), and, through them, every total that adds them up. Readers get null, never a
--      total that silently leaves something out. The remaining lines' factor values go too, since
--      with the weights and their amounts they give the pool total back.
--   3. Withheld programmes are summed per legal basis under the same k.
--   4. A publication whose content was redacted shows a neutral notice instead of its free text,
--      which may repeat the total or the number of recipients.
INSERT INTO "settings" ("key", "value") VALUES ('withheld_aggregate_min_items', '3') ON CONFLICT ("key") DO NOTHING;
--> statement-breakpoint
-- k as a number, whatever the setting holds: an unreadable value falls back to 3, and 1 (a single
-- item's amount) is never allowed.
CREATE FUNCTION "withheld_aggregate_min_items"() RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT greatest(2, coalesce((SELECT CASE WHEN s.value ~ '^\s*[0-9]{1,6}\s*$' THEN btrim(s.value)::int END
                               FROM settings s WHERE s.key = 'withheld_aggregate_min_items'), 3));
$$;
--> statement-breakpoint
-- One row per withheld node of a publication, under one legal basis (the lowest id when several
-- withholdings cover the same node, as public_content always assigned it).
CREATE VIEW "withheld_publication_lines" AS
  SELECT DISTINCT ON (wi.publication_id, wi.path) wi.publication_id, wi.path, wi.amount_fen, wi.legal_basis_id
  FROM withheld_publication_items wi
  WHERE wi.path IS NOT NULL
  ORDER BY wi.publication_id, wi.path, wi.legal_basis_id;
--> statement-breakpoint
-- Per publication and legal basis: how many lines are withheld, their sum, and whether the sum may be shown.
CREATE VIEW "withheld_publication_bases" AS
  SELECT l.publication_id, l.legal_basis_id, count(*)::int AS items, sum(l.amount_fen)::bigint AS amount_fen,
         (count(*) >= withheld_aggregate_min_items()
          AND count(l.amount_fen) = count(*)
          AND EXISTS (SELECT 1 FROM publications p JOIN allocation_batches b ON b.id = p.subject_id
                      WHERE p.id = l.publication_id AND p.subject_type = 'batch' AND b.recipient_kind <> 'government')) AS amount_shown
  FROM withheld_publication_lines l
  GROUP BY l.publication_id, l.legal_basis_id;
--> statement-breakpoint
-- Whether a publication has a withheld line whose amount is not shown. plpgsql on purpose: the
-- planner then costs it as one call instead of expanding the views into every public query (on
-- PostgreSQL that expansion pushed plan estimates over the JIT thresholds and cost seconds per read).
CREATE FUNCTION "withheld_amount_hidden"(pub_id integer) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM withheld_publication_bases x WHERE x.publication_id = pub_id AND NOT x.amount_shown);
END;
$$;
--> statement-breakpoint
-- Whether a batch of the programme hides a withheld amount: then the programme's total is not shown either.
CREATE FUNCTION "programme_amount_hidden"(prog_id integer) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM allocation_batches b
    JOIN publications p ON p.kind IN ('formula', 'allocation_result') AND p.subject_type = 'batch' AND p.subject_id = b.id
    WHERE b.programme_id = prog_id AND withheld_amount_hidden(p.id));
END;
$$;
--> statement-breakpoint
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
--> statement-breakpoint
-- The public read model with the fast path of 0008, now also touching the catalogue entry of a
-- programme whose batch hides an amount, and with a neutral notice for anything redacted.
CREATE OR REPLACE VIEW "public_publications" AS
  SELECT p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title,
         r.content,
         CASE WHEN t.touched AND r.content <> p.content THEN '本条部分内容依法不予公开，详见不予公开事项登记（/disclosure/withheld）。' ELSE p.notice END AS notice,
         CASE WHEN NOT t.touched THEN p.content_hash
              WHEN r.content = p.content THEN p.content_hash
              ELSE encode(sha256(convert_to(r.content::text, 'UTF8')), 'hex') END AS content_hash,
         p.change_reason, p.issuer_org_id, p.doc_number, p.data_as_of, p.event_at, p.published_at, p.is_demo,
         CASE WHEN t.touched THEN r.content <> p.content ELSE false END AS redacted
  FROM publications p
  CROSS JOIN LATERAL (
    SELECT EXISTS (SELECT 1 FROM active_withholdings)
       AND (EXISTS (SELECT 1 FROM withheld_publication_items wi WHERE wi.publication_id = p.id)
            OR EXISTS (SELECT 1 FROM active_withholdings w JOIN publication_items pi ON pi.programme_id = w.item_id
                       WHERE w.item_type = 'field' AND pi.publication_id = p.id AND pi.path IS NULL)
            OR (p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND programme_amount_hidden(p.subject_id))) AS touched
  ) t
  CROSS JOIN LATERAL (SELECT CASE WHEN t.touched THEN public_content(p.id, p.content) ELSE p.content END AS content) r
  WHERE NOT (t.touched AND EXISTS (SELECT 1 FROM withheld_publication_items wi WHERE wi.publication_id = p.id AND wi.path IS NULL));
--> statement-breakpoint
-- Rule 3: withheld programmes' money per legal basis, its sum only from k programmes on.
CREATE OR REPLACE VIEW "public_withheld_programme_totals" AS
  SELECT b.code AS basis_code, b.name AS basis_name, b.name_en AS basis_name_en, count(*)::int AS programmes,
         (CASE WHEN count(*) >= withheld_aggregate_min_items() THEN sum(fp.total_fen) END)::bigint AS total_fen
  FROM (SELECT DISTINCT ON (w.item_id) w.item_id, w.legal_basis_id FROM active_withholdings w WHERE w.item_type = 'programme' ORDER BY w.item_id, w.legal_basis_id) w
  JOIN fund_programmes fp ON fp.id = w.item_id
  JOIN legal_bases b ON b.id = w.legal_basis_id
  WHERE EXISTS (SELECT 1 FROM publications p WHERE p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND p.subject_id = fp.id)
  GROUP BY b.code, b.name, b.name_en, b.sort
  ORDER BY b.sort;
