import Link from 'next/link';
import { redirect } from 'next/navigation';
import { FeedbackCard } from '@/components/participation/feedback-card';
import { FeedbackForm } from '@/components/participation/feedback-form';
import { latestPublicFeedback } from '@/lib/dal/public/feedback';
import { FEEDBACK_KINDS, type FeedbackKind } from '@/lib/domain/vocabulary';
import { getI18n } from '@/lib/i18n/server';
import { trackingCodeSchema } from '@/lib/schemas/participation';

export const dynamic = 'force-dynamic';

type Search = Promise<{ kind?: string; code?: string }>;

/** 公众留言: every published question, suggestion and report with its answer; the form; a tracking-code lookup. */
export default async function FeedbackPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const code = (sp.code ?? '').trim().toUpperCase();
  const lookupFailed = code !== '' && !trackingCodeSchema.safeParse(code).success;
  if (code && !lookupFailed) redirect(`/feedback/${code}`);
  const kind = FEEDBACK_KINDS.includes(sp.kind as FeedbackKind) ? (sp.kind as FeedbackKind) : undefined;
  const [{ m, locale }, rows] = await Promise.all([getI18n(), latestPublicFeedback({ kind, limit: 50 })]);
  const p = m.participation;
  return (
    <>
      <h1>{p.title}</h1>
      <p className="muted">{p.intro}</p>
      <form method="get" action="/feedback" className="inline-form" role="search">
        <label>
          {p.lookupTitle}
          <input type="text" name="code" placeholder="YQ-…" defaultValue={code} autoCapitalize="characters" />
        </label>
        <button type="submit">{p.lookup}</button>
        {lookupFailed && (
          <p className="error" role="alert">
            {p.trackingInvalid}
          </p>
        )}
      </form>
      <p>
        <Link href="/feedback/stats">{p.stats}</Link>
      </p>
      <nav aria-label={p.kindLegend} className="inline-links">
        <Link href="/feedback" aria-current={!kind ? 'page' : undefined}>
          {p.all}
        </Link>
        {FEEDBACK_KINDS.map((k) => (
          <Link key={k} href={`/feedback?kind=${k}`} aria-current={kind === k ? 'page' : undefined}>
            {p.kinds[k]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="muted">{p.none}</p>
      ) : (
        <ul className="cards" data-testid="public-feedback">
          {rows.map((r) => (
            <FeedbackCard key={r.tracking_code} row={r} p={p} locale={locale} showSubject />
          ))}
        </ul>
      )}
      <section aria-labelledby="feedback-form-title">
        <h2 id="feedback-form-title">{p.formTitle}</h2>
        <FeedbackForm p={p} subject={null} locale={locale} />
      </section>
    </>
  );
}
