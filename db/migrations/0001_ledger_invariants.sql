-- Ledger invariants held by the database itself, whatever code path writes:
-- flows only down the tree or to a project/payee, balances never negative,
-- reversals never exceed what they reverse, and history is never rewritten.
ALTER TABLE "holders" ADD CONSTRAINT "holders_kind_valid" CHECK ("kind" IN ('organisation', 'project', 'payee'));
--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_kind_valid" CHECK ("kind" IN ('appropriation', 'allocation', 'payment', 'disbursement', 'reversal'));
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_level_valid" CHECK ("level" IN ('central', 'provincial', 'municipal', 'county', 'township', 'unit'));
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_valid" CHECK ("role" IN ('admin', 'finance_officer', 'reviewer', 'implementing_unit', 'evaluator', 'auditor', 'moderator'));
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_kind_valid" CHECK ("kind" IN ('fund_catalogue', 'management_rules', 'application_guideline', 'formula', 'allocation_result', 'evaluation_result'));
--> statement-breakpoint
CREATE FUNCTION "forbid_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger:append_only %', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "transfers_append_only" BEFORE UPDATE OR DELETE ON "transfers" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "expenditures_append_only" BEFORE UPDATE OR DELETE ON "expenditures" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "publications_append_only" BEFORE UPDATE OR DELETE ON "publications" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE TRIGGER "workflow_transitions_append_only" BEFORE UPDATE OR DELETE ON "workflow_transitions" FOR EACH ROW EXECUTE FUNCTION "forbid_rewrite"();
--> statement-breakpoint
CREATE FUNCTION "org_is_strict_descendant"(child integer, ancestor integer) RETURNS boolean LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(id) AS (
    SELECT parent_id FROM organisations WHERE id = child
    UNION ALL
    SELECT o.parent_id FROM organisations o JOIN up ON o.id = up.id WHERE up.id IS NOT NULL
  )
  SELECT EXISTS (SELECT 1 FROM up WHERE id = ancestor);
$$;
--> statement-breakpoint
-- The government an organisation belongs to: itself if it is one, else its nearest ancestor that is.
-- Money may move from a department to anything under its own government, never up or across.
CREATE FUNCTION "org_government"(org integer) RETURNS integer LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up(id, parent_id, kind, depth) AS (
    SELECT id, parent_id, kind, 0 FROM organisations WHERE id = org
    UNION ALL
    SELECT o.id, o.parent_id, o.kind, up.depth + 1 FROM organisations o JOIN up ON o.id = up.parent_id WHERE up.kind <> 'government'
  )
  SELECT id FROM up WHERE kind = 'government' ORDER BY depth LIMIT 1;
$$;
--> statement-breakpoint
CREATE FUNCTION "apply_transfer"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prog record;
  src record;
  dst record;
  orig record;
  already bigint;
BEGIN
  -- Checked first: the CHECK constraint would only fire after the balance updates below.
  IF NEW.amount_fen <= 0 OR NEW.amount_fen > 1000000000000000 THEN
    RAISE EXCEPTION 'ledger:amount_range line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  SELECT id, fiscal_year, managing_org_id, total_fen INTO prog FROM fund_programmes WHERE id = NEW.programme_id;
  IF EXTRACT(YEAR FROM NEW.transfer_date) < prog.fiscal_year THEN
    RAISE EXCEPTION 'ledger:date_before_programme_year line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  IF NEW.transfer_date > current_date THEN
    RAISE EXCEPTION 'ledger:date_in_future line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  SELECT id, kind, organisation_id, project_id INTO dst FROM holders WHERE id = NEW.to_holder_id;
  IF NEW.from_holder_id IS NOT NULL THEN
    SELECT id, kind, organisation_id, project_id INTO src FROM holders WHERE id = NEW.from_holder_id;
  END IF;

  IF NEW.kind = 'appropriation' THEN
    IF dst.kind <> 'organisation' OR dst.organisation_id <> prog.managing_org_id THEN
      RAISE EXCEPTION 'ledger:appropriation_to_manager_only line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
    -- Lock the programme row so concurrent appropriations cannot together exceed the total.
    PERFORM 1 FROM fund_programmes WHERE id = NEW.programme_id FOR UPDATE;
    SELECT COALESCE(SUM(amount_fen), 0) INTO already FROM transfers
      WHERE programme_id = NEW.programme_id AND kind = 'appropriation';
    IF already + NEW.amount_fen > prog.total_fen THEN
      RAISE EXCEPTION 'ledger:over_programme_total line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
  ELSIF NEW.kind = 'allocation' THEN
    IF src.kind <> 'organisation' OR dst.kind <> 'organisation'
       OR dst.organisation_id = src.organisation_id
       OR NOT org_is_strict_descendant(dst.organisation_id, org_government(src.organisation_id))
       OR org_is_strict_descendant(src.organisation_id, dst.organisation_id)
       OR (SELECT kind FROM organisations WHERE id = dst.organisation_id) = 'contractor' THEN
      RAISE EXCEPTION 'ledger:flow_not_down_the_tree line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
  ELSIF NEW.kind = 'payment' THEN
    -- A government pays only projects located under it (a county its own projects).
    IF src.kind <> 'organisation' OR dst.kind <> 'project'
       OR NOT EXISTS (
         SELECT 1 FROM project_counties pc
         WHERE pc.project_id = dst.project_id
           AND (pc.county_id = org_government(src.organisation_id) OR org_is_strict_descendant(pc.county_id, org_government(src.organisation_id)))
       ) THEN
      RAISE EXCEPTION 'ledger:payment_must_go_to_project line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
  ELSIF NEW.kind = 'disbursement' THEN
    IF src.kind <> 'project' OR dst.kind <> 'payee' THEN
      RAISE EXCEPTION 'ledger:disbursement_must_go_to_payee line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
  ELSIF NEW.kind = 'reversal' THEN
    -- Lock the original so concurrent reversals of it are serialised.
    SELECT id, kind, programme_id, from_holder_id, to_holder_id, amount_fen INTO orig
      FROM transfers WHERE id = NEW.reverses_id FOR UPDATE;
    IF orig.kind IN ('appropriation', 'reversal') OR orig.programme_id <> NEW.programme_id
       OR orig.from_holder_id <> NEW.to_holder_id OR orig.to_holder_id <> NEW.from_holder_id THEN
      RAISE EXCEPTION 'ledger:reversal_mismatch line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
    SELECT COALESCE(SUM(amount_fen), 0) INTO already FROM transfers WHERE reverses_id = NEW.reverses_id;
    IF already + NEW.amount_fen > orig.amount_fen THEN
      RAISE EXCEPTION 'ledger:reversal_exceeds_original line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
    IF NEW.transfer_date < (SELECT transfer_date FROM transfers WHERE id = NEW.reverses_id) THEN
      RAISE EXCEPTION 'ledger:reversal_before_original line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Balances move once per statement, aggregated per (programme, holder): an import of many rows
