import { LocalName, Official } from '@/components/ui/local-name';
import { WorkItemsTable } from '@/components/workflow/work-items-table';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { listOwnProjects } from '@/lib/dal/projects/projects';
import { myInbox } from '@/lib/dal/workflow/queries';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function UnitPage() {
  const ctx = await requirePage(LANDINGS.implementing_unit.permission, LANDINGS.implementing_unit.path);
  const [{ m, locale }, projects, inbox] = await Promise.all([getI18n(), listOwnProjects(ctx), myInbox(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.unitTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{m.workflow.inbox}</h2>
      <WorkItemsTable items={inbox} m={m} locale={locale} empty={m.workflow.inboxEmpty} testId="inbox" />
      <h2>{m.workspace.assignedProjects}</h2>
      {projects.length === 0 ? (
        <p className="muted">{m.workspace.none}</p>
      ) : (
        <ul data-testid="own-projects">
          {projects.map((p) => (
            <li key={p.code}>
              {p.code} <Official>{p.name}</Official>{' '}
              <span className="muted">
                · <LocalName zh={p.typeName} en={p.typeNameEn} locale={locale} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
