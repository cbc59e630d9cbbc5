import 'server-only';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { engineeringGroups, projects, projectTypes } from '@/db/schema';
import { assertCan, orgScope } from './scope';
import type { Ctx } from './session';

export interface ProjectListDto {
  code: string;
  name: string;
  groupName: string | null;
  typeName: string;
}

/** Projects the caller's organisation implements (every project for roles that read across all). */
export async function listOwnProjects({ db, actor }: Ctx): Promise<ProjectListDto[]> {
  assertCan(actor, 'project.read');
  const scope = orgScope(actor);
  const where: SQL[] = [];
  if (scope !== null) where.push(eq(projects.implementingOrgId, scope));
  return db
    .select({ code: projects.code, name: projects.name, groupName: engineeringGroups.name, typeName: projectTypes.name })
    .from(projects)
    .leftJoin(engineeringGroups, eq(engineeringGroups.id, projects.groupId))
    .innerJoin(projectTypes, eq(projectTypes.code, projects.type))
    .where(and(...where))
    .orderBy(asc(projects.code))
    .limit(500);
}
