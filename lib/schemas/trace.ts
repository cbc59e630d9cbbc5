import { z } from 'zod';
import type { TraceSubject } from '@/lib/dal/audit/trace';

const positiveId = z.coerce.number().int().positive().max(2_147_483_647);

/** What a trace is of: exactly one of programme, project or payee (an organisation's id), by id. */
export const traceQuery = z
  .object({ programme: positiveId.optional(), project: positiveId.optional(), payee: positiveId.optional() })
  .strict()
  .refine((q) => [q.programme, q.project, q.payee].filter((v) => v !== undefined).length === 1, { message: 'errors.traceSubject' });

export function traceSubjectOf(q: z.output<typeof traceQuery>): TraceSubject {
  if (q.programme !== undefined) return { type: 'programme', id: q.programme };
  if (q.project !== undefined) return { type: 'project', id: q.project };
  return { type: 'payee', id: q.payee! };
}
