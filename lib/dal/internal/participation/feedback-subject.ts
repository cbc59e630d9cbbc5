import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { AppError } from '@/lib/errors';
import type { FeedbackSubjectType } from '@/lib/domain/vocabulary';
import type { SubmitFeedbackInput } from '@/lib/schemas/participation';

/**
 * The subject named by its public code, resolved through the public read model only: a withheld
 * project answers exactly as an unknown one, so a submission cannot probe what is withheld.
 */
export async function resolvePublicSubject(db: Queryable, input: Pick<SubmitFeedbackInput, 'projectCode' | 'programmeCode' | 'countyCode' | 'publicationId'>): Promise<{ type: FeedbackSubjectType; id: number | null }> {
  const one = async (type: FeedbackSubjectType, query: ReturnType<typeof sql>) => {
    const [row] = rowsOf<{ id: number }>(await db.execute(query));
    if (!row) throw new AppError('validation', 'participation.subjectUnknown', { subject: 'participation.subjectUnknown' });
    return { type, id: Number(row.id) };
  };
  if (input.projectCode) return one('project', sql`select id from public_projects where code = ${input.projectCode}`);
  if (input.programmeCode) return one('programme', sql`select id from fund_programmes where code = ${input.programmeCode} and not subject_withheld('programme', id)`);
  if (input.countyCode) return one('county', sql`select id from organisations where code = ${input.countyCode} and level = 'county'`);
  if (input.publicationId !== undefined) return one('publication', sql`select id from public_publications where id = ${input.publicationId}`);
  return { type: 'general', id: null };
}
