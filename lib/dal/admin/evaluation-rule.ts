import 'server-only';
import { eq } from 'drizzle-orm';
import { settings } from '@/db/schema';
import { parsePoorGradeRule, storePoorGradeRule, type PoorGradeRule } from '@/lib/domain/poor-grade-rule';
import { weightBpOf } from '@/lib/domain/evaluation';
import { AppError } from '@/lib/errors';
import type { z } from 'zod';
import type { poorGradeRuleSchema } from '@/lib/schemas/evaluation';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';
import { appendAudit } from '../internal/audit';
import { readSetting } from '../internal/settings';

const KEY = 'poor_grade_rule';

/** The rule in force: what a 差 grade does to the next allocation of its recipient. */
export async function poorGradeRule({ db, actor }: Ctx): Promise<PoorGradeRule> {
  assertCan(actor, 'settings.manage');
  return parsePoorGradeRule(await readSetting(db, KEY));
}

/** Sets the rule; batches computed from now on apply it, as a stated adjustment of each affected line. */
export async function setPoorGradeRule({ db, actor }: Ctx, input: z.output<typeof poorGradeRuleSchema>): Promise<PoorGradeRule> {
  assertCan(actor, 'settings.manage');
  const rule: PoorGradeRule =
    input.mode === 'reduce' ? { mode: 'reduce', percentBp: weightBpOf(input.percent) } : input.mode === 'stop' ? { mode: 'stop', percentBp: 10_000 } : { mode: 'none', percentBp: 0 };
  if (rule.mode === 'reduce' && !(rule.percentBp > 0 && rule.percentBp <= 10_000)) throw new AppError('validation', 'evaluation.rulePercent', { percent: 'evaluation.rulePercent' });
  const value = storePoorGradeRule(rule);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).for('update');
    await tx.insert(settings).values({ key: KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
    await appendAudit(tx, { actor, action: 'settings.poor_grade_rule_changed', entityType: 'setting', entityId: KEY, before: { value: before?.value ?? null }, after: { value } });
  });
  return rule;
}
