-- One row per withheld node of a publication, under one legal basis (the lowest id when several
-- withholdings cover the same node, as public_content always assigned it).
CREATE OR REPLACE VIEW "withheld_publication_lines" AS
  SELECT DISTINCT ON (wi.publication_id, wi.path) wi.publication_id, wi.path, wi.amount_fen, wi.legal_basis_id
  FROM withheld_publication_items wi
  WHERE wi.path IS NOT NULL
  ORDER BY wi.publication_id, wi.path, wi.legal_basis_id;
