import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { workflowDefinitions } from '@/db/schema';
import { type WorkflowKind } from '@/lib/domain/vocabulary';
import { definitionSchema, misplacedEffects, missingEffects } from '@/lib/domain/workflow';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

export async function listDefinitions({ db, actor }: Ctx) {
  assertCan(actor, 'settings.manage');
  return db
    .select({ id: workflowDefinitions.id, kind: workflowDefinitions.kind, version: workflowDefinitions.version, active: workflowDefinitions.active, definition: workflowDefinitions.definition, createdAt: workflowDefinitions.createdAt })
    .from(workflowDefinitions)
    .orderBy(workflowDefinitions.kind, desc(workflowDefinitions.version));
}

/**
 * Every problem of a submitted definition, keyed by the path of the field it concerns
 * (`stages.2.code`, `transitions.0.from`), so the editor shows each message beside its field.
 */
function definitionFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : 'definition';
    out[path] ??= issue.message.startsWith('workflow.') ? issue.message : 'workflow.fieldInvalid';
  }
  return out;
}

/** A new version becomes active for new items; items already running keep theirs. */
export async function publishDefinition({ db, actor }: Ctx, kind: WorkflowKind, definition: unknown): Promise<{ id: number; version: number }> {
  assertCan(actor, 'settings.manage');
  const checked = definitionSchema.safeParse(definition);
  if (!checked.success) throw new AppError('validation', 'workflow.invalidDefinition', definitionFieldErrors(checked.error.issues));
  const misplaced = misplacedEffects(kind, checked.data);
  if (misplaced.length) throw new AppError('validation', 'workflow.effectNotForKind', Object.fromEntries(misplaced.map((i) => [`transitions.${i}.effects`, 'workflow.effectNotForKind'])));
  if (missingEffects(kind, checked.data).length) throw new AppError('validation', 'workflow.effectMissing', { definition: 'workflow.effectMissing' });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from workflow_definitions where kind = ${kind} for update`);
    const [last] = await tx.select({ version: sql<number>`coalesce(max(${workflowDefinitions.version}), 0)::int` }).from(workflowDefinitions).where(eq(workflowDefinitions.kind, kind));
    const version = Number(last?.version ?? 0) + 1;
    await tx.update(workflowDefinitions).set({ active: false }).where(and(eq(workflowDefinitions.kind, kind), eq(workflowDefinitions.active, true)));
    const [row] = await tx.insert(workflowDefinitions).values({ kind, version, definition: checked.data, active: true, createdBy: actor.id }).returning({ id: workflowDefinitions.id });
    await appendAudit(tx, { actor, action: 'workflow_definition.published', entityType: 'workflow_definition', entityId: row!.id, after: { kind, version } });
    return { id: row!.id, version };
  });
}
