import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db/client';
import { demoVisible } from '../settings';

import type { CitizenSubjectType } from '@/lib/domain/participation-subjects';

export type { CitizenSubjectType };

export interface PublicSubject {
  type: CitizenSubjectType;
  id: number;
  code: string;
  name: string;
}

/** The page a subject has on the public side. */
export const subjectPath = (s: Pick<PublicSubject, 'type' | 'code'>): string =>
  `/${s.type === 'project' ? 'projects' : s.type === 'programme' ? 'programmes' : 'counties'}/${encodeURIComponent(s.code)}`;

type Row = { id: number; code: string; name: string; is_demo: boolean };

/**
 * What citizens may follow or rate, read only through the public read model: a withheld project or
 * programme (or demo data an administrator hid) is exactly as absent as an unknown code.
 */
async function lookup(q: Queryable, type: CitizenSubjectType, by: { code: string } | { id: number }): Promise<PublicSubject | null> {
  const code = 'code' in by ? by.code : null;
  const id = 'id' in by ? by.id : null;
  const query =
    type === 'project'
      ? sql`SELECT id, code, name, is_demo FROM public_projects WHERE ${code === null ? sql`id = ${id}` : sql`code = ${code}`}`
      : type === 'programme'
        ? sql`SELECT subject_id AS id, content->>'code' AS code, content->>'name' AS name, is_demo FROM public_publications
              WHERE kind = 'fund_catalogue' AND subject_type = 'programme' AND ${code === null ? sql`subject_id = ${id}` : sql`content->>'code' = ${code}`}
              ORDER BY version DESC LIMIT 1`
        : sql`SELECT id, code, name, false AS is_demo FROM organisations WHERE level = 'county' AND ${code === null ? sql`id = ${id}` : sql`code = ${code}`}`;
  const [row] = rowsOf<Row>(await q.execute(query));
  if (!row || row.name === null || (row.is_demo && !(await demoVisible(q)))) return null;
  return { type, id: Number(row.id), code: row.code, name: row.name };
}

export const publicSubjectByCode = (q: Queryable, type: CitizenSubjectType, code: string) => lookup(q, type, { code });
export const publicSubjectById = (q: Queryable, type: CitizenSubjectType, id: number) => lookup(q, type, { id });

/** Stages of a project's application at or after 验收 (acceptance of the completed works). */
export const COMPLETED_STAGES = ['accepted', 'evaluated', 'closed'] as const;

/**
 * Completed means the public timeline shows the project's works accepted (竣工验收, the stage
 * `accepted`, or a later one): the one completion the workflow records and the public can check.
 */
export async function publicProjectCompleted(q: Queryable, projectId: number): Promise<boolean> {
  const [row] = rowsOf<{ done: boolean }>(
    await q.execute(sql`SELECT EXISTS (SELECT 1 FROM public_item_timeline t WHERE t.project_id = ${projectId}
      AND t.stage IN ('accepted', 'evaluated', 'closed')) AS done`),
  );
  return !!row?.done;
}
