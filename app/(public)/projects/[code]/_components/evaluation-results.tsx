import Link from 'next/link';
import { DataTable } from '@/components/table/data-table';
import { DemoBadge } from '@/components/ui/demo-badge';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import type { PublicEvaluationDto } from '@/lib/dal/public/evaluations';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** A project's published evaluation results: each indicator with target, actual, points and evidence checksums, the total and grade, findings and corrections. */
export function EvaluationResults({ results, m, locale }: { results: PublicEvaluationDto[]; m: Messages; locale: Locale }) {
  const e = m.evaluation;
  if (!results.length) return <p className="muted">{e.publicNone}</p>;
  return (
    <div className="stack" data-testid="project-evaluations">
      {results.map((r) => (
        <section key={r.publicationId} className="stack" data-testid="project-evaluation" data-grade={r.grade}>
          <h3>
            {e.year} {r.year} · {e.total} <strong data-testid="evaluation-total">{r.totalScore}</strong> · {e.grade} <strong data-testid="evaluation-grade">{e.grades[r.grade]}</strong>
            {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
          </h3>
          <p className="muted">
            {e.approvedOn}
            {m.app.colon}
            {r.approvedOn}
            {r.evaluatorOrganisation && (
              <>
                {' '}
                · {e.evaluatedBy}
                {m.app.colon}
                <LocalName zh={r.evaluatorOrganisation} en={r.evaluatorOrganisationEn} locale={locale} />
              </>
            )}{' '}
            · <Link href={`/disclosure/publications/${r.publicationId}`}>{e.publication}</Link>
          </p>
          <DataTable
            testId="evaluation-indicators"
            columns={[
              { id: 'name', header: e.name },
              { id: 'weight', header: e.weight, numeric: true },
              { id: 'target', header: e.target, numeric: true },
              { id: 'actual', header: e.actual, numeric: true },
              { id: 'points', header: e.points, numeric: true },
              { id: 'evidence', header: e.evidence },
            ]}
            rows={r.indicators.map((i, n) => ({
              _key: String(n),
              name: (
                <>
                  <AsTyped text={i.name} />
                  <br />
                  <span className="muted">
                    {m.workflow.categories[i.category as 'output'] ?? i.category} · {m.workflow.subcategories[i.subcategory as 'quantity'] ?? i.subcategory}
                    {i.source && (
                      <>
                        {' '}
                        · {e.source}
                        {m.app.colon}
                        <AsTyped text={i.source} />
                      </>
                    )}
                  </span>
                </>
              ),
              weight: i.weight,
              target: i.target === null ? '—' : (
                <>
                  {i.target} <AsTyped text={i.unit} />
                </>
              ),
              actual: i.actual ?? '—',
              points: i.points ?? '—',
              evidence: i.evidence.length ? (
                <ul className="plain">
                  {i.evidence.map((d) => (
                    <li key={d.sha256}>
                      <AsTyped text={d.filename} /> · {e.checksum} <code className="hash">{d.sha256}</code>
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              ),
            }))}
          />
          {r.findings && (
            <p>
              {e.findings}
              {m.app.colon}
              <AsTyped text={r.findings} />
            </p>
          )}
          {r.corrections && (
            <p>
              {e.corrections}
              {m.app.colon}
              <AsTyped text={r.corrections} />
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
