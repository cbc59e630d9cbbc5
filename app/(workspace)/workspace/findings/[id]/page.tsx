import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnswerForm, StepForm } from './_components/finding-forms';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { ROUTES } from '@/lib/auth/routes';
import { findingDetail } from '@/lib/dal/audit/findings';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { AppError } from '@/lib/errors';
import { getI18n } from '@/lib/i18n/server';
import { idParam } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

/** One finding: what, for whom, answers with evidence, history; the answer form for its organisation, close/reopen for auditors. */
export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const findingId = idParam(id);
  const ctx = await requirePage('workspace.enter', `/workspace/findings/${id}`);
  if (!findingId) notFound();
  const d = await findingDetail(ctx, findingId).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden')) return null;
    throw e;
  });
  if (!d) notFound();
  const { m, locale } = await getI18n();
  const f = m.findings;
  const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return (
    <>
      <p>
        <Link href={ROUTES.findings.path}>{f.back}</Link>
      </p>
      <h1>
        #{d.id} · <AsTyped text={d.title} />
      </h1>
      <dl className="facts">
        <dt>{f.status}</dt>
        <dd data-testid="finding-status">{f.statuses[d.status]}</dd>
        <dt>{f.severity}</dt>
        <dd>{f.severities[d.severity]}</dd>
        <dt>{f.subject}</dt>
        <dd>
          {f.subjectTypes[d.subjectType]} {d.subjectRef}
          {d.subjectLabel && (
            <>
              {' · '}
              <span lang="zh-CN">{d.subjectLabel}</span>
            </>
          )}
        </dd>
        <dt>{f.responsible}</dt>
        <dd data-testid="finding-responsible">
          <LocalName zh={d.responsibleOrg.name} en={d.responsibleOrg.nameEn} locale={locale} />
        </dd>
        <dt>{f.dueDate}</dt>
        <dd>
          {d.dueDate}
          {d.overdue && <strong> · {f.overdue}</strong>}
        </dd>
        <dt>{f.recordedBy}</dt>
        <dd>
          <AsTyped text={d.recordedBy} /> · {when(d.createdAt)}
        </dd>
        {d.closedReason && (
          <>
            <dt>{f.closedReason}</dt>
            <dd>
              <AsTyped text={d.closedReason} />
            </dd>
          </>
        )}
        {d.publicationId && (
          <>
            <dt>{f.published}</dt>
            <dd>
              <Link href={`/findings/${d.id}`}>/findings/{d.id}</Link>
            </dd>
          </>
        )}
      </dl>
      <h2>{f.body}</h2>
      <p className="prewrap">
        <AsTyped text={d.body} />
      </p>
      <h2>{f.requiredAction}</h2>
      <p className="prewrap">
        <AsTyped text={d.requiredAction} />
      </p>

      <h2>{f.answers}</h2>
      {d.answerList.length === 0 ? (
        <p className="muted">{f.none}</p>
      ) : (
        <ol className="stack" data-testid="finding-answers">
          {d.answerList.map((a) => (
            <li key={a.id}>
              <p>
                <LocalName zh={a.orgName} en={a.orgNameEn} locale={locale} /> · <AsTyped text={a.answeredBy} /> · {when(a.answeredAt)}
              </p>
              <p className="prewrap">
                <AsTyped text={a.body} />
              </p>
              {a.evidence.length > 0 && (
                <ul>
                  {a.evidence.map((e) => (
                    <li key={e.documentId}>
                      <a href={`/api/workspace/findings/${d.id}/evidence/${e.documentId}`}>
                        <AsTyped text={e.filename} />
                      </a>{' '}
                      <code className="hash">
                        {f.sha256} {e.sha256}
                      </code>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}

      {d.mayAnswer && (
        <section>
          <h2>{f.answer}</h2>
          <AnswerForm findingId={d.id} revision={d.revision} t={f} />
        </section>
      )}
      {d.mayClose && (
        <section>
          <h2>{f.close}</h2>
          <StepForm findingId={d.id} revision={d.revision} step="close" t={f} />
        </section>
      )}
      {d.mayReopen && (
        <section>
          <h2>{f.reopen}</h2>
          <StepForm findingId={d.id} revision={d.revision} step="reopen" t={f} />
        </section>
      )}

      <h2>{f.history}</h2>
      <ol data-testid="finding-history">
        {d.history.map((h, i) => (
          <li key={i}>
            {when(h.at)} · {f.events[h.event]} · <AsTyped text={h.actor} />
            {h.reason && (
              <>
                {m.app.colon}
                <AsTyped text={h.reason} />
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
