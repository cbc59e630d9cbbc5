import { CreateUserForm } from './_components/create-user-form';
import { PoorGradeRuleForm } from './_components/poor-grade-rule-form';
import { poorGradeRule } from '@/lib/dal/admin/evaluation-rule';
import { weightPercent } from '@/lib/domain/evaluation';
import { DemoVisibilityForm, PasswordLinkForm, UserOrganisationForm, UserRoleForm, UserStatusForm } from './_components/user-actions';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { ROLES, type Role } from '@/lib/domain/vocabulary';
import { LANDINGS } from '@/lib/auth/landing';
import { roleFitsOrganisation } from '@/lib/domain/organisation-rules';
import { listOrganisations } from '@/lib/dal/admin/organisations';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { demoDataVisible, listUsers } from '@/lib/dal/admin/users';
import { getI18n } from '@/lib/i18n/server';
import { DataTable } from '@/components/table/data-table';

export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  const ctx = await requirePage(LANDINGS.admin.permission, LANDINGS.admin.path);
  const [{ m, locale }, users, demo, orgs, rule] = await Promise.all([getI18n(), listUsers(ctx), demoDataVisible(ctx), listOrganisations(ctx), poorGradeRule(ctx)]);
  const a = m.admin;
  const roles = ROLES.map((r) => [r, m.roles[r]] as [Role, string]);
  // Contractors hold no accounts: no role fits them.
  const choices = orgs
    .filter((o) => ROLES.some((r) => roleFitsOrganisation(r, o.kind)))
    .map((o) => ({ id: o.id, kind: o.kind, label: `${'· '.repeat(o.depth)}${locale === 'en' ? o.nameEn : o.name}` }));
  return (
    <>
      <WorkspaceHeader title={m.workspace.adminTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{a.createUser}</h2>
      <CreateUserForm roles={roles} organisations={choices} a={a} />
      <h2>{a.users}</h2>
      <DataTable
        testId="users"
        columns={[
          { id: 'username', header: a.username },
          { id: 'name', header: a.name },
          { id: 'organisation', header: a.organisation },
          { id: 'status', header: a.status },
          { id: 'role', header: a.role },
          { id: 'setupLink', header: a.setupLink },
        ]}
        rows={users.map((u) => {
          const self = u.id === ctx.actor.id;
          return {
            _key: String(u.id),
            _row: { testId: `user-${u.username}` },
            username: u.username,
            name: <AsTyped text={u.displayName} />,
            organisation: self ? (
              <LocalName zh={u.organisationName} en={u.organisationNameEn} locale={locale} />
            ) : (
              <UserOrganisationForm userId={u.id} organisationId={u.organisationId} choices={choices.filter((c) => roleFitsOrganisation(u.role, c.kind))} label={a.moveOrganisation} saved={a.saved} />
            ),
            status: (
              <>
                {u.disabled ? a.disabled : a.active} {!self && <UserStatusForm userId={u.id} disabled={u.disabled} label={u.disabled ? a.enable : a.disable} saved={a.saved} />}
              </>
            ),
            // Only roles that fit the user's organisation are offered; the data layer refuses the others.
            role: self ? m.roles[u.role] : <UserRoleForm userId={u.id} role={u.role} roles={roles.filter(([r]) => roleFitsOrganisation(r, u.organisationKind))} label={a.changeRole} saved={a.saved} />,
            setupLink: u.disabled ? '' : <PasswordLinkForm userId={u.id} label={a.issueLink} linkLabel={a.setupLink} linkLead={a.setupLinkLead} />,
          };
        })}
      />
      <h2>{a.demoData}</h2>
      <p>{demo ? a.demoVisible : a.demoHidden}</p>
      <DemoVisibilityForm visible={demo} label={demo ? a.hideDemo : a.showDemo} saved={a.saved} />
      <h2>{m.evaluation.ruleTitle}</h2>
      <p className="muted">{m.evaluation.ruleLead}</p>
      <PoorGradeRuleForm mode={rule.mode} percent={rule.mode === 'reduce' ? weightPercent(rule.percentBp) : ''} e={m.evaluation} saved={a.saved} />
    </>
  );
}
