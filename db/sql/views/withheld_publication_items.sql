-- Every publication item an active withholding covers, with the withholding's legal basis.
CREATE OR REPLACE VIEW "withheld_publication_items" AS
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id AS withholding_id, w.legal_basis_id
  FROM publication_items pi
  JOIN active_withholdings w ON
       (w.item_type = 'programme' AND w.item_id = pi.programme_id)
    OR (w.item_type = 'project' AND w.item_id = pi.project_id)
    OR (w.item_type = 'document' AND w.item_id = pi.document_id)
    OR (w.item_type = 'transfer' AND EXISTS (
         SELECT 1 FROM transfers t WHERE t.id = w.item_id AND t.batch_id = pi.batch_id AND t.to_holder_id = pi.holder_id))
    -- A document's line: the withheld transfer itself, or a reversal of it (which would name it).
    OR (w.item_type = 'transfer' AND pi.transfer_id IS NOT NULL AND (
         w.item_id = pi.transfer_id OR w.item_id = (SELECT t.reverses_id FROM transfers t WHERE t.id = pi.transfer_id)));
