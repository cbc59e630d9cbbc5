import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { publicTag, shows, showsPublicRecord } from '@/lib/cache/public-tags';
import { gradeOf, pointsOf, pointsText } from '@/lib/domain/evaluation';
import { EVALUATION_GRADES, type EvaluationGrade } from '@/lib/domain/vocabulary';
import { demoVisible } from '../internal/settings';
import { flowsCte } from './flows';
import { publicPublicationsView, viewRows } from './views';

/*
 * Published performance-evaluation results (绩效评价结果), read from the public read model only:
 * the latest public version of each evaluation's result. A withheld project's evaluations are not
 * rows of public_publications, so they are absent from every answer here, roll-ups included.
 */

const evidence = z.object({ filename: z.string(), sha256: z.string() });
const indicator = z.object({
  category: z.string(),
  subcategory: z.string(),
  name: z.string(),
  unit: z.string(),
  weight: z.string(),
  direction: z.string(),
  rule: z.string(),
  target: z.string().nullable(),
  actual: z.string().nullable(),
  points: z.string().nullable(),
  source: z.string().nullable().optional(),
  evidence: z.array(evidence),
});
const resultContent = z.object({
  projectCode: z.string(),
  name: z.string(),
  year: z.number().int(),
  indicators: z.array(indicator),
  totalScore: z.string(),
  grade: z.enum(EVALUATION_GRADES),
  findings: z.string(),
  corrections: z.string(),
  summary: z.string().optional().default(''),
  evaluatorOrganisation: z.string().nullable().optional(),
  evaluatorOrganisationEn: z.string().nullable().optional(),
  approvedOn: z.string(),
});

export interface PublicEvaluationDto {
  publicationId: number;
  version: number;
  projectCode: string;
  /** The project's name as the result published it. */
  projectName: string;
  year: number;
  totalScore: string;
  grade: EvaluationGrade;
  indicators: z.infer<typeof indicator>[];
  findings: string;
  corrections: string;
  summary: string;
  evaluatorOrganisation: string | null;
  evaluatorOrganisationEn: string | null;
  approvedOn: string;
  isDemo: boolean;
  redacted: boolean;
}

const row = publicPublicationsView.pick({ id: true, version: true, content: true, is_demo: true, redacted: true });

function evaluationOf(r: z.infer<typeof row>): PublicEvaluationDto {
  const c = resultContent.parse(r.content);
  return {
    publicationId: r.id,
    version: r.version,
    projectCode: c.projectCode,
    projectName: c.name,
    year: c.year,
    totalScore: c.totalScore,
    grade: c.grade,
    indicators: c.indicators,
    findings: c.findings,
    corrections: c.corrections,
    summary: c.summary,
    evaluatorOrganisation: c.evaluatorOrganisation ?? null,
    evaluatorOrganisationEn: c.evaluatorOrganisationEn ?? null,
    approvedOn: c.approvedOn,
    isDemo: r.is_demo,
    redacted: r.redacted,
  };
}

/** A project's published evaluation results, newest year first. */
export async function listProjectEvaluations(code: string, db?: Queryable): Promise<PublicEvaluationDto[]> {
  const q = db ?? (await getDb());
  shows(publicTag.project(code));
  const visible = (await demoVisible(q)) ? sql`true` : sql`not p.is_demo`;
  const rows = viewRows(
    'public_publications',
    row,
    await q.execute(sql`
      select distinct on (p.subject_id) p.id, p.version, p.content, p.is_demo, p.redacted
      from public_publications p
      where p.kind = 'evaluation_result' and p.subject_type = 'evaluation' and p.content->>'projectCode' = ${code} and ${visible}
      order by p.subject_id, p.version desc`),
  );
  return rows
    .map(evaluationOf)
    .sort((a, b) => b.year - a.year || b.publicationId - a.publicationId);
}

export interface EvaluationRollupDto {
  /** Evaluated projects counted (their latest published result each). */
  projects: number;
  /** How many projects of each grade, and the money they received. */
  byGrade: Record<EvaluationGrade, { projects: number; fundsFen: bigint }>;
  /** The funds-weighted mean score (two decimals) and its grade; null when no evaluated project received money. */
  weightedScore: string | null;
  weightedGrade: EvaluationGrade | null;
  /** Money received by the evaluated projects: the weights. */
  fundsFen: bigint;
  isDemo: boolean;
}

const rollupRow = z.object({ project_code: z.string(), score: z.string(), grade: z.enum(EVALUATION_GRADES), funds: z.string(), is_demo: z.boolean() });

/**
 * Grades of a programme's or a county's evaluated projects, weighted by the money each received
 * (of that programme, or in all), both read from the public record only: each project's latest
 * published result and its published transfer lines.
 */
