import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { engineeringGroups, projects, projectTypes } from '@/db/schema';
import { assertCan, scopeWhere } from '../auth/scope';
import type { Ctx } from '../auth/session';

export interface ProjectListDto {
  code: string;
  name: string;
  groupName: string | null;
  groupNameEn: string | null;
  typeName: string;
  typeNameEn: string;
}

/** Projects the caller's organisation (or one below it) implements (every project for roles that read across all). */
export async function listOwnProjects(ctx: Ctx): Promise<ProjectListDto[]> {
  const { db, actor } = ctx;
  assertCan(actor, 'project.read');
  return db
    .select({ code: projects.code, name: projects.name, groupName: engineeringGroups.name, groupNameEn: engineeringGroups.nameEn, typeName: projectTypes.name, typeNameEn: projectTypes.nameEn })
    .from(projects)
    .leftJoin(engineeringGroups, eq(engineeringGroups.id, projects.groupId))
    .innerJoin(projectTypes, eq(projectTypes.code, projects.type))
    .where(scopeWhere(ctx, projects.implementingOrgId))
    .orderBy(asc(projects.code))
    .limit(500);
}
