-- Every movement of money the public may see, one row per line of the latest public version of each
-- document's allocation result (public_publications: withheld lines, documents and senders already
-- gone). Pages, totals and searches of money read this view only, so a withheld transfer cannot be
-- counted, found or subtracted back: it is not a row here.
CREATE OR REPLACE VIEW "public_transfer_lines" AS
  WITH latest AS MATERIALIZED (
    SELECT DISTINCT ON (p.subject_id) p.id, p.content, p.is_demo
    FROM public_publications p
    WHERE p.subject_type = 'transfer_document' AND p.kind = 'allocation_result'
    ORDER BY p.subject_id, p.version DESC
  )
  SELECT (l->>'transferId')::integer AS transfer_id,
         l->>'kind' AS kind,
         (l->>'date')::date::text AS transfer_date,
         l->>'docNumber' AS doc_number,
         l->>'programmeCode' AS programme_code,
         l->>'programmeName' AS programme_name,
         l->>'programmeLevel' AS programme_level,
         l->'from'->>'code' AS from_code,
         l->'from'->>'kind' AS from_kind,
         l->'from'->>'name' AS from_name,
         l->'from'->>'nameEn' AS from_name_en,
         l->'from'->>'countyCode' AS from_county_code,
         l->'to'->>'code' AS to_code,
         l->'to'->>'kind' AS to_kind,
         l->'to'->>'name' AS to_name,
         l->'to'->>'nameEn' AS to_name_en,
         l->'to'->>'countyCode' AS to_county_code,
         l->>'projectCode' AS project_code,
         (l->>'amountFen')::bigint::text AS amount_fen,
         (l->>'reversesTransferId')::integer AS reverses_transfer_id,
         latest.id AS publication_id,
         latest.is_demo
  FROM latest CROSS JOIN LATERAL jsonb_array_elements(latest.content->'lines') AS l;
