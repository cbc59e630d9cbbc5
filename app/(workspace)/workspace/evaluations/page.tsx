import { OpenEvaluationButton } from './_components/open-evaluation-button';
import { Official } from '@/components/ui/local-name';
import { DataTable } from '@/components/table/data-table';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { evaluationList } from '@/lib/dal/evaluation/evaluations';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

/** 绩效评价: what awaits the unit (self-evaluation), the evaluator (review) or the approver, and what was approved. */
export default async function EvaluationsPage() {
  const ctx = await requirePage('workspace.enter', '/workspace/evaluations');
  const [{ m }, list] = await Promise.all([getI18n(), evaluationList(ctx)]);
  const e = m.evaluation;
  return (
    <>
      <h1>{e.listTitle}</h1>
      <p className="muted">{e.lead}</p>
      {list.awaitingSelfEvaluation.length > 0 && (
        <>
          <h2>{e.awaiting}</h2>
          <ul data-testid="awaiting-self-evaluation">
            {list.awaitingSelfEvaluation.map((a) => (
              <li key={a.applicationId}>
                {a.code} · <Official>{a.projectName}</Official> <OpenEvaluationButton applicationId={a.applicationId} label={e.open} />
              </li>
            ))}
          </ul>
        </>
      )}
      {list.items.length === 0 ? (
        <p className="muted">{e.none}</p>
      ) : (
        <DataTable
          testId="evaluations"
          columns={[
            { id: 'project', header: e.project },
            { id: 'year', header: e.year, numeric: true },
            { id: 'status', header: e.statusLabel },
            { id: 'total', header: e.total, numeric: true },
            { id: 'grade', header: e.grade },
          ]}
          rows={list.items.map((i) => ({
            _key: String(i.id),
            _row: { testId: `evaluation-${i.id}`, data: { status: i.status } },
            project: { text: `${i.projectCode} · ${i.projectName}`, href: `/workspace/evaluations/${i.id}`, sub: i.applicationCode ?? undefined, lang: 'zh-CN' },
            year: i.year,
            status: e.status[i.status],
            total: i.totalScore ?? '—',
            grade: i.grade ? e.grades[i.grade] : '—',
          }))}
        />
      )}
    </>
  );
}
