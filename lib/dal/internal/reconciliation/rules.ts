import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { splitGroups, type ReconciliationSettings, type RuleId } from '@/lib/audit/reconciliation/rules';
import { issuedBatchRecomputations } from '../formulas/recompute-cache';
import { matchingFacts } from '../ledger/matching';

export type FlagEntityType = 'balance' | 'payee_balance' | 'matching' | 'batch' | 'batch_recipient' | 'transfer' | 'workflow_item' | 'obligation';
export const FLAG_AMOUNT_KEYS = ['received', 'passedOn', 'spent', 'required', 'actual', 'recomputed', 'issued', 'held', 'threshold', 'total', 'difference'] as const;
export type FlagAmountKey = (typeof FLAG_AMOUNT_KEYS)[number];

/** One flag as a rule raised it, before organisation names are attached. */
export interface RawFlag {
  rule: RuleId;
  organisationId: number;
  /** The fiscal year the flag belongs to: the programme's for money, the due date's for deadlines. */
  period: number;
  entityType: FlagEntityType;
  /** The entity's id; a pair of ids joined by "-" where the entity is a programme's money at a holder. */
  entityId: string;
  /** What is flagged, as the records name it (official Chinese text). */
  subject: string;
  href: string | null;
  amounts: Partial<Record<FlagAmountKey, bigint>>;
  days: number | null;
  count: number | null;
  /** Document numbers, an adjustment's reason or the formula's refusal: what the figures alone do not say. */
  note: string | null;
  isDemo: boolean;
}

const CHAIN = '/workspace/chain';

/** Each holder with the organisation that answers for it: its own, or for a project its implementing unit (else its county). */
const HOLDERS = sql`(
  select h.id, h.kind, h.project_id, coalesce(h.organisation_id, pr.implementing_org_id, (select min(pc.county_id) from project_counties pc where pc.project_id = pr.id)) as org_id,
         coalesce(o.name, pr.code || ' ' || pr.name) as label
  from holders h left join organisations o on o.id = h.organisation_id left join projects pr on pr.id = h.project_id)`;

/** The year a timestamp falls in, in China. */
const yearOf = (col: ReturnType<typeof sql>) => sql`extract(year from (${col}) at time zone 'Asia/Shanghai')::int`;

const n = (v: unknown) => Number(v);

/** Received and passed on per programme and holder, summed from the transfers themselves rather than the maintained balances. */
async function passedOnExceedsReceived(db: Queryable): Promise<RawFlag[]> {
  const rows = rowsOf<{ programme_id: number; holder_id: number; received: string; passed: string; fiscal_year: number; code: string; is_demo: boolean; org_id: number; label: string; project_id: number | null }>(
    await db.execute(sql`
      with moves as (
        select programme_id, to_holder_id as holder_id, amount_fen as received, 0::bigint as passed from transfers where kind <> 'reversal'
        union all select programme_id, from_holder_id, 0, amount_fen from transfers where kind <> 'reversal' and from_holder_id is not null
        union all select programme_id, from_holder_id, -amount_fen, 0 from transfers where kind = 'reversal'
        union all select programme_id, to_holder_id, 0, -amount_fen from transfers where kind = 'reversal'
      ), totals as (select programme_id, holder_id, sum(received) as received, sum(passed) as passed from moves group by programme_id, holder_id)
      select t.programme_id, t.holder_id, t.received::text as received, t.passed::text as passed, p.fiscal_year, p.code, p.is_demo, hi.org_id, hi.label, hi.project_id
      from totals t join fund_programmes p on p.id = t.programme_id join ${HOLDERS} hi on hi.id = t.holder_id
      where t.passed > t.received order by t.programme_id, t.holder_id`),
  );
  return rows.map((r) => ({
    rule: 'passed_on_exceeds_received',
    organisationId: n(r.org_id),
    period: n(r.fiscal_year),
    entityType: 'balance',
    entityId: `${n(r.programme_id)}-${n(r.holder_id)}`,
    subject: `${r.label} · ${r.code}`,
    href: `${CHAIN}?programme=${n(r.programme_id)}`,
    amounts: { received: BigInt(r.received), passedOn: BigInt(r.passed), difference: BigInt(r.passed) - BigInt(r.received) },
    days: null,
    count: null,
    note: null,
    isDemo: r.is_demo,
  }));
}

