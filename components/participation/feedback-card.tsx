import Link from 'next/link';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { chinaDateTime } from '@/lib/domain/china-date';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export interface FeedbackCardRow {
  tracking_code: string;
  kind: 'question' | 'suggestion' | 'report';
  status: 'received' | 'assigned' | 'answered' | 'closed' | 'rejected' | 'merged';
  subject_type: string;
  subject_code: string | null;
  subject_name: string | null;
  subject_name_en: string | null;
  body: string;
  received_at: string;
  org_name: string | null;
  org_name_en: string | null;
  answers: { body: string; at: string }[];
  overdue: boolean;
}

/** A published item with its latest answer, all of it as text (never markup), readable on a phone. */
export function FeedbackCard({ row, p, locale, showSubject }: { row: FeedbackCardRow; p: Messages['participation']; locale: Locale; showSubject?: boolean }) {
  const answer = row.answers.at(-1);
  return (
    <li className="card" data-testid={`feedback-${row.tracking_code}`}>
      <p>
        <strong>{p.kinds[row.kind]}</strong> · <Link href={`/feedback/${row.tracking_code}`}>{row.tracking_code}</Link> · {p.statuses[row.status]}
        {row.overdue && (
          <>
            {' '}
            · <span className="error">{p.overdue}</span>
          </>
        )}
      </p>
      {showSubject && row.subject_name && (
        <p className="muted">
          {p.subject}: <LocalName zh={row.subject_name} en={row.subject_name_en} locale={locale} />
        </p>
      )}
      <p className="prewrap">
        <AsTyped text={row.body} />
      </p>
      <p className="muted">
        {p.receivedAt} {chinaDateTime(row.received_at)}
        {row.org_name && (
          <>
            {' '}
            · {p.org}: <LocalName zh={row.org_name} en={row.org_name_en} locale={locale} />
          </>
        )}
      </p>
      {answer ? (
        <div className="answer">
          <p>
            <strong>{p.answer}</strong> <span className="muted">{chinaDateTime(answer.at)}</span>
          </p>
          <p className="prewrap">
            <AsTyped text={answer.body} />
          </p>
        </div>
      ) : (
        <p className="muted">{p.noAnswerYet}</p>
      )}
    </li>
  );
}
