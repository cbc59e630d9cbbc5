import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import * as s from '@/db/schema';
import { createApplication } from '@/lib/dal/workflow/applications';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { applicationSchema } from '@/lib/schemas/workflow';
import { ctxFor } from './actors';
import type { TestDatabase } from './databases';

/**
 * Takes a new application of the demo unit through the real workflow to 验收 (accepted): the only
 * way a project reaches the stage where it is evaluated.
 */
export async function acceptedApplication(db: TestDatabase['db'], fiscalYear = 2025): Promise<{ applicationId: number; itemId: number; projectId: number; projectCode: string }> {
  const org = async (code: string) => (await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, code)))[0]!.id;
  const programme = async (code: string) => (await db.select({ id: s.fundProgrammes.id }).from(s.fundProgrammes).where(eq(s.fundProgrammes.code, code)))[0]!.id;
  const unitOrg = await org('DEMO-UNIT-140322');
  // A project of the unit that the demo has not evaluated (the demo evaluates some of its projects).
  const [project] = await db
    .select({ id: s.projects.id, code: s.projects.code })
    .from(s.projects)
    .where(and(eq(s.projects.implementingOrgId, unitOrg), sql`not exists (select 1 from evaluations e where e.project_id = ${s.projects.id})`))
    .orderBy(s.projects.code)
    .limit(1);
  const { applicationId, itemId } = await createApplication(
    await ctxFor(db, 'unit'),
    applicationSchema.parse({
      clientKey: randomUUID(),
      projectId: project!.id,
      fiscalYear,
      countyId: await org('140322'),
      plannedStart: `${fiscalYear}-04-01`,
      plannedEnd: `${fiscalYear}-11-30`,
      description: '对废弃矿山边坡进行削坡整形、覆土绿化和截排水工程。',
      unit: 'wan',
      central: '2',
      provincial: '1',
      municipal: '0.5',
      targets: [
        { category: 'output', subcategory: 'quantity', name: '修复废弃矿山面积', unit: '公顷', targetValue: '100' },
        { category: 'output', subcategory: 'cost', name: '单位面积成本', unit: '万元/公顷', targetValue: '3.5' },
      ],
    }),
  );
  const fund = { central: await programme('DEMO-2026-CN'), provincial: await programme('DEMO-2026-SX'), municipal: await programme('DEMO-2026-YQ'), docNumber: '盂财建〔2026〕77号', transferDate: '2026-05-10' };
  for (const [who, action, params] of [['unit', 'submit'], ['reviewer-yx', 'accept'], ['reviewer-yx', 'pass'], ['reviewer', 'approve'], ['officer-yx', 'fund', { fund }], ['unit', 'start'], ['reviewer-yx', 'complete']] as const) {
    const [it] = await db.select().from(s.workflowItems).where(eq(s.workflowItems.id, itemId));
    await applyTransition(await ctxFor(db, who), { itemId, action, expectedRevision: it!.revision, params: params as never });
  }
  return { applicationId, itemId, projectId: project!.id, projectCode: project!.code };
}
