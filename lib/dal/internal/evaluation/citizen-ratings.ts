import 'server-only';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { projectRatings } from '@/db/schema';
import { citizenRatingSource, SATISFIED_FROM_SCORE, satisfiedPercent } from '@/lib/domain/satisfaction';

export interface CitizenSatisfaction {
  ratings: number;
  satisfied: number;
  /** satisfied / ratings as a percentage with two decimals: the satisfaction indicator's value. */
  percent: string;
  /** What the indicator names as its source. */
  source: string;
}

/**
 * The satisfaction the portal's confirmed citizens' ratings give a project, or null without any.
 * Read from the table, not the public view: an evaluation counts its project's ratings even while
 * the project is withheld from the public.
 */
export async function citizenSatisfaction(db: Queryable, projectId: number): Promise<CitizenSatisfaction | null> {
  const [row] = await db
    .select({ ratings: sql<number>`count(*)::int`, satisfied: sql<number>`(count(*) filter (where ${projectRatings.score} >= ${SATISFIED_FROM_SCORE}))::int` })
    .from(projectRatings)
    .where(and(eq(projectRatings.projectId, projectId), isNotNull(projectRatings.confirmedAt)));
  const ratings = Number(row?.ratings ?? 0);
  const satisfied = Number(row?.satisfied ?? 0);
  const percent = satisfiedPercent(satisfied, ratings);
  return percent === null ? null : { ratings, satisfied, percent, source: citizenRatingSource(ratings) };
}