/** A payee's recorded spending of a programme against what it was paid of it, net of reversals. */
async function spentExceedsReceived(db: Queryable): Promise<RawFlag[]> {
  const rows = rowsOf<{ programme_id: number; holder_id: number; received: string; spent: string; fiscal_year: number; code: string; is_demo: boolean; org_id: number; label: string }>(
    await db.execute(sql`
      with spent as (select programme_id, payee_holder_id as holder_id, sum(amount_fen) as spent from expenditures group by programme_id, payee_holder_id),
      paid as (
        select programme_id, holder_id, sum(amt) as received from (
          select programme_id, to_holder_id as holder_id, amount_fen as amt from transfers where kind <> 'reversal'
          union all select programme_id, from_holder_id, -amount_fen from transfers where kind = 'reversal') x
        group by programme_id, holder_id)
      select s.programme_id, s.holder_id, coalesce(pd.received, 0)::text as received, s.spent::text as spent, p.fiscal_year, p.code, p.is_demo, hi.label,
        coalesce((select payer.org_id from transfers t join ${HOLDERS} payer on payer.id = t.from_holder_id
                  where t.programme_id = s.programme_id and t.to_holder_id = s.holder_id and t.kind <> 'reversal' order by t.id limit 1), p.managing_org_id) as org_id
      from spent s join fund_programmes p on p.id = s.programme_id join ${HOLDERS} hi on hi.id = s.holder_id
      left join paid pd on pd.programme_id = s.programme_id and pd.holder_id = s.holder_id
      where s.spent > coalesce(pd.received, 0) order by s.programme_id, s.holder_id`),
  );
  return rows.map((r) => ({
    rule: 'spent_exceeds_received',
    organisationId: n(r.org_id),
    period: n(r.fiscal_year),
    entityType: 'payee_balance',
    entityId: `${n(r.programme_id)}-${n(r.holder_id)}`,
    subject: `${r.label} · ${r.code}`,
    href: `${CHAIN}?payee=${n(r.holder_id)}`,
    amounts: { received: BigInt(r.received), spent: BigInt(r.spent), difference: BigInt(r.spent) - BigInt(r.received) },
    days: null,
    count: null,
    note: null,
    isDemo: r.is_demo,
  }));
}

async function matchingShortfall(db: Queryable): Promise<RawFlag[]> {
  return (await matchingFacts(db))
    .filter((f) => f.shortfallFen > 0n)
    .map((f) => ({
      rule: 'matching_shortfall',
      organisationId: f.governmentId,
      period: f.fiscalYear,
      entityType: 'matching',
      entityId: `${f.upperProgrammeId}-${f.governmentId}`,
      subject: `${f.code} ${f.name}`,
      href: '/workspace/matching',
      amounts: { received: f.receivedFen, required: f.requiredFen, actual: f.actualFen, difference: f.shortfallFen },
      days: null,
      count: null,
      note: null,
      isDemo: f.isDemo,
    }));
}

