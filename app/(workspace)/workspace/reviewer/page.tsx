import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { reviewInbox } from '@/lib/dal/inbox';
import { requirePage } from '@/lib/dal/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function ReviewerPage() {
  const ctx = await requirePage(LANDINGS.reviewer.permission, LANDINGS.reviewer.path);
  const [{ m }, items] = await Promise.all([getI18n(), reviewInbox(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.reviewerTitle} actor={ctx.actor} m={m} />
      <h2>{m.workspace.reviewQueue}</h2>
      {items.length === 0 ? (
        <p className="muted">{m.workspace.reviewQueueEmpty}</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              {i.kind} · {i.stage} · {i.dueAt?.toISOString().slice(0, 10) ?? '—'}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
