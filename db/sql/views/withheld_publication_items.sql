-- Every publication item an active withholding covers, with the withholding's legal basis. One branch
-- per kind of item, each driven by the (few) active withholdings through an index, so the set is
-- cheap to compute whole; the branches are disjoint, so UNION ALL lists each (item, withholding) once.
CREATE OR REPLACE VIEW "withheld_publication_items" AS
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id AS withholding_id, w.legal_basis_id, pi.transfer_id
  FROM active_withholdings w JOIN publication_items pi ON pi.programme_id = w.item_id
  WHERE w.item_type = 'programme'
  UNION ALL
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id, w.legal_basis_id, pi.transfer_id
  FROM active_withholdings w JOIN publication_items pi ON pi.project_id = w.item_id
  WHERE w.item_type = 'project'
  UNION ALL
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id, w.legal_basis_id, pi.transfer_id
  FROM active_withholdings w JOIN publication_items pi ON pi.document_id = w.item_id
  WHERE w.item_type = 'document'
  UNION ALL
  -- A batch's recipient line paid by the withheld transfer.
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id, w.legal_basis_id, pi.transfer_id
  FROM active_withholdings w JOIN transfers t ON t.id = w.item_id
  JOIN publication_items pi ON pi.batch_id = t.batch_id AND pi.holder_id = t.to_holder_id
  WHERE w.item_type = 'transfer'
  UNION ALL
  -- A document's line: the withheld transfer itself…
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id, w.legal_basis_id, pi.transfer_id
  FROM active_withholdings w JOIN publication_items pi ON pi.transfer_id = w.item_id
  WHERE w.item_type = 'transfer'
  UNION ALL
  -- …or a reversal of it, which would name it.
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id, w.legal_basis_id, pi.transfer_id
  FROM active_withholdings w JOIN transfers r ON r.reverses_id = w.item_id
  JOIN publication_items pi ON pi.transfer_id = r.id
  WHERE w.item_type = 'transfer'
  UNION ALL
  -- A reported value of a plan indicator: every version of its series, whole.
  SELECT p.id, NULL::text[], NULL::bigint, w.id, w.legal_basis_id, NULL::integer
  FROM active_withholdings w JOIN publications p ON p.subject_type = 'indicator_report' AND p.subject_id = w.item_id
  WHERE w.item_type = 'indicator_report'
  UNION ALL
  -- An auditor's finding, withheld through the exception process: every version of it, whole.
  SELECT p.id, NULL::text[], NULL::bigint, w.id, w.legal_basis_id, NULL::integer
  FROM active_withholdings w JOIN publications p ON p.subject_type = 'finding' AND p.subject_id = w.item_id
  WHERE w.item_type = 'finding'
  UNION ALL
  -- A finding on a publication of a withheld indicator value or finding names that publication (its
  -- label is the title), and so does a finding on that finding's publication: each, whole, however
  -- long the chain. (A finding on any other publication copies what that one names when it is published.)
  SELECT n.publication_id, NULL::text[], NULL::bigint, n.withholding_id, n.legal_basis_id, NULL::integer
  FROM (
    WITH RECURSIVE named(publication_id, withholding_id, legal_basis_id) AS (
      SELECT fp.id, w.id, w.legal_basis_id
      FROM active_withholdings w
      JOIN publications p ON p.subject_type = w.item_type AND p.subject_id = w.item_id
      JOIN findings f ON f.subject_type = 'publication' AND f.subject_id = p.id
      JOIN publications fp ON fp.subject_type = 'finding' AND fp.subject_id = f.id
      WHERE w.item_type IN ('indicator_report', 'finding')
      UNION
      SELECT fp.id, n.withholding_id, n.legal_basis_id
      FROM named n
      JOIN findings f ON f.subject_type = 'publication' AND f.subject_id = n.publication_id
      JOIN publications fp ON fp.subject_type = 'finding' AND fp.subject_id = f.id
    )
    SELECT publication_id, withholding_id, legal_basis_id FROM named
  ) n;
