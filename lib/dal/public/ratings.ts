import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { publicTag, shows } from '@/lib/cache/public-tags';
import { averageScore, satisfiedPercent } from '@/lib/domain/satisfaction';
import { publicProjectRatingsView, viewRows } from './views';

/** Citizens' confirmed 1-5 ratings of one public project, as exact counts. */
export interface ProjectRatingsDto {
  ratings: number;
  scoreSum: number;
  /** How many ratings gave each score, 1 to 5. */
  byScore: { 1: number; 2: number; 3: number; 4: number; 5: number };
  /** Ratings of 4 or 5. */
  satisfied: number;
  /** scoreSum / ratings with two decimals; null without ratings. */
  average: string | null;
  /** satisfied / ratings as a percentage with two decimals; null without ratings. */
  satisfiedPercent: string | null;
}

const NONE: ProjectRatingsDto = { ratings: 0, scoreSum: 0, byScore: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, satisfied: 0, average: null, satisfiedPercent: null };

/** The summary of a public project's ratings (all zero without any, and for a project the public may not see). */
export async function getProjectRatings(code: string, db?: Queryable): Promise<ProjectRatingsDto> {
  const q = db ?? (await getDb());
  shows(publicTag.project(code));
  const [row] = viewRows('public_project_ratings', publicProjectRatingsView, await q.execute(sql`SELECT * FROM public_project_ratings WHERE project_code = ${code}`));
  if (!row) return NONE;
  return {
    ratings: row.ratings,
    scoreSum: row.score_sum,
    byScore: { 1: row.score_1, 2: row.score_2, 3: row.score_3, 4: row.score_4, 5: row.score_5 },
    satisfied: row.satisfied,
    average: averageScore(row.score_sum, row.ratings),
    satisfiedPercent: satisfiedPercent(row.satisfied, row.ratings),
  };
}
