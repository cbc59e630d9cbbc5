import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { answerFeedback } from '@/lib/dal/participation/answers';
import { acceptFeedback, closeFeedback } from '@/lib/dal/participation/moderation';
import { submitFeedback } from '@/lib/dal/participation/submit';
import { submitFeedbackSchema } from '@/lib/schemas/participation';
import type { Replay } from './replay';

/**
 * Citizens' items of the demo, each through the forms' own commands: a question on a 盂县 project
 * answered and closed, a suggestion answered, and a report kept private and left unanswered past
 * its deadline, so /feedback, a status page and the overdue statistics have something true to show.
 */
export const DEMO_FEEDBACK = {
  question: { received: '2026-05-10', accepted: '2026-05-11', answered: '2026-05-18', closed: '2026-05-20' },
  suggestion: { received: '2026-06-15', accepted: '2026-06-16', answered: '2026-06-25' },
  report: { received: '2026-07-02', accepted: '2026-07-03' },
} as const;

export function scheduleDemoFeedback(tx: Tx, replay: Replay, orgIds: Map<string, number>) {
  const d = DEMO_FEEDBACK;
  const unit = orgIds.get('DEMO-UNIT-140322')!;
  const codes: Record<'question' | 'suggestion' | 'report', string> = { question: '', suggestion: '', report: '' };
  let n = 0;
  const submit = async (kind: keyof typeof codes, fields: Record<string, unknown>) => {
    const now = replay.as('moderator').clock!();
    // Fixed codes: the demo is the same to the byte on every run.
    const trackingCode = `YQ-DEM${String(++n).padStart(7, '0')}`;
    codes[kind] = (await submitFeedback({ input: submitFeedbackSchema.parse({ kind, ...fields }), photos: [], clientAddress: `seed-${kind}`, now, trackingCode }, tx)).trackingCode;
  };

  replay.on(d.question.received, async () => {
    const [project] = rowsOf<{ code: string }>(await tx.execute(sql`select pp.code from public_projects pp join projects p on p.id = pp.id where p.implementing_org_id = ${unit} order by pp.code limit 1`));
    await submit('question', { projectCode: project!.code, text: '请问这个项目的治理面积和完工时间是多少？资金是否已经全部到位？（演示）' });
  });
  replay.on(d.question.accepted, () => acceptFeedback(replay.as('moderator'), { trackingCode: codes.question, organisationId: unit, publish: true }));
  replay.on(d.question.answered, () =>
    answerFeedback(replay.as('unit'), { trackingCode: codes.question, body: '本项目治理面积以批复的实施方案为准，计划年内完工；省级和县级资金已按拨付文件到位，支付进度见项目页面的资金明细（演示）。' }),
  );
  replay.on(d.question.closed, () => closeFeedback(replay.as('moderator'), { trackingCode: codes.question, reason: '已答复（演示）' }));

  replay.on(d.suggestion.received, () => submit('suggestion', { text: '建议在每个项目现场公示牌上印上本网站的项目二维码，方便群众查看资金去向。（演示）' }));
  replay.on(d.suggestion.accepted, () => acceptFeedback(replay.as('moderator'), { trackingCode: codes.suggestion, organisationId: orgIds.get('140300-CZJ')!, publish: true }));
  replay.on(d.suggestion.answered, () =>
    answerFeedback(replay.as('officer'), { trackingCode: codes.suggestion, body: '感谢建议。市财政局将会同规划和自然资源局在新开工项目的公示牌上增加项目页面二维码（演示）。' }),
  );

  replay.on(d.report.received, () => submit('report', { countyCode: '140322', text: '某村的修复工程只做了一半就停了，工人说款没结清。（演示）', contact: 'demo-reporter@example.org' }));
  replay.on(d.report.accepted, () => acceptFeedback(replay.as('moderator'), { trackingCode: codes.report, organisationId: orgIds.get('140322')!, publish: false }));
}
