import { DataTable } from '@/components/table/data-table';
import { LocalName, Official } from '@/components/ui/local-name';
import type { WorkItemDto } from '@/lib/dal/workflow/queries';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** Items awaiting someone, overdue ones marked; each opens its item page. */
export function WorkItemsTable({ items, m, locale, empty, testId }: { items: WorkItemDto[]; m: Messages; locale: Locale; empty: string; testId?: string }) {
  const w = m.workflow;
  return (
    <DataTable
      testId={testId}
      empty={empty}
      columns={[
        { id: 'code', header: w.code },
        { id: 'kind', header: w.kind },
        { id: 'title', header: w.title },
        { id: 'organisation', header: w.organisation },
        { id: 'stage', header: w.stage },
        { id: 'due', header: w.dueAt },
      ]}
      rows={items.map((i) => ({
        _key: String(i.id),
        _row: i.overdue ? { className: 'idle' } : undefined,
        code: { text: i.code, href: `/workspace/items/${i.id}` },
        kind: w.kinds[i.kind],
        title: <Official>{i.title}</Official>,
        organisation: <LocalName zh={i.organisationName} en={i.organisationNameEn} locale={locale} />,
        stage: locale === 'en' ? i.stageNameEn : i.stageName,
        due: (
          <>
            {i.dueAt ? i.dueAt.toISOString().slice(0, 10) : '—'}
            {i.overdue && <strong className="error"> {w.overdue}</strong>}
          </>
        ),
      }))}
    />
  );
}
