import { DataTable } from '@/components/table/data-table';
import { LocalName, Official } from '@/components/ui/local-name';
import type { OverdueDto } from '@/lib/dal/disclosure/deadlines';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** 逾期未公开: what an organisation owes the public past its deadline, by name. */
export function OverdueObligations({ rows, m, locale, testId }: { rows: OverdueDto[]; m: Messages; locale: Locale; testId: string }) {
  const d = m.disclosure;
  if (!rows.length) return <p className="muted">{d.overdueEmpty}</p>;
  return (
    <DataTable
      testId={testId}
      columns={[
        { id: 'subject', header: d.subject },
        { id: 'kind', header: d.gapKind },
        { id: 'responsible', header: d.responsible },
        { id: 'due', header: d.dueAt },
        { id: 'late', header: d.gapStatus },
      ]}
      rows={rows.map((o) => ({
        _key: String(o.id),
        subject: o.subjectName ? <Official>{o.subjectName}</Official> : `#${o.subjectId}`,
        kind: d.kind[o.kind],
        responsible: <LocalName zh={o.responsibleOrg} en={o.responsibleOrgEn} locale={locale} />,
        due: o.dueAt.toISOString().slice(0, 10),
        late: <span className="error">{d.daysOverdue.replace('{days}', String(o.daysOverdue))}</span>,
      }))}
    />
  );
}
