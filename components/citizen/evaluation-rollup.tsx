import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { Money } from '@/components/ui/money';
import type { EvaluationRollupDto } from '@/lib/dal/public/evaluations';
import { EVALUATION_GRADES } from '@/lib/domain/vocabulary';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** Grades of a programme's or a county's evaluated projects beside its money, weighted by the funds each received. */
export function EvaluationRollup({ rollup, m, locale, testId }: { rollup: EvaluationRollupDto; m: Messages; locale: Locale; testId: string }) {
  const e = m.evaluation;
  return (
    <section className="stack" data-testid={testId}>
      <h2>
        {e.rollupTitle}
        {rollup.isDemo && <DemoBadge label={m.app.demoBadge} />}
      </h2>
      <p className="muted">{e.rollupLead}</p>
      {rollup.projects === 0 ? (
        <p className="muted">{e.rollupNone}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{e.rollupProjects}</dt>
            <dd data-testid={`${testId}-projects`}>{rollup.projects}</dd>
            <dt>{e.rollupScore}</dt>
            <dd data-testid={`${testId}-score`}>
              {rollup.weightedScore ?? '—'}
              {rollup.weightedGrade && ` · ${e.grades[rollup.weightedGrade]}`}
            </dd>
            <dt>{e.rollupFunds}</dt>
            <dd>
              <Money fen={rollup.fundsFen} locale={locale} />
            </dd>
          </dl>
          <DataTable
            testId={`${testId}-grades`}
            columns={[
              { id: 'grade', header: e.grade },
              { id: 'projects', header: e.rollupProjects, numeric: true },
              { id: 'funds', header: e.rollupFunds, numeric: true },
            ]}
            rows={EVALUATION_GRADES.map((g) => ({ _key: g, _row: { data: { grade: g } }, grade: e.grades[g], projects: rollup.byGrade[g].projects, funds: moneyCell(rollup.byGrade[g].fundsFen, locale) }))}
          />
        </>
      )}
    </section>
  );
}
