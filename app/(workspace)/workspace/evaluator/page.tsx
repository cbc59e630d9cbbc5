import { DataTable } from '@/components/table/data-table';
import { MainActions } from '@/components/workspace/main-actions';
import { WorkspaceHeader } from '@/components/workspace/workspace-header';
import { LANDINGS } from '@/lib/auth/landing';
import { evaluationList } from '@/lib/dal/evaluation/evaluations';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** The evaluator's landing: self-evaluations awaiting review (复核) first. */
export default async function EvaluatorPage() {
  const ctx = await requirePage(LANDINGS.evaluator.permission, LANDINGS.evaluator.path);
  const [{ m, locale }, list] = await Promise.all([getI18n(), evaluationList(ctx)]);
  const e = m.evaluation;
  const waiting = list.items.filter((i) => i.status === 'submitted');
  return (
    <>
      <WorkspaceHeader title={m.workspace.evaluatorTitle} actor={ctx.actor} m={m} locale={locale} />
      <MainActions actor={ctx.actor} m={m} />
      <h2>{e.status.submitted}</h2>
      {waiting.length === 0 ? (
        <p className="muted">{m.workspace.none}</p>
      ) : (
        <DataTable
          testId="evaluations-to-review"
          columns={[
            { id: 'project', header: e.project },
            { id: 'year', header: e.year, numeric: true },
          ]}
          rows={waiting.map((i) => ({ _key: String(i.id), project: { text: `${i.projectCode} · ${i.projectName}`, href: `/workspace/evaluations/${i.id}`, sub: i.applicationCode ?? undefined }, year: i.year }))}
        />
      )}
    </>
  );
}
