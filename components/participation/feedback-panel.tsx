import Link from 'next/link';
import { publicFeedbackAbout, type PublicFeedbackSubject } from '@/lib/dal/public/feedback';
import { getI18n } from '@/lib/i18n/server';
import { FeedbackCard } from './feedback-card';
import { FeedbackForm, type FeedbackSubjectField } from './feedback-form';

const fieldOf = (s: PublicFeedbackSubject): FeedbackSubjectField =>
  s.type === 'publication' ? { name: 'publicationId', value: String(s.id) } : { name: `${s.type}Code`, value: s.code };

/** Under a project, programme, county or publication: what citizens asked about it, and the form to ask. */
export async function FeedbackPanel({ subject }: { subject: PublicFeedbackSubject }) {
  const [{ m, locale }, rows] = await Promise.all([getI18n(), publicFeedbackAbout(subject)]);
  const p = m.participation;
  return (
    <section aria-labelledby="feedback-panel-title" data-testid="feedback-panel">
      <h2 id="feedback-panel-title">{p.aboutThis}</h2>
      {rows.length === 0 ? (
        <p className="muted">{p.none}</p>
      ) : (
        <ul className="cards">
          {rows.map((r) => (
            <FeedbackCard key={r.tracking_code} row={r} p={p} locale={locale} />
          ))}
        </ul>
      )}
      <details>
        <summary>{p.formTitle}</summary>
        <p className="muted">{p.intro}</p>
        <FeedbackForm p={p} subject={fieldOf(subject)} locale={locale} />
      </details>
      <p>
        <Link href="/feedback">{p.all}</Link>
      </p>
    </section>
  );
}
