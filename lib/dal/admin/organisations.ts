import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { organisations } from '@/db/schema';
import { ORG_KINDS, ORG_LEVELS, type OrgKind, type OrgLevel } from '@/lib/domain/vocabulary';
import { can } from '@/lib/auth/permissions';
import { placementRefusal } from '@/lib/domain/organisation-rules';
import { AppError } from '@/lib/errors';
import { appendAudit } from '../internal/audit';
import { assertCan } from '../auth/scope';
import type { Ctx } from '../auth/session';

export interface OrganisationDto {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: OrgLevel;
  kind: OrgKind;
  parentId: number | null;
  /** Depth in the tree, for indenting; the list comes parents first. */
  depth: number;
}

/** The whole tree, each organisation right after its parent; for the administrator's pages and forms. */
export async function listOrganisations({ db, actor }: Ctx): Promise<OrganisationDto[]> {
  // Organisations are managed on their page and assigned on the users page.
  if (!can(actor, 'organisation.manage') && !can(actor, 'user.manage')) throw new AppError('forbidden');
  const rows = await db
    .select({ id: organisations.id, code: organisations.code, name: organisations.name, nameEn: organisations.nameEn, level: organisations.level, kind: organisations.kind, parentId: organisations.parentId })
    .from(organisations)
    .orderBy(asc(organisations.code));
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const out: OrganisationDto[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ ...r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export interface NewOrganisationInput {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  kind: string;
  parentId: number | null;
}

/**
 * Adds an organisation under a parent valid for its level and kind (see organisation-rules.ts);
 * codes are unique. One transaction with the audit entry.
 */
export async function createOrganisation({ db, actor }: Ctx, input: NewOrganisationInput): Promise<{ id: number }> {
  assertCan(actor, 'organisation.manage');
  const code = input.code.trim();
  const name = input.name.trim();
  const nameEn = input.nameEn.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/.test(code)) throw new AppError('validation', 'admin.orgCodeInvalid', { code: 'admin.orgCodeInvalid' });
  if (!name || name.length > 100) throw new AppError('validation', 'admin.orgNameRequired', { name: 'admin.orgNameRequired' });
  if (!nameEn || nameEn.length > 200) throw new AppError('validation', 'admin.orgNameRequired', { nameEn: 'admin.orgNameRequired' });
  if (!(ORG_LEVELS as readonly string[]).includes(input.level)) throw new AppError('validation', 'errors.validation', { level: 'errors.validation' });
  if (!(ORG_KINDS as readonly string[]).includes(input.kind)) throw new AppError('validation', 'errors.validation', { kind: 'errors.validation' });
  const level = input.level as OrgLevel;
  const kind = input.kind as OrgKind;
  return db.transaction(async (tx) => {
    let parent: { level: OrgLevel; kind: OrgKind } | null = null;
    if (input.parentId !== null) {
      const [found] = await tx.select({ level: organisations.level, kind: organisations.kind }).from(organisations).where(eq(organisations.id, input.parentId)).for('share');
      if (!found) throw new AppError('validation', 'admin.unknownOrganisation', { parentId: 'admin.unknownOrganisation' });
      parent = found;
    }
    const refusal = placementRefusal({ level, kind }, parent);
    if (refusal) throw new AppError('validation', `admin.placement.${refusal}`, { parentId: `admin.placement.${refusal}` });
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('organisations.code'))`);
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(sql`lower(${organisations.code}) = ${code.toLowerCase()}`);
    if (taken) throw new AppError('conflict', 'admin.orgCodeTaken', { code: 'admin.orgCodeTaken' });
    const [row] = await tx.insert(organisations).values({ code, name, nameEn, level, kind, parentId: input.parentId }).returning({ id: organisations.id });
    await appendAudit(tx, { actor, action: 'organisation.created', entityType: 'organisation', entityId: row!.id, after: { code, name, nameEn, level, kind, parentId: input.parentId } });
    return { id: row!.id };
  });
}