/** What each recipient of an issued batch received of it (net of reversals) against the formula's recomputation from the stored inputs. */
async function formulaDrift(db: Queryable): Promise<RawFlag[]> {
  const { batches } = await issuedBatchRecomputations(db);
  const out: RawFlag[] = [];
  for (const b of batches) {
    const [meta] = rowsOf<{ fiscal_year: number; is_demo: boolean; org_id: number; title: string; item_id: number | null }>(
      await db.execute(sql`
        select p.fiscal_year, p.is_demo, hi.org_id, b.title,
               (select w.id from workflow_items w where w.kind = 'allocation_batch' and w.subject_id = b.id) as item_id
        from allocation_batches b join fund_programmes p on p.id = b.programme_id join ${HOLDERS} hi on hi.id = b.from_holder_id where b.id = ${b.batchId}`),
    );
    const base = {
      rule: 'formula_drift' as const,
      organisationId: n(meta!.org_id),
      period: n(meta!.fiscal_year),
      href: meta!.item_id === null ? '/workspace/batches' : `/workspace/items/${n(meta!.item_id)}`,
      days: null,
      count: null,
      isDemo: meta!.is_demo,
    };
    if (b.refusal) {
      out.push({ ...base, entityType: 'batch', entityId: String(b.batchId), subject: `${b.batchCode} ${meta!.title}`, amounts: {}, note: b.refusal });
      continue;
    }
    const issued = rowsOf<{ holder_id: number; fen: string }>(
      await db.execute(sql`
        select holder_id, sum(amt)::text as fen from (
          select to_holder_id as holder_id, amount_fen as amt from transfers where batch_id = ${b.batchId} and kind <> 'reversal'
          union all select o.to_holder_id, -r.amount_fen from transfers r join transfers o on o.id = r.reverses_id where o.batch_id = ${b.batchId}
        ) x group by holder_id`),
    );
    const issuedTo = new Map(issued.map((r) => [n(r.holder_id), BigInt(r.fen)]));
    const adjusted = new Map(
      rowsOf<{ holder_id: number; reason: string }>(await db.execute(sql`select recipient_holder_id as holder_id, adjustment_reason as reason from batch_results where batch_id = ${b.batchId} and adjusted_fen is not null`)).map((r) => [n(r.holder_id), r.reason]),
    );
    const recipients = new Map(b.inputs.recipients.map((r) => [r.holderId, r]));
    for (const holderId of new Set([...recipients.keys(), ...issuedTo.keys()])) {
      const r = recipients.get(holderId);
      const recomputed = r ? (b.recomputed.get(r.code) ?? 0n) : 0n;
      const got = issuedTo.get(holderId) ?? 0n;
      if (got === recomputed) continue;
      out.push({
        ...base,
        entityType: 'batch_recipient',
        entityId: `${b.batchId}-${holderId}`,
        subject: `${b.batchCode} → ${r ? `${r.code} ${r.name}` : holderId}`,
        amounts: { recomputed, issued: got, difference: got - recomputed },
        note: adjusted.get(holderId) ?? null,
      });
    }
  }
  return out;
}

/** Money of a programme that has sat with an organisation or project (payees spend, they do not hold) since it last arrived, longer than the setting. */
async function idleFunds(db: Queryable, s: ReconciliationSettings): Promise<RawFlag[]> {
  const rows = rowsOf<{ programme_id: number; holder_id: number; held: string; days: number; fiscal_year: number; code: string; is_demo: boolean; org_id: number; label: string; project_id: number | null }>(
    await db.execute(sql`
      select b.programme_id, b.holder_id, b.balance_fen::text as held, floor(extract(epoch from now() - b.last_received_at) / 86400)::int as days,
             p.fiscal_year, p.code, p.is_demo, hi.org_id, hi.label, hi.project_id
      from balances b join fund_programmes p on p.id = b.programme_id join ${HOLDERS} hi on hi.id = b.holder_id
      where b.balance_fen > 0 and hi.kind <> 'payee' and b.last_received_at < now() - make_interval(days => ${s.idleDays})
      order by b.programme_id, b.holder_id`),
  );
  return rows.map((r) => ({
    rule: 'idle_funds',
    organisationId: n(r.org_id),
    period: n(r.fiscal_year),
    entityType: 'balance',
    entityId: `${n(r.programme_id)}-${n(r.holder_id)}`,
    subject: `${r.label} · ${r.code}`,
    href: r.project_id === null ? `${CHAIN}?programme=${n(r.programme_id)}` : `${CHAIN}?project=${n(r.project_id)}`,
    amounts: { held: BigInt(r.held) },
    days: n(r.days),
    count: null,
    note: null,
    isDemo: r.is_demo,
  }));
}

