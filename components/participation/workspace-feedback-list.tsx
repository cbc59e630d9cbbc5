import Link from 'next/link';
import { AsTyped, LocalName } from '@/components/ui/local-name';
import { chinaDateTime } from '@/lib/domain/china-date';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

export interface WorkspaceFeedbackRow {
  trackingCode: string;
  kind?: 'question' | 'suggestion' | 'report';
  status: 'received' | 'assigned' | 'answered' | 'closed' | 'rejected' | 'merged';
  body: string;
  dueAt: Date | null;
  createdAt?: Date;
  orgName?: string | null;
  orgNameEn?: string | null;
  overdue: boolean;
}

/** The workspace's lists of citizens' items (queue, my organisation's, reports), as cards for a phone. */
export function WorkspaceFeedbackList({ rows, p, locale, testId }: { rows: WorkspaceFeedbackRow[]; p: Messages['participation']; locale: Locale; testId: string }) {
  if (!rows.length) return <p className="muted">{p.none}</p>;
  return (
    <ul className="cards" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.trackingCode} className="card">
          <p>
            <Link href={`/workspace/feedback/${r.trackingCode}`}>{r.trackingCode}</Link>
            {r.kind && <> · {p.kinds[r.kind]}</>} · {p.statuses[r.status]}
            {r.overdue && (
              <>
                {' '}
                · <span className="error">{p.overdue}</span>
              </>
            )}
          </p>
          <p className="prewrap">
            <AsTyped text={r.body.length > 200 ? `${r.body.slice(0, 200)}…` : r.body} />
          </p>
          <p className="muted">
            {r.createdAt && <>{chinaDateTime(r.createdAt)} </>}
            {r.orgName && (
              <>
                · <LocalName zh={r.orgName} en={r.orgNameEn} locale={locale} />{' '}
              </>
            )}
            {r.dueAt && (
              <>
                · {p.ws.due} {chinaDateTime(r.dueAt)}
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
