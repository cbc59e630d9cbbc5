import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import * as s from '@/db/schema';
import { approveWithholding, requestWithholding } from '@/lib/dal/disclosure/withholdings';
import { reverseTransfer } from '@/lib/dal/ledger/transfers';
import { chinaToday } from '@/lib/domain/china-date';
import { formatYuan } from '@/lib/domain/money';
import { reversalSchema } from '@/lib/schemas/ledger';
import type { Replay } from './replay';

/**
 * What the demo does not disclose as it should, so that the completeness page shows a real score:
 * some guidelines published weeks after their deadline, and the 2026 municipal programme's
 * management rules never published; one transfer is lawfully withheld.
 */
export const DISCLOSURE_LAPSES = {
  guidelinesLate: [
    { programme: 'DEMO-2026-SX', on: '2026-03-05' },
    { programme: 'DEMO-2024-140321', on: '2024-03-20' },
    { programme: 'DEMO-2023-140303', on: '2023-04-11' },
  ],
  rulesNeverPublished: 'DEMO-2026-YQ',
  withheld: { programme: 'DEMO-2026-YQ', to: '140311', basis: 'OGI-15', requested: '2026-06-20', approved: ['2026-06-22', '2026-06-23'] },
} as const;

/** The city withholds one of its 2026 allocations (requested by its officer, approved by two reviewers), through the same commands as users. */
export function scheduleDemoWithholding(tx: Tx, replay: Replay, orgIds: Map<string, number>) {
  const w = DISCLOSURE_LAPSES.withheld;
  let withholdingId = 0;
  replay.on(w.requested, async () => {
    const [t] = await tx
      .select({ id: s.transfers.id })
      .from(s.transfers)
      .innerJoin(s.fundProgrammes, eq(s.fundProgrammes.id, s.transfers.programmeId))
      .innerJoin(s.holders, eq(s.holders.id, s.transfers.toHolderId))
      .where(and(eq(s.fundProgrammes.code, w.programme), eq(s.holders.organisationId, orgIds.get(w.to)!), eq(s.transfers.kind, 'allocation')))
      .limit(1);
    const [basis] = await tx.select({ id: s.legalBases.id }).from(s.legalBases).where(eq(s.legalBases.code, w.basis));
    // Reviewed two years after the demo is loaded: a fixed date would one day lie in the past, and the seed would be refused.
    const reviewDate = chinaToday(new Date(Date.now() + 730 * 86_400_000));
    withholdingId = (await requestWithholding(replay.as('officer'), { itemType: 'transfer', itemId: t!.id, reason: '涉及第三方商业秘密，经审查不予公开（演示）', legalBasisId: basis!.id, reviewDate })).id;
  });
  replay.on(w.approved[0], () => approveWithholding(replay.as('reviewer'), withholdingId));
  replay.on(w.approved[1], () => approveWithholding(replay.as('approver'), withholdingId));
}


/** Two corrections by reversing entries, each by the organisation that sent the money (the originals stay visible). */
export const DEMO_REVERSALS = [
  { on: '2026-10-12', who: 'officer', programme: 'DEMO-2026-CN', from: '140300-CZJ', to: '140303', percent: 10n, docNumber: '阳财建〔2026〕201号', note: '项目调整，收回多拨资金（演示）' },
  { on: '2025-12-08', who: 'officer-yx', programme: 'DEMO-2025-SX', from: '140322', to: null, percent: 5n, docNumber: '盂财建〔2025〕188号', note: '项目结余资金收回（演示）' },
] as const;

export function scheduleDemoReversals(tx: Tx, replay: Replay, orgIds: Map<string, number>) {
  for (const r of DEMO_REVERSALS) {
    replay.on(r.on, async () => {
      const fromHolder = sql`(select id from ${s.holders} where ${s.holders.organisationId} = ${orgIds.get(r.from)!})`;
      const toHolder = r.to === null ? sql`(select id from ${s.holders} where ${s.holders.kind} = 'project')` : sql`(select id from ${s.holders} where ${s.holders.organisationId} = ${orgIds.get(r.to)!})`;
      const [original] = await tx
        .select({ id: s.transfers.id, amountFen: s.transfers.amountFen })
        .from(s.transfers)
        .innerJoin(s.fundProgrammes, eq(s.fundProgrammes.id, s.transfers.programmeId))
        .where(and(eq(s.fundProgrammes.code, r.programme), sql`${s.transfers.fromHolderId} in ${fromHolder}`, sql`${s.transfers.toHolderId} in ${toHolder}`, sql`${s.transfers.kind} in ('allocation', 'payment')`))
        .orderBy(s.transfers.id)
        .limit(1);
      const amountFen = ((original!.amountFen * r.percent) / 100n / 100n) * 100n;
      await reverseTransfer(replay.as(r.who), reversalSchema.parse({ clientKey: replay.clientKey(), reversesId: original!.id, transferDate: r.on, docNumber: r.docNumber, note: r.note, amount: formatYuan(amountFen), unit: 'yuan' }));
    });
  }
}