interface PaymentRow {
  id: number;
  from_id: number;
  to_id: number;
  date: string;
  fen: string;
  doc: string | null;
  fiscal_year: number;
  is_demo: boolean;
  org_id: number;
  payee: string;
}

/** Disbursements to payees that no reversal undid, with who answers for the payer. */
const PAYMENTS = sql`
  select t.id, t.from_holder_id as from_id, t.to_holder_id as to_id, t.transfer_date::text as date, t.amount_fen::text as fen, t.doc_number as doc,
         p.fiscal_year, p.is_demo, payer.org_id, payee.label as payee
  from transfers t join fund_programmes p on p.id = t.programme_id
  join ${HOLDERS} payer on payer.id = t.from_holder_id join ${HOLDERS} payee on payee.id = t.to_holder_id
  where t.kind = 'disbursement' and payee.kind = 'payee' and not exists (select 1 from transfers r where r.reverses_id = t.id)`;

async function splitBelowThreshold(db: Queryable, s: ReconciliationSettings): Promise<RawFlag[]> {
  const rows = rowsOf<PaymentRow>(await db.execute(sql`${PAYMENTS} and t.amount_fen < ${s.splitThresholdFen.toString()}::bigint order by t.id`));
  const byId = new Map(rows.map((r) => [n(r.id), r]));
  const groups = splitGroups(
    rows.map((r) => ({ id: n(r.id), payerHolderId: n(r.from_id), payeeHolderId: n(r.to_id), date: r.date, amountFen: BigInt(r.fen) })),
    s,
  );
  return groups.map((g) => {
    const first = byId.get(g[0]!.id)!;
    return {
      rule: 'split_below_threshold',
      organisationId: n(first.org_id),
      period: n(first.fiscal_year),
      entityType: 'transfer',
      entityId: String(g[0]!.id),
      subject: first.payee,
      href: first.doc ? `/workspace/transfers?q=${encodeURIComponent(first.doc)}` : '/workspace/transfers',
      amounts: { threshold: s.splitThresholdFen, total: g.reduce((sum, p) => sum + p.amountFen, 0n) },
      days: null,
      count: g.length,
      note: g.map((p) => `${p.date} ${byId.get(p.id)!.doc ?? ''}`.trim()).join('; '),
      isDemo: first.is_demo,
    };
  });
}

