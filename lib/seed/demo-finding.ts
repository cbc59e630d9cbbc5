import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import * as s from '@/db/schema';
import { answerFinding, closeFinding, recordFinding } from '@/lib/dal/audit/findings';
import { answerFindingSchema, closeFindingSchema, recordFindingSchema } from '@/lib/schemas/findings';
import type { Replay } from './replay';

/**
 * One audit finding of the demo, taken through its whole course as the forms would: the audit
 * office records it on a payment 盂县 made, the county answers, the auditor closes it, and the
 * closing publishes it, so /findings shows what an answered finding looks like.
 */
export const DEMO_FINDING = {
  recorded: '2026-04-08',
  answered: '2026-04-21',
  closed: '2026-04-29',
  programme: 'DEMO-2025-SX',
  payer: '140322',
} as const;

export function scheduleDemoFinding(tx: Tx, replay: Replay, orgIds: Map<string, number>) {
  const f = DEMO_FINDING;
  let findingId = 0;
  let revision = 0;
  replay.on(f.recorded, async () => {
    const [payment] = await tx
      .select({ id: s.transfers.id })
      .from(s.transfers)
      .innerJoin(s.fundProgrammes, eq(s.fundProgrammes.id, s.transfers.programmeId))
      .innerJoin(s.holders, eq(s.holders.id, s.transfers.fromHolderId))
      .where(and(eq(s.fundProgrammes.code, f.programme), eq(s.holders.organisationId, orgIds.get(f.payer)!), eq(s.transfers.kind, 'payment')))
      .orderBy(asc(s.transfers.id))
      .limit(1);
    findingId = (
      await recordFinding(
        replay.as('auditor'),
        recordFindingSchema.parse({
          clientKey: replay.clientKey(),
          subjectType: 'transfer',
          subjectRef: String(payment!.id),
          severity: 'minor',
          title: '拨付依据附件不全（演示）',
          body: '该笔拨付的项目实施方案批复和合同未随拨付文件归档，无法从档案核实拨付依据（演示）。',
          requiredAction: '补充归档实施方案批复和施工合同，并说明拨付依据。',
          dueDate: '2026-05-31',
        }),
      )
    ).id;
  });
  replay.on(f.answered, async () => {
    revision = (await answerFinding(replay.as('officer-yx'), answerFindingSchema.parse({ findingId, expectedRevision: revision, body: '已补充归档实施方案批复（盂发改〔2025〕52号）和施工合同，拨付依据为县财政局下达文件（演示）。' }))).revision;
  });
  replay.on(f.closed, () => closeFinding(replay.as('auditor'), closeFindingSchema.parse({ findingId, expectedRevision: revision, reason: '整改材料已归档，拨付依据可核实，予以关闭（演示）。' })));
}
