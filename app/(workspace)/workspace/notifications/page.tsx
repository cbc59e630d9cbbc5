import { AsTyped } from '@/components/ui/local-name';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { myNotifications } from '@/lib/dal/workflow/queries';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function NotificationsPage() {
  const ctx = await requirePage('workspace.enter', '/workspace/notifications');
  const [{ m }, items] = await Promise.all([getI18n(), myNotifications(ctx)]);
  return (
    <>
      <h1>{m.workflow.notifications}</h1>
      {items.length === 0 ? (
        <p className="muted">{m.workflow.notificationsEmpty}</p>
      ) : (
        <ul className="stack" data-testid="notifications">
          {items.map((n) => (
            <li key={n.id}>
              {/* Stored as written when the step was taken (in Chinese): shown as such. */}
              <strong>
                <AsTyped text={n.title} />
              </strong>{' '}
              · <span className="muted">{n.createdAt.toISOString().replace('T', ' ').slice(0, 16)}</span>
              <br />
              <AsTyped text={n.body} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