/** One payer's disbursements to one payee under the same voucher (文号), none of them reversed. */
async function duplicateVoucher(db: Queryable): Promise<RawFlag[]> {
  const rows = rowsOf<PaymentRow>(
    await db.execute(sql`
      with pay as (${PAYMENTS})
      select * from pay where exists (select 1 from pay o where o.id <> pay.id and o.from_id = pay.from_id and o.to_id = pay.to_id and o.doc = pay.doc)
      order by id`),
  );
  const groups = new Map<string, PaymentRow[]>();
  for (const r of rows) {
    const key = `${n(r.from_id)}:${n(r.to_id)}:${r.doc}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({
    rule: 'duplicate_voucher',
    organisationId: n(g[0]!.org_id),
    period: n(g[0]!.fiscal_year),
    entityType: 'transfer',
    entityId: String(n(g[0]!.id)),
    subject: g[0]!.payee,
    href: `/workspace/transfers?q=${encodeURIComponent(g[0]!.doc ?? '')}`,
    amounts: { total: g.reduce((sum, r) => sum + BigInt(r.fen), 0n) },
    days: null,
    count: g.length,
    note: `${g[0]!.doc} · ${g.map((r) => r.date).join(', ')}`,
    isDemo: g[0]!.is_demo,
  }));
}

/** Workflow items past their stage's due date. */
async function stageOverdue(db: Queryable): Promise<RawFlag[]> {
  const rows = rowsOf<{ id: number; organisation_id: number; stage: string; days: number; year: number; subject: string | null; is_demo: boolean }>(
    await db.execute(sql`
      select w.id, w.organisation_id, w.stage, floor(extract(epoch from now() - w.due_at) / 86400)::int as days, ${yearOf(sql`w.due_at`)} as year,
        case w.kind when 'allocation_batch' then (select b.code || ' ' || b.title from allocation_batches b where b.id = w.subject_id)
                    else (select a.code || ' ' || pr.name from project_applications a join projects pr on pr.id = a.project_id where a.id = w.subject_id) end as subject,
        coalesce(case w.kind when 'allocation_batch' then (select p.is_demo from allocation_batches b join fund_programmes p on p.id = b.programme_id where b.id = w.subject_id) end, false) as is_demo
      from workflow_items w where w.due_at < now() order by w.due_at, w.id`),
  );
  return rows.map((r) => ({
    rule: 'stage_overdue',
    organisationId: n(r.organisation_id),
    period: n(r.year),
    entityType: 'workflow_item',
    entityId: String(n(r.id)),
    subject: r.subject ?? String(r.id),
    href: `/workspace/items/${n(r.id)}`,
    amounts: {},
    days: n(r.days),
    count: null,
    note: r.stage,
    isDemo: r.is_demo,
  }));
}

/**
 * Disclosure obligations as the completeness page judges them (public_disclosure_obligations): a
 * lawful withholding meets its obligation, so only unpublished-past-due (overdue) and
 * published-after-due (late) ones are flagged.
 */
async function disclosureLapses(db: Queryable): Promise<RawFlag[]> {
  const rows = rowsOf<{ id: number; kind: string; status: 'overdue' | 'late'; responsible_org_id: number; days: number; year: number; subject: string | null }>(
    await db.execute(sql`
      select o.id, o.kind, v.status, o.responsible_org_id, ${yearOf(sql`o.due_at`)} as year,
        floor(extract(epoch from coalesce(v.published_at, now()) - o.due_at) / 86400)::int as days,
        case o.subject_type
          when 'programme' then (select p.code || ' ' || p.name from fund_programmes p where p.id = o.subject_id)
          when 'batch' then (select b.code || ' ' || b.title from allocation_batches b where b.id = o.subject_id)
          when 'project' then (select p.code || ' ' || p.name from projects p where p.id = o.subject_id)
          when 'evaluation' then (select p.code || ' ' || p.name from evaluations e join projects p on p.id = e.project_id where e.id = o.subject_id)
          when 'transfer_document' then (select d.doc_number from transfer_documents d where d.id = o.subject_id) end as subject
      from public_disclosure_obligations v join disclosure_obligations o on o.id = v.id
      where v.status in ('overdue', 'late') order by o.due_at, o.id`),
  );
  return rows.map((r) => ({
    rule: r.status === 'overdue' ? 'disclosure_overdue' : 'disclosure_late',
    organisationId: n(r.responsible_org_id),
    period: n(r.year),
    entityType: 'obligation',
    entityId: String(n(r.id)),
    subject: r.subject ?? String(r.id),
    href: '/workspace/disclosure',
    amounts: {},
    days: n(r.days),
    count: null,
    note: r.kind,
    isDemo: false,
  }));
}

/** Every rule over the whole ledger, unscoped: the caller authorizes. */
export async function runReconciliation(db: Queryable, settings: ReconciliationSettings): Promise<RawFlag[]> {
  const parts = [
    await passedOnExceedsReceived(db),
    await spentExceedsReceived(db),
    await matchingShortfall(db),
    await formulaDrift(db),
    await idleFunds(db, settings),
    await splitBelowThreshold(db, settings),
    await duplicateVoucher(db),
    await stageOverdue(db),
    await disclosureLapses(db),
  ];
  return parts.flat();
}
