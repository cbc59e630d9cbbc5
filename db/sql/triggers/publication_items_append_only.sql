-- Publication items are part of the immutable snapshot they describe.
CREATE OR REPLACE TRIGGER "publication_items_append_only" BEFORE UPDATE OR DELETE ON "publication_items" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
