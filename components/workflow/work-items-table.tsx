import Link from 'next/link';
import type { WorkItemDto } from '@/lib/dal/workflow/queries';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** Items awaiting someone, overdue ones marked; each opens its item page. */
export function WorkItemsTable({ items, m, locale, empty, testId }: { items: WorkItemDto[]; m: Messages; locale: Locale; empty: string; testId?: string }) {
  const w = m.workflow;
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{w.code}</th>
            <th>{w.kind}</th>
            <th>{w.title}</th>
            <th>{w.organisation}</th>
            <th>{w.stage}</th>
            <th>{w.dueAt}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className={i.overdue ? 'idle' : undefined}>
              <td>
                <Link href={`/workspace/items/${i.id}`}>{i.code}</Link>
              </td>
              <td>{w.kinds[i.kind]}</td>
              <td>{i.title}</td>
              <td>{i.organisationName}</td>
              <td>{locale === 'en' ? i.stageNameEn : i.stageName}</td>
              <td>
                {i.dueAt ? i.dueAt.toISOString().slice(0, 10) : '—'}
                {i.overdue && <strong className="error"> {w.overdue}</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