export async function evaluationRollup(of: { programme: string } | { county: string }, db?: Queryable): Promise<EvaluationRollupDto> {
  const q = db ?? (await getDb());
  shows('programme' in of ? publicTag.programme(of.programme) : publicTag.org(of.county));
  const visible = (await demoVisible(q)) ? sql`true` : sql`not p.is_demo`;
  const flows = await flowsCte(q);
  const belongs = 'programme' in of
    ? sql`coalesce(p.content->'programmeCodes', '[]'::jsonb) @> jsonb_build_array(${of.programme}::text)`
    : sql`coalesce(p.content->'countyCodes', '[]'::jsonb) @> jsonb_build_array(${of.county}::text)`;
  const moneyOf = 'programme' in of ? sql`and f.programme_code = ${of.programme}` : sql``;
  const rows = z.array(rollupRow).parse(
    rowsOf(
      await q.execute(sql`WITH ${flows},
        latest AS (
          SELECT DISTINCT ON (p.content->>'projectCode') p.content->>'projectCode' AS project_code, p.content->>'totalScore' AS score,
                 p.content->>'grade' AS grade, p.is_demo
          FROM public_publications p
          WHERE p.kind = 'evaluation_result' AND p.subject_type = 'evaluation' AND ${belongs} AND ${visible}
          ORDER BY p.content->>'projectCode', (p.content->>'year')::int DESC, p.published_at DESC)
        SELECT l.project_code, l.score, l.grade, l.is_demo,
               coalesce((SELECT sum(f.net_fen) FROM flows f WHERE f.recipient_kind = 'project' AND f.recipient_code = l.project_code ${moneyOf}), 0)::text AS funds
        FROM latest l ORDER BY l.project_code`),
    ),
  );
  const byGrade = Object.fromEntries(EVALUATION_GRADES.map((g) => [g, { projects: 0, fundsFen: 0n }])) as EvaluationRollupDto['byGrade'];
  let funds = 0n;
  let weighted = 0n;
  for (const r of rows) {
    const f = BigInt(r.funds) > 0n ? BigInt(r.funds) : 0n;
    byGrade[r.grade].projects += 1;
    byGrade[r.grade].fundsFen += f;
    funds += f;
    weighted += BigInt(pointsOf(r.score)) * f;
  }
  // Hundredths of a point, rounded half up: Σ score·funds / Σ funds.
  const mean = funds > 0n ? Number((2n * weighted + funds) / (2n * funds)) : null;
  return {
    projects: rows.length,
    byGrade,
    weightedScore: mean === null ? null : pointsText(mean),
    weightedGrade: mean === null ? null : gradeOf(mean),
    fundsFen: funds,
    isDemo: rows.some((r) => r.is_demo),
  };
}

export interface EvaluationFilter {
  project?: string;
  programme?: string;
  county?: string;
  year?: number;
  grade?: EvaluationGrade;
}

/**
 * Every published evaluation result (the latest public version of each evaluation), ordered by
 * project code, year and publication id, after a keyset position: the cursor-paged public list.
 */
export async function listPublicEvaluations(
  filter: EvaluationFilter,
  after: readonly [projectCode: string, year: number, publicationId: number] | null,
  limit: number,
  db?: Queryable,
): Promise<(PublicEvaluationDto)[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const visible = (await demoVisible(q)) ? sql`true` : sql`not p.is_demo`;
  const where: SQL[] = [sql`true`];
  if (filter.project) where.push(sql`e.project_code = ${filter.project}`);
  if (filter.programme) where.push(sql`coalesce(e.content->'programmeCodes', '[]'::jsonb) @> jsonb_build_array(${filter.programme}::text)`);
  if (filter.county) where.push(sql`coalesce(e.content->'countyCodes', '[]'::jsonb) @> jsonb_build_array(${filter.county}::text)`);
  if (filter.year !== undefined) where.push(sql`e.year = ${filter.year}`);
  if (filter.grade) where.push(sql`e.content->>'grade' = ${filter.grade}`);
  if (after) where.push(sql`(e.project_code, e.year, e.id) > (${after[0]}::text, ${after[1]}::int, ${after[2]}::int)`);
  const rows = viewRows(
    'public_publications',
    row,
    await q.execute(sql`
      select e.id, e.version, e.content, e.is_demo, e.redacted from (
        select distinct on (p.subject_id) p.id, p.version, p.content, p.is_demo, p.redacted,
               p.content->>'projectCode' as project_code, (p.content->>'year')::int as year
        from public_publications p
        where p.kind = 'evaluation_result' and p.subject_type = 'evaluation' and ${visible}
        order by p.subject_id, p.version desc) e
      where ${sql.join(where, sql` and `)}
      order by e.project_code, e.year, e.id
      limit ${limit}`),
  );
  return rows.map(evaluationOf);
}
