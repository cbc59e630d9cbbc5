import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApprovalForm } from './_components/approval-form';
import { ReviewForm } from './_components/review-form';
import { SelfEvaluationForm } from './_components/self-evaluation-form';
import { DataTable } from '@/components/table/data-table';
import { AsTyped, Official } from '@/components/ui/local-name';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { evaluationDetail } from '@/lib/dal/evaluation/evaluations';
import { plainDecimal } from '@/lib/domain/decimal';
import { weightPercent } from '@/lib/domain/evaluation';
import { AppError } from '@/lib/errors';
import { formMessages } from '@/lib/i18n';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

const plain = (v: string | null) => (v === null ? null : plainDecimal(v));

export default async function EvaluationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const evaluationId = idParam(id) ?? 0;
  const ctx = await requirePage('workspace.enter', `/workspace/evaluations/${id}`);
  if (!evaluationId) notFound();
  const d = await evaluationDetail(ctx, evaluationId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  if (!d) notFound();
  const { m, locale } = await getI18n();
  const e = m.evaluation;
  const messages = formMessages(locale);
  return (
    <>
      <h1>
        {e.title} · <Official>{d.projectName}</Official>
      </h1>
      <p>
        <span data-testid="evaluation-project-code">{d.projectCode}</span> · {d.applicationCode ?? '—'} · {e.year} {d.year} · {e.statusLabel}
        {m.app.colon}
        <strong data-testid="evaluation-status">{e.status[d.status]}</strong>
        {d.totalScore && (
          <>
            {' '}
            · {e.total} <strong data-testid="evaluation-total">{d.totalScore}</strong> · {e.grade} <strong data-testid="evaluation-grade">{d.grade ? e.grades[d.grade] : '—'}</strong>
          </>
        )}
      </p>
      {d.returnReason && (
        <p className="notice">
          {e.returnReason}
          {m.app.colon}
          <AsTyped text={d.returnReason} />
        </p>
      )}
      <p className="muted" data-testid="evaluation-citizen-ratings">
        {d.citizenRatings
          ? e.citizenRatings
              .replace('{count}', String(d.citizenRatings.ratings))
              .replace('{percent}', plainDecimal(d.citizenRatings.percent))
              .replace('{source}', d.citizenRatings.source)
          : e.citizenRatingsNone}
      </p>
      {d.may.selfEvaluate ? (
        <SelfEvaluationForm
          evaluationId={d.id}
          revision={d.revision}
          values={{
            summary: d.summary ?? '',
            indicators: d.indicators.map((i) => ({
              id: i.id,
              category: i.category as 'output',
              subcategory: i.subcategory as 'quantity',
              name: i.name,
              unit: i.unit,
              weight: weightPercent(i.weightBp).replace(/\.00$/, ''),
              direction: i.direction,
              rule: i.rule,
              target: i.target === null ? '' : plainDecimal(i.target),
              selfValue: i.selfValue === null ? '' : plainDecimal(i.selfValue),
              evidenceRequired: i.evidenceRequired,
              source: i.source ?? '',
              note: i.note ?? '',
            })),
          }}
          evidence={Object.fromEntries(d.indicators.map((i) => [i.id, i.evidence]))}
          e={e}
          categories={m.workflow.categories}
          subcategories={m.workflow.subcategories}
          submitting={m.ledgerUi.submitting}
          messages={messages}
        />
      ) : (
        <>
          <h2>{e.indicators}</h2>
          <DataTable
            testId="evaluation-indicators"
            columns={[
              { id: 'name', header: e.name },
              { id: 'weight', header: e.weight, numeric: true },
              { id: 'target', header: e.target, numeric: true },
              { id: 'selfValue', header: e.selfValue, numeric: true },
              { id: 'actual', header: e.actual, numeric: true },
              { id: 'points', header: e.points, numeric: true },
              { id: 'evidence', header: e.evidence },
            ]}
            rows={d.indicators.map((i) => ({
              _key: String(i.id),
              // Names, units, sources and file names are what people typed: quoted as such on an English page.
              name: (
                <>
                  <AsTyped text={i.name} />
                  <span className="fen">
                    {m.workflow.categories[i.category as 'output'] ?? i.category} · {e.rules[i.rule]}
                    {i.source && (
                      <>
                        {' · '}
                        {e.source}
                        {m.app.colon}
                        <AsTyped text={i.source} />
                      </>
                    )}
                  </span>
                </>
              ),
              weight: weightPercent(i.weightBp),
              target:
                i.target === null ? (
                  '—'
                ) : (
                  <>
                    {plainDecimal(i.target)} <AsTyped text={i.unit} />
                  </>
                ),
              selfValue: plain(i.selfValue) ?? '—',
              actual: plain(i.actual) ?? '—',
              points: i.points ?? '—',
              evidence: i.evidence.length ? (
                <>
                  {i.evidence.map((x, n) => (
                    <span key={x.sha256} className="fen">
                      {n > 0 && '；'}
                      <AsTyped text={x.filename} /> ({x.sha256.slice(0, 12)}…)
                    </span>
                  ))}
                </>
              ) : (
                '—'
              ),
            }))}
          />
          {d.summary && (
            <p>
              {e.summary}
              {m.app.colon}
              <AsTyped text={d.summary} />
            </p>
          )}
        </>
      )}
      {d.findings && !d.may.review && (
        <p>
          {e.findings}
          {m.app.colon}
          <AsTyped text={d.findings} />
        </p>
      )}
      {d.corrections && !d.may.review && (
        <p>
          {e.corrections}
          {m.app.colon}
          <AsTyped text={d.corrections} />
        </p>
      )}
      {d.may.review && (
        <>
          <h2>{e.completeReview}</h2>
          <ReviewForm
            evaluationId={d.id}
            revision={d.revision}
            indicators={d.indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, target: plain(i.target), selfValue: plain(i.selfValue), actual: plain(i.actual) }))}
            findings={d.findings ?? ''}
            corrections={d.corrections ?? ''}
            e={e}
            messages={messages}
          />
        </>
      )}
      {d.may.approve && (
        <>
          <h2>{e.approve}</h2>
          <ApprovalForm evaluationId={d.id} revision={d.revision} e={e} messages={messages} />
        </>
      )}
      {d.publicationId && (
        <p>
          <Link href={`/disclosure/publications/${d.publicationId}`} data-testid="evaluation-publication">
            {e.publication}
          </Link>
        </p>
      )}
    </>
  );
}
