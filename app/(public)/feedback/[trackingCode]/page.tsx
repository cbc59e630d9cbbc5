import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { chinaDateTime } from '@/lib/domain/china-date';
import { feedbackByTrackingCode } from '@/lib/dal/public/feedback';
import { getI18n } from '@/lib/i18n/server';
import { trackingCodeSchema } from '@/lib/schemas/participation';

export const dynamic = 'force-dynamic';
// A tracking code is its holder's: the page is not for search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

const STEPS = ['received', 'assigned', 'answered', 'closed'] as const;

/** 办理进度: the status for anyone with the code; the text, answers and photos only when published. */
export default async function FeedbackStatusPage({ params }: { params: Promise<{ trackingCode: string }> }) {
  const { trackingCode } = await params;
  const code = trackingCodeSchema.safeParse(decodeURIComponent(trackingCode).toUpperCase());
  if (!code.success) notFound();
  const [{ m, locale }, found] = await Promise.all([getI18n(), feedbackByTrackingCode(code.data)]);
  const p = m.participation;
  if (!found) {
    return (
      <>
        <h1>{p.statusTitle}</h1>
        <p className="error" role="alert" data-testid="feedback-unknown">
          {p.notFoundCode}
        </p>
        <p>
          <Link href="/feedback">{p.title}</Link>
        </p>
      </>
    );
  }
  const { status: s, item, photos } = found;
  const reached = STEPS.indexOf(s.status as (typeof STEPS)[number]);
  const dates: Record<(typeof STEPS)[number], string | null> = { received: s.received_at, assigned: s.assigned_at, answered: s.answered_at, closed: s.closed_at };
  return (
    <>
      <h1>{p.statusTitle}</h1>
      <p>
        {p.trackingCode}: <strong data-testid="status-code">{s.tracking_code}</strong> · {p.kinds[s.kind]}
      </p>
      <p data-testid="feedback-status">
        <strong>{p.statuses[s.status]}</strong>
        {s.overdue && (
          <>
            {' '}
            · <span className="error" data-testid="feedback-overdue">{p.overdue}</span>
          </>
        )}
      </p>
      {reached >= 0 && (
        <ol className="steps" aria-label={p.statusTitle}>
          {STEPS.map((step, i) => (
            <li key={step} data-done={i <= reached}>
              {p.steps[step]}
              {dates[step] && <span className="muted"> {chinaDateTime(dates[step]!)}</span>}
            </li>
          ))}
        </ol>
      )}
      <dl className="facts">
        {s.org_name && (
          <>
            <dt>{p.org}</dt>
            <dd>
              <LocalName zh={s.org_name} en={s.org_name_en} locale={locale} />
            </dd>
          </>
        )}
        {s.due_at && s.status === 'assigned' && (
          <>
            <dt>{p.due}</dt>
            <dd>{chinaDateTime(s.due_at)}</dd>
          </>
        )}
        {s.reject_reason && (
          <>
            <dt>{p.rejectedBecause}</dt>
            <dd>
              <AsTyped text={s.reject_reason} />
            </dd>
          </>
        )}
        {s.merged_into && (
          <>
            <dt>{p.mergedInto}</dt>
            <dd>
              <Link href={`/feedback/${s.merged_into}`}>{s.merged_into}</Link>
            </dd>
          </>
        )}
      </dl>
      {item ? (
        <>
          <h2>{p.question}</h2>
          <p className="prewrap" data-testid="feedback-text">
            <AsTyped text={item.body} />
          </p>
          {photos.length > 0 && (
            <div className="feedback-photos">
              {photos.map((ph) => (
                // eslint-disable-next-line @next/next/no-img-element -- stored photos are served as they are, already re-encoded
                <img key={ph.id} src={`/api/public/feedback/photos/${ph.id}`} width={ph.width} height={ph.height} alt={p.photoAlt} loading="lazy" />
              ))}
            </div>
          )}
          <h2>{p.answer}</h2>
          {item.answers.length === 0 ? (
            <p className="muted">{p.noAnswerYet}</p>
          ) : (
            <>
              <p className="prewrap" data-testid="feedback-answer">
                <AsTyped text={item.answers.at(-1)!.body} />
              </p>
              <p className="muted">{chinaDateTime(item.answers.at(-1)!.at)}</p>
              {item.answers.length > 1 && (
                <details>
                  <summary>{p.answerVersions}</summary>
                  <ol>
                    {item.answers.slice(0, -1).map((a) => (
                      <li key={a.at}>
                        <span className="muted">{chinaDateTime(a.at)}</span> <AsTyped text={a.body} />
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </>
          )}
        </>
      ) : (
        s.status !== 'rejected' && s.status !== 'merged' && <p className="muted">{p.notPublic}</p>
      )}
      <p>
        <Link href="/feedback">{p.title}</Link>
      </p>
    </>
  );
}
