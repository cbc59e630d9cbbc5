-- Publications withheld as a whole: one whose subject, sender or document is withheld (an item with
-- no path), or a document's allocation result every line of which is withheld (an empty shell would
-- still name its sender, its 文号 and when the withheld line moved).
CREATE OR REPLACE VIEW "withheld_publications" AS
  SELECT wi.publication_id,
         bool_or(wi.path IS NULL)
         OR (bool_or(wi.transfer_id IS NOT NULL)
             AND count(DISTINCT wi.path) FILTER (WHERE wi.transfer_id IS NOT NULL)
               = (SELECT count(*) FROM publication_items pi WHERE pi.publication_id = wi.publication_id AND pi.transfer_id IS NOT NULL)) AS whole
  FROM withheld_publication_items wi
  GROUP BY wi.publication_id;
