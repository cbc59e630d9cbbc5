-- Every ledger rule a single transfer must obey, checked before the row is written: amount within
-- the limit, dates ("today" is the day in China, where documents are dated), money only down the
-- organisation tree, to projects and on to payees, and reversals matching and capped by their original.
CREATE OR REPLACE FUNCTION "apply_transfer"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prog record;
  src record;
  dst record;
  orig record;
  already bigint;
BEGIN
  -- Every movement of money is published under its document: no 文号, no transfer.
  IF NEW.doc_number IS NULL OR btrim(NEW.doc_number) = '' THEN
    RAISE EXCEPTION 'ledger:doc_number_required line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  -- Checked first: the CHECK constraint would only fire after the balance updates below.
  IF NEW.amount_fen <= 0 OR NEW.amount_fen > max_amount_fen() THEN
    RAISE EXCEPTION 'ledger:amount_range line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  SELECT id, fiscal_year, managing_org_id, total_fen INTO prog FROM fund_programmes WHERE id = NEW.programme_id;
  IF EXTRACT(YEAR FROM NEW.transfer_date) < prog.fiscal_year THEN
    RAISE EXCEPTION 'ledger:date_before_programme_year line=%', coalesce(NEW.import_line, 0) USING ERRCODE = 'P0001';
  END IF;
  IF NEW.transfer_date > china_today() THEN
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
