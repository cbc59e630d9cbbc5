import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { workflowDefinitions } from '@/db/schema';
import { type WorkflowKind, WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { definitionSchema, misplacedEffects, type WorkflowDefinition } from '@/lib/domain/workflow';
import { DEFAULT_DEFINITIONS } from '@/lib/domain/workflow-defaults';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../audit';
import { assertCan } from '../scope';
import type { Ctx } from '../session';

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
