CREATE TABLE "publication_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "publication_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"publication_id" integer NOT NULL,
	"path" text[],
	"programme_id" integer,
	"project_id" integer,
	"document_id" integer,
	"batch_id" integer,
	"holder_id" integer,
	"amount_fen" bigint
);
--> statement-breakpoint
ALTER TABLE "withholdings" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "withholdings" ADD COLUMN "renews_id" integer;--> statement-breakpoint
ALTER TABLE "withholdings" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publication_items" ADD CONSTRAINT "publication_items_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publication_items_publication_idx" ON "publication_items" USING btree ("publication_id");--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_renews_id_withholdings_id_fk" FOREIGN KEY ("renews_id") REFERENCES "public"."withholdings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withholdings" ADD CONSTRAINT "withholdings_field_named" CHECK (("withholdings"."item_type" = 'field') = ("withholdings"."field" IS NOT NULL));--> statement-breakpoint
-- Disclosure read model. Snapshots stay immutable; withholding is applied when the public reads,
-- so an approval, a renewal or a lapse at the review date takes effect without rewriting or a timer.
CREATE TRIGGER "publication_items_append_only" BEFORE UPDATE OR DELETE ON "publication_items" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE FUNCTION "china_today"() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date;
$$;
--> statement-breakpoint
-- In force: approved by two and before its review date. On the review date the item is public again.
CREATE VIEW "active_withholdings" AS
  SELECT w.id, w.item_type, w.item_id, w.field, w.legal_basis_id, w.review_date, w.activated_at, w.renews_id
  FROM withholdings w
  WHERE w.status = 'active' AND w.review_date > china_today();
--> statement-breakpoint
CREATE VIEW "withheld_publication_items" AS
  SELECT pi.publication_id, pi.path, pi.amount_fen, w.id AS withholding_id, w.legal_basis_id
  FROM publication_items pi
  JOIN active_withholdings w ON
       (w.item_type = 'programme' AND w.item_id = pi.programme_id)
    OR (w.item_type = 'project' AND w.item_id = pi.project_id)
    OR (w.item_type = 'document' AND w.item_id = pi.document_id)
    OR (w.item_type = 'transfer' AND EXISTS (
         SELECT 1 FROM transfers t WHERE t.id = w.item_id AND t.batch_id = pi.batch_id AND t.to_holder_id = pi.holder_id));
--> statement-breakpoint
-- The content the public may see: withheld nodes removed (deepest first, highest array index first,
-- so removals never shift one another), withheld fields removed, and one line per legal basis
-- carrying the count and summed amount, so totals add up without naming any withheld item.
CREATE FUNCTION "public_content"(pub_id integer, full_content jsonb) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
  c jsonb := full_content;
  r record;
  lines jsonb;
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
  SELECT jsonb_agg(jsonb_build_object('basisCode', b.code, 'basis', b.name, 'basisEn', b.name_en, 'items', x.items, 'amountFen', x.amount::text) ORDER BY b.sort, b.code)
    INTO lines
    FROM (
      SELECT one.legal_basis_id, count(*)::int AS items, sum(one.amount_fen) AS amount
      FROM (SELECT DISTINCT ON (wi.path) wi.path, wi.amount_fen, wi.legal_basis_id
            FROM withheld_publication_items wi WHERE wi.publication_id = pub_id AND wi.path IS NOT NULL
            ORDER BY wi.path, wi.legal_basis_id) one
      GROUP BY one.legal_basis_id
    ) x JOIN legal_bases b ON b.id = x.legal_basis_id;
  IF lines IS NOT NULL AND jsonb_typeof(c) = 'object' THEN
    c := c || jsonb_build_object('withheld', lines);
  END IF;
  RETURN c;
END;
$$;
--> statement-breakpoint
DROP VIEW "public_publications";
--> statement-breakpoint
-- The one public read model of publications: nothing whose subject or document is withheld, and
-- redacted content otherwise. A redacted row's hash is of what the public sees, never of the full
-- content (a hash of the full content would let a withheld amount be guessed and checked).
CREATE VIEW "public_publications" AS
  SELECT p.id, p.kind, p.subject_type, p.subject_id, p.version, p.title, r.content, p.notice,
         CASE WHEN r.content = p.content THEN p.content_hash ELSE encode(sha256(convert_to(r.content::text, 'UTF8')), 'hex') END AS content_hash,
         p.change_reason, p.issuer_org_id, p.doc_number, p.data_as_of, p.event_at, p.published_at, p.is_demo,
         r.content <> p.content AS redacted
  FROM publications p
  CROSS JOIN LATERAL (SELECT public_content(p.id, p.content) AS content) r
  WHERE NOT EXISTS (SELECT 1 FROM withheld_publication_items wi WHERE wi.publication_id = p.id AND wi.path IS NULL);
--> statement-breakpoint
CREATE FUNCTION "subject_withheld"(s_type text, s_id integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM active_withholdings w
    WHERE (w.item_type = 'programme' AND (
             (s_type = 'programme' AND w.item_id = s_id)
          OR (s_type = 'batch' AND w.item_id = (SELECT b.programme_id FROM allocation_batches b WHERE b.id = s_id))))
       OR (w.item_type = 'project' AND (
             (s_type = 'project' AND w.item_id = s_id)
          OR (s_type = 'evaluation' AND w.item_id = (SELECT e.project_id FROM evaluations e WHERE e.id = s_id)))));
