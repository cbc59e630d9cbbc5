import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { allocationBatches, factorValues, formulaFactors, formulaVersions, holders, organisations, projects } from '@/db/schema';
import type { FormulaInput } from '@/lib/domain/formula';

export type BatchRow = typeof allocationBatches.$inferSelect;
export type VersionRow = typeof formulaVersions.$inferSelect;
export type FactorRow = typeof formulaFactors.$inferSelect;

export interface RecipientInfo {
  holderId: number;
  /** As forms name it: org:ID or project:ID. */
  ref: string;
  organisationId: number | null;
  projectId: number | null;
  code: string;
  name: string;
}

export interface BatchInputs {
  batch: BatchRow;
  version: VersionRow;
  factors: FactorRow[];
  recipients: RecipientInfo[];
  /** holder id → factor code → { value, source } as stored. */
  values: Map<number, Map<string, { value: string; source: string }>>;
  input: FormulaInput;
  /** Recipients whose performance value came from the version's default, by factor code. */
  defaulted: { recipient: string; factor: string }[];
  /** Per recipient and performance factor: the approved evaluation score used, the default, or a value entered. */
  performance: PerformanceSource[];
}

export interface PerformanceSource {
  recipient: string;
  factor: string;
  source: 'evaluation' | 'default' | 'entered';
  /** The value used (two decimals for an evaluation score); null when nothing applied. */
  score: string | null;
  /** The evaluation year read (the formula's year before). */
  year: number;
  /** How many approved evaluations the score is the mean of (one for a project). */
  evaluations: number;
}

