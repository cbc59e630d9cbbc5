import Link from 'next/link';
import { WorkItemsTable } from '@/components/workflow/work-items-table';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { ownItems } from '@/lib/dal/workflow/queries';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function ApplicationsPage() {
  const ctx = await requirePage('project.read', '/workspace/applications');
  const [{ m, locale }, items] = await Promise.all([getI18n(), ownItems(ctx, 'project_application')]);
  return (
    <>
      <h1>{m.workflow.applications}</h1>
      {mayOpen(ctx.actor, 'newApplication') && (
        <p>
          <Link className="link-button" href={ROUTES.newApplication.path}>
            {m.workflow.newApplication}
          </Link>
        </p>
      )}
      <WorkItemsTable items={items} m={m} locale={locale} empty={m.workspace.none} testId="applications" />
    </>
  );
}