$$;
--> statement-breakpoint
-- Deadlines as the public sees them: a subject that is withheld is not listed at all; a publication
-- that exists but is withheld shows as withheld, never as missing.
CREATE VIEW "public_disclosure_obligations" AS
  SELECT o.id, o.kind, o.subject_type, o.subject_id, o.responsible_org_id, o.event_at, o.due_at, p.published_at,
         CASE o.subject_type WHEN 'programme' THEN o.subject_id
           WHEN 'batch' THEN (SELECT b.programme_id FROM allocation_batches b WHERE b.id = o.subject_id) END AS programme_id,
         CASE o.subject_type WHEN 'project' THEN o.subject_id
           WHEN 'evaluation' THEN (SELECT e.project_id FROM evaluations e WHERE e.id = o.subject_id) END AS project_id,
         CASE
           WHEN o.publication_id IS NULL THEN CASE WHEN o.due_at < now() THEN 'overdue' ELSE 'pending' END
           WHEN NOT EXISTS (SELECT 1 FROM public_publications pp WHERE pp.id = o.publication_id) THEN 'withheld'
           WHEN p.published_at <= o.due_at THEN 'on_time'
           ELSE 'late'
         END AS status
  FROM disclosure_obligations o
  LEFT JOIN publications p ON p.id = o.publication_id
  WHERE NOT subject_withheld(o.subject_type, o.subject_id);
--> statement-breakpoint
-- The exception register: how many items of which kind, on which basis, since and until when.
CREATE VIEW "public_withholding_register" AS
  SELECT w.item_type, b.code AS basis_code, b.name AS basis_name, b.name_en AS basis_name_en,
         ((coalesce(o.activated_at, w.activated_at) AT TIME ZONE 'UTC') + interval '8 hours')::date AS since,
         w.review_date AS until, count(*)::int AS items
  FROM active_withholdings w
  JOIN legal_bases b ON b.id = w.legal_basis_id
  LEFT JOIN withholdings o ON o.id = w.renews_id
  WHERE NOT EXISTS (SELECT 1 FROM active_withholdings n WHERE n.renews_id = w.id)
  GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
-- Withheld programmes' totals as one line per basis, so public totals never hide a residue.
CREATE VIEW "public_withheld_programme_totals" AS
  SELECT b.code AS basis_code, b.name AS basis_name, b.name_en AS basis_name_en, count(*)::int AS programmes,
         sum(fp.total_fen)::bigint AS total_fen
  FROM (SELECT DISTINCT ON (w.item_id) w.item_id, w.legal_basis_id FROM active_withholdings w WHERE w.item_type = 'programme' ORDER BY w.item_id, w.legal_basis_id) w
  JOIN fund_programmes fp ON fp.id = w.item_id
  JOIN legal_bases b ON b.id = w.legal_basis_id
  WHERE EXISTS (SELECT 1 FROM publications p WHERE p.kind = 'fund_catalogue' AND p.subject_type = 'programme' AND p.subject_id = fp.id)
  GROUP BY b.code, b.name, b.name_en, b.sort
  ORDER BY b.sort;
--> statement-breakpoint
-- Publications written before this migration get their item references.
INSERT INTO "publication_items" ("publication_id", "path", "programme_id")
  SELECT id, NULL, subject_id FROM publications WHERE subject_type = 'programme';
--> statement-breakpoint
INSERT INTO "publication_items" ("publication_id", "path", "document_id")
  SELECT id, NULL, (content->>'documentId')::int FROM publications WHERE jsonb_typeof(content->'documentId') = 'number';
--> statement-breakpoint
INSERT INTO "publication_items" ("publication_id", "path", "programme_id", "batch_id")
  SELECT p.id, NULL, b.programme_id, b.id FROM publications p JOIN allocation_batches b ON b.id = p.subject_id WHERE p.subject_type = 'batch';
--> statement-breakpoint
INSERT INTO "publication_items" ("publication_id", "path", "batch_id", "holder_id", "amount_fen")
  SELECT p.id, ARRAY['recipients', (r.ord - 1)::text], p.subject_id, h.id, (r.elem->>'finalFen')::bigint
  FROM publications p
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.content->'recipients') = 'array' THEN p.content->'recipients' ELSE '[]'::jsonb END) WITH ORDINALITY AS r(elem, ord)
  JOIN organisations o ON o.code = r.elem->>'code'
  JOIN holders h ON h.kind = 'organisation' AND h.organisation_id = o.id
  WHERE p.subject_type = 'batch';
--> statement-breakpoint
INSERT INTO "disclosure_obligations" ("kind", "subject_type", "subject_id", "responsible_org_id", "event_at", "due_at", "publication_id")
  SELECT kind, subject_type, subject_id, issuer_org_id, event_at,
         event_at + make_interval(days => coalesce((SELECT value::int FROM settings WHERE key = 'publication_deadline_days'), 20)), id
  FROM publications WHERE version = 1
  ON CONFLICT DO NOTHING;
