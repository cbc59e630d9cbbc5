import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq } from 'drizzle-orm';
import * as s from '@/db/schema';
import { ensureDefaultDefinitions } from '@/lib/dal/internal/workflow/definitions';
import { publishDefinition } from '@/lib/dal/workflow/definitions';
import { DEFAULT_DEFINITIONS } from '@/lib/domain/workflow-defaults';
import { AppError } from '@/lib/errors';
import { ctxFor } from '../support/actors';
import { createDatabase, DRIVERS, type TestDatabase } from '../support/databases';

/** The project definition as databases made before #14 stored it: the evaluator's bare button, no publication. */
function definitionBeforeEvaluation() {
  const def = structuredClone(DEFAULT_DEFINITIONS.project_application);
  const evaluate = def.transitions.find((x) => x.action === 'evaluate')!;
  Object.assign(evaluate, { name: '完成绩效评价', nameEn: 'Record evaluation', role: 'evaluator', effects: [] });
  delete (evaluate as { checker?: boolean }).checker;
  delete (evaluate as { reason?: string }).reason;
  return def;
}

describe.each(DRIVERS)('upgrading stored workflow definitions on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(driver);
  });
  afterAll(async () => t?.drop());

  const active = async () => (await t.db.select().from(s.workflowDefinitions).where(and(eq(s.workflowDefinitions.kind, 'project_application'), eq(s.workflowDefinitions.active, true))))[0]!;
  const upgrades = async () => (await t.db.select({ n: count() }).from(s.auditLog).where(eq(s.auditLog.action, 'workflow_definition.upgraded')))[0]!.n;

  it('moves a database whose evaluation step publishes nothing onto the current definition, once', async () => {
    // An older database: its active definition is the pre-evaluation one, and the accepted applications run on it.
    const old = definitionBeforeEvaluation();
    const [{ version }] = (await t.db.select({ version: s.workflowDefinitions.version }).from(s.workflowDefinitions).where(eq(s.workflowDefinitions.kind, 'project_application')).orderBy(desc(s.workflowDefinitions.version)).limit(1)) as [{ version: number }];
    const oldId = await t.db.transaction(async (tx) => {
      await tx.update(s.workflowDefinitions).set({ active: false }).where(eq(s.workflowDefinitions.kind, 'project_application'));
      const [row] = await tx.insert(s.workflowDefinitions).values({ kind: 'project_application', version: version + 1, definition: old, active: true }).returning({ id: s.workflowDefinitions.id });
      await tx.update(s.workflowItems).set({ definitionId: row!.id }).where(and(eq(s.workflowItems.kind, 'project_application'), eq(s.workflowItems.stage, 'accepted')));
      return row!.id;
    });
    const accepted = await t.db.select({ id: s.workflowItems.id, revision: s.workflowItems.revision }).from(s.workflowItems).where(eq(s.workflowItems.definitionId, oldId));
    expect(accepted.length).toBeGreaterThan(0);
    const before = await upgrades();

    await t.db.transaction((tx) => ensureDefaultDefinitions(tx));

    const now = await active();
    expect(now.id).not.toBe(oldId);
    expect(now.version).toBe(version + 2);
    expect(now.definition).toEqual(DEFAULT_DEFINITIONS.project_application);
    const after = await t.db.select({ id: s.workflowItems.id, definitionId: s.workflowItems.definitionId, revision: s.workflowItems.revision }).from(s.workflowItems).where(eq(s.workflowItems.kind, 'project_application'));
    expect(after.filter((i) => i.definitionId === oldId)).toEqual([]);
    for (const a of accepted) expect(after.find((i) => i.id === a.id)).toMatchObject({ definitionId: now.id, revision: a.revision + 1 });
    const [entry] = await t.db.select().from(s.auditLog).where(eq(s.auditLog.action, 'workflow_definition.upgraded')).orderBy(desc(s.auditLog.id)).limit(1);
    expect(entry!.after).toMatchObject({ kind: 'project_application', itemsMoved: accepted.map((a) => a.id).sort((x, y) => x - y) });
    expect(await upgrades()).toBe(before + 1);

    // The next start finds nothing to do.
    await t.db.transaction((tx) => ensureDefaultDefinitions(tx));
    expect((await active()).id).toBe(now.id);
    expect(await upgrades()).toBe(before + 1);
  });

  it('refuses to publish a definition whose evaluation approval would publish nothing', async () => {
    const admin = await ctxFor(t.db, 'admin');
    const e = await publishDefinition(admin, 'project_application', definitionBeforeEvaluation()).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).messageKey).toBe('workflow.effectMissing');
    expect((e as AppError).fieldErrors).toEqual({ definition: 'workflow.effectMissing' });
  });
});