/** numeric(24,6) comes back as "12.500000": written canonically for the formula. */
export function canonicalDecimal(v: string): string {
  if (!v.includes('.')) return v.replace(/^0+(?=\d)/, '');
  const [w, f] = v.split('.') as [string, string];
  const frac = f.replace(/0+$/, '');
  const whole = w.replace(/^0+(?=\d)/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/**
 * Last year's performance score of each recipient: for a county, the mean approved evaluation
 * score of projects in its area; for a project, its own approved score; rounded to two decimals
 * in the database; absent until a grade exists. Keyed by recipient ref.
 */
async function performanceScores(db: Queryable, year: number, recipients: RecipientInfo[]): Promise<Map<string, { score: string; evaluations: number }>> {
  const orgIds = recipients.flatMap((r) => (r.organisationId === null ? [] : [Number(r.organisationId)]));
  const projectIds = recipients.flatMap((r) => (r.projectId === null ? [] : [Number(r.projectId)]));
  const out = new Map<string, { score: string; evaluations: number }>();
  if (orgIds.length) {
    const rows = rowsOf<{ county_id: number; score: string; n: number }>(
      await db.execute(sql`
        select pc.county_id, round(avg(e.total_score), 2)::text as score, count(*)::int as n
        from evaluations e join project_counties pc on pc.project_id = e.project_id
        where e.status = 'approved' and e.year = ${year - 1} and e.total_score is not null
          and pc.county_id in ${sql.raw(`(${orgIds.join(',')})`)}
        group by pc.county_id`),
    );
    for (const r of rows) out.set(`org:${Number(r.county_id)}`, { score: r.score, evaluations: Number(r.n) });
  }
  if (projectIds.length) {
    const rows = rowsOf<{ project_id: number; score: string }>(
      await db.execute(sql`
        select e.project_id, round(e.total_score, 2)::text as score from evaluations e
        where e.status = 'approved' and e.year = ${year - 1} and e.total_score is not null
          and e.project_id in ${sql.raw(`(${projectIds.join(',')})`)}`),
    );
    for (const r of rows) out.set(`project:${Number(r.project_id)}`, { score: r.score, evaluations: 1 });
  }
  return out;
}

/** Everything a computation of this batch reads, gathered as the exact formula input. */
export async function loadBatchInputs(db: Queryable, batchId: number): Promise<BatchInputs | null> {
  const [batch] = await db.select().from(allocationBatches).where(eq(allocationBatches.id, batchId));
  if (!batch || batch.formulaVersionId === null) return null;
  const [version] = await db.select().from(formulaVersions).where(eq(formulaVersions.id, batch.formulaVersionId));
  const factors = await db.select().from(formulaFactors).where(eq(formulaFactors.formulaVersionId, version!.id)).orderBy(asc(formulaFactors.sort));
  const rows = await db
    .select({
      holderId: factorValues.recipientHolderId,
      factorId: factorValues.factorId,
      value: factorValues.value,
      source: factorValues.source,
      organisationId: organisations.id,
      projectId: projects.id,
      code: sql<string>`coalesce(${organisations.code}, ${projects.code})`,
      name: sql<string>`coalesce(${organisations.name}, ${projects.name})`,
    })
    .from(factorValues)
    .innerJoin(holders, eq(holders.id, factorValues.recipientHolderId))
    .leftJoin(organisations, eq(organisations.id, holders.organisationId))
    .leftJoin(projects, eq(projects.id, holders.projectId))
    .where(and(eq(factorValues.batchId, batchId)))
    .orderBy(sql`coalesce(${organisations.code}, ${projects.code})`);
  const codeOf = new Map(factors.map((f) => [f.id, f.code]));
  const recipients = new Map<number, RecipientInfo>();
  const values = new Map<number, Map<string, { value: string; source: string }>>();
  for (const r of rows) {
    const ref = r.projectId !== null ? `project:${r.projectId}` : `org:${r.organisationId}`;
    recipients.set(r.holderId, { holderId: r.holderId, ref, organisationId: r.organisationId, projectId: r.projectId, code: r.code, name: r.name });
    if (!values.has(r.holderId)) values.set(r.holderId, new Map());
    values.get(r.holderId)!.set(codeOf.get(r.factorId)!, { value: canonicalDecimal(r.value), source: r.source });
  }
  const list = [...recipients.values()];
  const perf = factors.filter((f) => f.isPerformance);
  const scores = perf.length ? await performanceScores(db, version!.fiscalYear, list) : new Map<string, { score: string; evaluations: number }>();
  const defaulted: BatchInputs['defaulted'] = [];
  const performance: PerformanceSource[] = [];
  const year = version!.fiscalYear - 1;
  const input: FormulaInput = {
    totalFen: batch.totalFen,
    floorFen: version!.floorFen,
    capFen: version!.capFen,
    setAsideBp: version!.setAsideBp,
    factors: factors.map((f) => ({ code: f.code, name: f.name, weightBp: f.weightBp, direction: f.direction })),
    recipients: list.map((r) => {
      const v: Record<string, string> = {};
      for (const f of factors) {
        const stored = values.get(r.holderId)?.get(f.code);
        if (f.isPerformance && !stored) {
          const found = scores.get(r.ref);
          if (found) {
            v[f.code] = canonicalDecimal(found.score);
            performance.push({ recipient: r.code, factor: f.code, source: 'evaluation', score: found.score, year, evaluations: found.evaluations });
          } else if (version!.defaultPerformanceValue !== null) {
            v[f.code] = canonicalDecimal(version!.defaultPerformanceValue);
            defaulted.push({ recipient: r.code, factor: f.code });
            performance.push({ recipient: r.code, factor: f.code, source: 'default', score: v[f.code]!, year, evaluations: 0 });
          } else performance.push({ recipient: r.code, factor: f.code, source: 'default', score: null, year, evaluations: 0 });
        } else if (stored) {
          v[f.code] = stored.value;
          if (f.isPerformance) performance.push({ recipient: r.code, factor: f.code, source: 'entered', score: stored.value, year, evaluations: 0 });
        }
      }
      return { code: r.code, values: v };
    }),
  };
  return { batch, version: version!, factors, recipients: list, values, input, defaulted, performance };
}
