import { DemoVisibilityForm, UserRoleForm, UserStatusForm } from '@/components/admin/user-actions';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { ROLES } from '@/db/schema/users';
import { LANDINGS } from '@/lib/auth/landing';
import { requirePage } from '@/lib/dal/page-guard';
import { demoVisible } from '@/lib/dal/settings';
import { listUsers } from '@/lib/dal/users';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function AdminPage() {
  const ctx = await requirePage(LANDINGS.admin.permission, LANDINGS.admin.path);
  const [{ m }, users, demo] = await Promise.all([getI18n(), listUsers(ctx), demoVisible(ctx.db)]);
  const roles = ROLES.map((r) => [r, m.roles[r]] as [string, string]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.adminTitle} actor={ctx.actor} m={m} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{m.admin.demoData}</h2>
      <p>{demo ? m.admin.demoVisible : m.admin.demoHidden}</p>
      <DemoVisibilityForm visible={demo} label={demo ? m.admin.hideDemo : m.admin.showDemo} saved={m.admin.saved} />
      <h2>{m.admin.users}</h2>
      <div className="table-wrap">
        <table data-testid="users">
          <thead>
            <tr>
              <th>{m.admin.username}</th>
              <th>{m.admin.name}</th>
              <th>{m.admin.organisation}</th>
              <th>{m.admin.status}</th>
              <th>{m.admin.role}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.username}`}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{u.organisationName}</td>
                <td>
                  {u.disabled ? m.admin.disabled : m.admin.active}{' '}
                  {u.id !== ctx.actor.id && <UserStatusForm userId={u.id} disabled={u.disabled} label={u.disabled ? m.admin.enable : m.admin.disable} saved={m.admin.saved} />}
                </td>
                <td>{u.id !== ctx.actor.id ? <UserRoleForm userId={u.id} role={u.role} roles={roles} label={m.admin.changeRole} saved={m.admin.saved} /> : m.roles[u.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