-- touches each balance row once instead of once per row. The update takes the row lock, so
-- concurrent spenders are serialised, and the CHECK (balance >= 0) refuses any overdraft.
CREATE FUNCTION "apply_transfer_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad_line integer;
BEGIN
  BEGIN
    -- Rows are created empty first: a proposed INSERT row is checked before ON CONFLICT applies.
    INSERT INTO balances (programme_id, holder_id, received_fen, passed_on_fen, balance_fen)
    SELECT DISTINCT programme_id, h, 0, 0, 0 FROM (
      SELECT programme_id, to_holder_id AS h FROM new_rows
      UNION SELECT programme_id, from_holder_id FROM new_rows WHERE from_holder_id IS NOT NULL
    ) x
    ORDER BY 1, 2
    ON CONFLICT (programme_id, holder_id) DO NOTHING;
    -- Lock in key order so two statements touching the same holders cannot deadlock.
    PERFORM 1 FROM balances b
      WHERE (b.programme_id, b.holder_id) IN (
        SELECT programme_id, to_holder_id FROM new_rows
        UNION SELECT programme_id, from_holder_id FROM new_rows WHERE from_holder_id IS NOT NULL)
      ORDER BY b.programme_id, b.holder_id
      FOR UPDATE;
    WITH deltas AS (
      SELECT programme_id, holder_id, SUM(dr) AS dr, SUM(dp) AS dp, MAX(lr) AS lr FROM (
        SELECT programme_id, from_holder_id AS holder_id, 0::bigint AS dr, amount_fen AS dp, NULL::timestamptz AS lr
          FROM new_rows WHERE kind <> 'reversal' AND from_holder_id IS NOT NULL
        UNION ALL
        SELECT programme_id, to_holder_id, amount_fen, 0, transfer_date::timestamptz FROM new_rows WHERE kind <> 'reversal'
        UNION ALL
        SELECT programme_id, from_holder_id, -amount_fen, 0, NULL FROM new_rows WHERE kind = 'reversal'
        UNION ALL
        SELECT programme_id, to_holder_id, 0, -amount_fen, NULL FROM new_rows WHERE kind = 'reversal'
      ) x GROUP BY programme_id, holder_id
    )
    UPDATE balances b
      SET received_fen = b.received_fen + d.dr,
          passed_on_fen = b.passed_on_fen + d.dp,
          balance_fen = b.balance_fen + d.dr - d.dp,
          last_received_at = GREATEST(b.last_received_at, d.lr)
      FROM deltas d
      WHERE b.programme_id = d.programme_id AND b.holder_id = d.holder_id;
  EXCEPTION WHEN check_violation THEN
    -- Name the first row whose outflow exceeds what its holder had plus what this statement brought in.
    SELECT line INTO bad_line FROM (
      SELECT coalesce(o.import_line, 0) AS line,
             SUM(o.amount_fen) OVER (PARTITION BY o.programme_id, o.from_holder_id ORDER BY o.import_line NULLS LAST, o.id) AS running,
             coalesce((SELECT bb.balance_fen FROM balances bb WHERE bb.programme_id = o.programme_id AND bb.holder_id = o.from_holder_id), 0)
               + coalesce((SELECT SUM(i.amount_fen) FROM new_rows i WHERE i.programme_id = o.programme_id AND i.to_holder_id = o.from_holder_id), 0) AS available
      FROM new_rows o WHERE o.from_holder_id IS NOT NULL
    ) r WHERE running > available ORDER BY line LIMIT 1;
    RAISE EXCEPTION 'ledger:insufficient_balance line=%', coalesce(bad_line, 0) USING ERRCODE = 'P0001';
  END;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "transfers_apply" BEFORE INSERT ON "transfers" FOR EACH ROW EXECUTE FUNCTION "apply_transfer"();
--> statement-breakpoint
CREATE TRIGGER "transfers_balances" AFTER INSERT ON "transfers" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "apply_transfer_balances"();
--> statement-breakpoint
CREATE VIEW "public_publications" AS
  SELECT id, kind, subject_type, subject_id, version, title, content, notice, content_hash, change_reason,
         issuer_org_id, doc_number, data_as_of, event_at, published_at, is_demo
  FROM publications;
--> statement-breakpoint
INSERT INTO "audit_head" ("id", "last_id", "last_hash") VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000');
