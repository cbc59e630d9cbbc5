import 'server-only';
import { asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { auditCheckpoints, auditHead, auditLog } from '@/db/schema';
import { chainWalker, GENESIS, GENESIS_HASH, type ChainAnchor, type ChainProblem } from '@/lib/audit/chain';
import type { HeldCheckpoint, IntegrityProblem, IntegrityReport } from '@/lib/audit/report';

const BATCH = 2_000;

/**
 * Re-hashes the entries after `from` in seq order, in batches, and remembers the stored hash at each
 * seq in `hashesAt` (to compare checkpoints with).
 */
async function walk(db: Queryable, from: ChainAnchor, hashesAt: Map<number, string | null>) {
  const walker = chainWalker(from);
  let after = from.seq;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(BATCH);
    for (const r of rows) {
      walker.step({ ...r, at: r.at.toISOString() });
      if (hashesAt.has(r.seq)) hashesAt.set(r.seq, r.hash);
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.seq;
  }
  return walker.finish();
}

/** A broken link whose prevHash is another entry's hash is an entry out of its place. */
async function nameBrokenLinks(db: Queryable, problems: ChainProblem[]): Promise<IntegrityProblem[]> {
  const named: IntegrityProblem[] = [];
  for (const p of problems) {
    if (p.kind !== 'broken_link') {
      named.push(p);
      continue;
    }
    const [target] = await db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.hash, p.prevHash)).limit(1);
    named.push(target ? { kind: 'reordered', seq: p.seq, id: p.id, linksToSeq: target.seq } : p);
  }
  return named;
}

/** Every checkpoint the database holds: its rows, and what its publications say (all versions). */
export async function storedCheckpoints(db: Queryable): Promise<HeldCheckpoint[]> {
  const table = await db.select({ day: auditCheckpoints.day, seq: auditCheckpoints.seq, hash: auditCheckpoints.hash }).from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq));
  const published = rowsOf<{ day: string | null; seq: number | null; hash: string | null }>(
    await db.execute(sql`select content->>'day' as day, (content->>'seq')::int as seq, content->>'hash' as hash from publications where kind = 'audit_checkpoint' order by id`),
  );
  return [
    ...table.map((c) => ({ source: 'table' as const, ...c })),
    ...published.filter((p) => p.seq !== null && p.hash !== null).map((p) => ({ source: 'publication' as const, day: p.day, seq: Number(p.seq), hash: p.hash! })),
  ];
}

/**
 * Checks the log from `from` to its end: every link and hash, gaps in seq, the head row, and each
 * held checkpoint against the hash stored at its seq. From the genesis this is the full recomputation
 * (`npm run audit:verify`); from a verified checkpoint it is the auditors' page's incremental check.
 */
export async function checkAuditLog(db: Queryable, opts: { from?: ChainAnchor; checkpoints?: HeldCheckpoint[] } = {}): Promise<IntegrityReport> {
  const from = opts.from ?? GENESIS;
  const checkpoints = opts.checkpoints ?? [];
  const hashesAt = new Map<number, string | null>(checkpoints.filter((c) => c.seq > from.seq).map((c) => [c.seq, null]));
  const result = await walk(db, from, hashesAt);
  const problems = await nameBrokenLinks(db, result.problems);

  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const [lastRow] = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const last: ChainAnchor = lastRow ?? GENESIS;
  if (head && (head.lastSeq !== last.seq || head.lastHash !== last.hash)) {
    problems.push({ kind: 'head_mismatch', headSeq: head.lastSeq, headHash: head.lastHash, lastSeq: last.seq, lastHash: last.hash });
  }

  for (const c of checkpoints) {
    if (c.seq > last.seq) {
      problems.push({ kind: 'checkpoint_beyond_head', checkpoint: c, lastSeq: last.seq });
      continue;
    }
    const actual = c.seq === 0 ? GENESIS_HASH : c.seq === from.seq ? from.hash : (hashesAt.get(c.seq) ?? (await hashAt(db, c.seq)));
    if (actual !== c.hash) problems.push({ kind: 'checkpoint_mismatch', checkpoint: c, actual: actual ?? 'none' });
  }
  return { ok: problems.length === 0, from, walked: result.count, last, problems };
}

async function hashAt(db: Queryable, seq: number): Promise<string | null> {
  const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq));
  return row?.hash ?? null;
}

/** The latest checkpoint whose verification passed: where an incremental check starts. */
export async function lastVerifiedCheckpoint(db: Queryable): Promise<{ day: string; seq: number; hash: string } | null> {
  const [anchor] = await db
    .select({ day: auditCheckpoints.day, seq: auditCheckpoints.seq, hash: auditCheckpoints.hash })
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.verified, true))
    .orderBy(desc(auditCheckpoints.seq), desc(auditCheckpoints.id))
    .limit(1);
  return anchor ?? null;
}

/**
 * The incremental check (the auditors' page, and each new checkpoint): re-hash only what came after
 * the last verified checkpoint, and check cheaply that the verified part is still there (no entry
 * missing up to it, its hash still at its seq) and that no checkpoint lies beyond the log's end.
 * Older checkpoints and the verified part's fields are the full recomputation's job (`npm run audit:verify`).
 */
export async function checkAuditLogSinceCheckpoint(db: Queryable): Promise<IntegrityReport & { since: { day: string; seq: number } | null }> {
  const anchor = await lastVerifiedCheckpoint(db);
  const from: ChainAnchor = anchor ? { seq: anchor.seq, hash: anchor.hash } : GENESIS;
  const checkpoints = (await storedCheckpoints(db)).filter((c) => c.seq >= from.seq);
  const report = await checkAuditLog(db, { from, checkpoints });
  if (anchor && anchor.seq > 0) {
    const [prefix] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(lte(auditLog.seq, anchor.seq));
    const missing = anchor.seq - Number(prefix?.n ?? 0);
    if (missing > 0) report.problems.unshift({ kind: 'missing_before_checkpoint', seq: anchor.seq, missing });
    const actual = await hashAt(db, anchor.seq);
    if (actual !== anchor.hash) report.problems.unshift({ kind: 'checkpoint_mismatch', checkpoint: { source: 'table', ...anchor }, actual: actual ?? 'none' });
  }
  return { ...report, ok: report.problems.length === 0, since: anchor ? { day: anchor.day, seq: anchor.seq } : null };
}
