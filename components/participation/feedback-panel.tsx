import Link from 'next/link';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import type { PublicFeedbackSubject } from '@/lib/domain/participation/subject';
import { FeedbackCard, type FeedbackCardRow } from './feedback-card';
import { FeedbackForm, type FeedbackSubjectField } from './feedback-form';

const fieldOf = (s: PublicFeedbackSubject): FeedbackSubjectField =>
  s.type === 'publication' ? { name: 'publicationId', value: String(s.id) } : { name: `${s.type}Code`, value: s.code };

/** Under a project, programme, county or publication: what citizens asked about it, and the form to ask. */
export function FeedbackPanel({ subject, rows, m, locale }: { subject: PublicFeedbackSubject; rows: FeedbackCardRow[]; m: Messages; locale: Locale }) {
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
