import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { workflowDefinitions, workflowItems } from '@/db/schema';
import { appendAudit } from '@/lib/dal/internal/audit';
import { type WorkflowKind, WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { definitionSchema, missingEffects, type WorkflowDefinition } from '@/lib/domain/workflow';
import { DEFAULT_DEFINITIONS } from '@/lib/domain/workflow-defaults';
import { AppError } from '@/lib/errors';

/**
 * Parsed definitions by their stored text: the text is read every time (one small query), so the
 * cache can never serve another database's or another version's rules; only the parse is saved.
 */
const parsed = new Map<string, WorkflowDefinition>();

function parseStored(definition: unknown): WorkflowDefinition {
  const key = JSON.stringify(definition);
  let def = parsed.get(key);
  if (!def) {
    def = definitionSchema.parse(definition);
    if (parsed.size > 200) parsed.clear();
    parsed.set(key, def);
  }
  return def;
}

export async function definitionById(db: Queryable, id: number): Promise<WorkflowDefinition> {
  const [row] = await db.select({ definition: workflowDefinitions.definition }).from(workflowDefinitions).where(eq(workflowDefinitions.id, id));
  if (!row) throw new AppError('not_found');
  return parseStored(row.definition);
}

/** Several definitions in one query, for lists of items. */
export async function definitionsByIds(db: Queryable, ids: readonly number[]): Promise<Map<number, WorkflowDefinition>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: workflowDefinitions.id, definition: workflowDefinitions.definition }).from(workflowDefinitions).where(inArray(workflowDefinitions.id, unique));
  return new Map(rows.map((r) => [r.id, parseStored(r.definition)]));
}

/** The active definition for new items of a kind. */
export async function activeDefinition(tx: Queryable, kind: WorkflowKind): Promise<{ id: number; definition: WorkflowDefinition }> {
  const [row] = await tx
    .select({ id: workflowDefinitions.id })
    .from(workflowDefinitions)
    .where(and(eq(workflowDefinitions.kind, kind), eq(workflowDefinitions.active, true)));
  if (!row) throw new Error(`no active workflow definition for ${kind}`);
  return { id: row.id, definition: await definitionById(tx, row.id) };
}

/**
 * Stores the seeded definitions on a database that has none, and upgrades one whose definitions
 * predate an effect the kind now requires (an evaluation approval that publishes, say): the
 * default becomes a new active version and the items still running on an old one move to it, so
 * no item can take a step that should disclose without disclosing. Safe to call at every start.
 */
export async function ensureDefaultDefinitions(tx: Tx): Promise<void> {
  for (const kind of WORKFLOW_KINDS) {
    const stored = await tx.select({ id: workflowDefinitions.id, version: workflowDefinitions.version, definition: workflowDefinitions.definition }).from(workflowDefinitions).where(eq(workflowDefinitions.kind, kind));
    if (!stored.length) {
      await tx.insert(workflowDefinitions).values({ kind, version: 1, definition: DEFAULT_DEFINITIONS[kind], active: true });
      continue;
    }
    const outdated = stored.filter((d) => missingEffects(kind, parseStored(d.definition)).length > 0).map((d) => d.id);
    if (outdated.length) await upgradeOutdated(tx, kind, outdated, Math.max(...stored.map((d) => d.version)) + 1);
  }
}

async function upgradeOutdated(tx: Tx, kind: WorkflowKind, outdated: number[], version: number): Promise<void> {
  const def = definitionSchema.parse(DEFAULT_DEFINITIONS[kind]);
  const [current] = await tx.select({ id: workflowDefinitions.id }).from(workflowDefinitions).where(and(eq(workflowDefinitions.kind, kind), eq(workflowDefinitions.active, true)));
  let target = current && !outdated.includes(current.id) ? current.id : null;
  if (target !== null) {
    const [waiting] = await tx.select({ id: workflowItems.id }).from(workflowItems).where(and(eq(workflowItems.kind, kind), inArray(workflowItems.definitionId, outdated))).limit(1);
    if (!waiting) return;
  } else {
    await tx.update(workflowDefinitions).set({ active: false }).where(and(eq(workflowDefinitions.kind, kind), eq(workflowDefinitions.active, true)));
    const [row] = await tx.insert(workflowDefinitions).values({ kind, version, definition: DEFAULT_DEFINITIONS[kind], active: true }).returning({ id: workflowDefinitions.id });
    target = row!.id;
  }
  const moved = await tx
    .update(workflowItems)
    .set({ definitionId: target, revision: sql`${workflowItems.revision} + 1` })
    .where(and(eq(workflowItems.kind, kind), inArray(workflowItems.definitionId, outdated), inArray(workflowItems.stage, def.stages.map((s) => s.code))))
    .returning({ id: workflowItems.id });
  await appendAudit(tx, { actor: null, action: 'workflow_definition.upgraded', entityType: 'workflow_definition', entityId: target, after: { kind, replaced: outdated, itemsMoved: moved.map((m) => m.id).sort((a, b) => a - b) } });
}
