import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { workflowDefinitions } from '@/db/schema';
import { type WorkflowKind, WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { definitionSchema, type WorkflowDefinition } from '@/lib/domain/workflow';
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

/** Stores the seeded definitions on a database that has none; safe to call at every start. */
export async function ensureDefaultDefinitions(tx: Tx): Promise<void> {
  for (const kind of WORKFLOW_KINDS) {
    const [any] = await tx.select({ id: workflowDefinitions.id }).from(workflowDefinitions).where(eq(workflowDefinitions.kind, kind)).limit(1);
    if (any) continue;
    await tx.insert(workflowDefinitions).values({ kind, version: 1, definition: DEFAULT_DEFINITIONS[kind], active: true });
  }
}
