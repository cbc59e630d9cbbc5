import { Official } from '@/components/ui/local-name';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { evaluatorInbox } from '@/lib/dal/evaluation/inbox';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export default async function EvaluatorPage() {
  const ctx = await requirePage(LANDINGS.evaluator.permission, LANDINGS.evaluator.path);
  const [{ m, locale }, items] = await Promise.all([getI18n(), evaluatorInbox(ctx)]);
  return (
    <>
      <WorkspaceHeader title={m.workspace.evaluatorTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      {items.length === 0 ? (
        <p className="muted">{m.workspace.none}</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              <Official>{i.projectName}</Official> · {i.year} · {i.status}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
