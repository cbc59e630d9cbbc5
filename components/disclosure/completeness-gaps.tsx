import { DataTable } from '@/components/table/data-table';
import { LocalName, Official } from '@/components/ui/local-name';
import type { CompletenessGapDto } from '@/lib/dal/public/disclosure';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

/** Each obligation not met on time, by name: what, whose, by when, and when (if ever) it came. */
export function CompletenessGaps({ gaps, m, locale, empty, testId }: { gaps: CompletenessGapDto[]; m: Messages; locale: Locale; empty?: string; testId?: string }) {
  const d = m.disclosure;
  if (!gaps.length) return <p className="muted">{empty ?? d.gapsEmpty}</p>;
  return (
    <DataTable
      testId={testId ?? 'completeness-gaps'}
      columns={[
        { id: 'subject', header: d.subject },
        { id: 'kind', header: d.gapKind },
        { id: 'status', header: d.gapStatus },
        { id: 'responsible', header: d.responsible },
        { id: 'due', header: d.dueAt },
        { id: 'published', header: d.publishedOn },
      ]}
      rows={gaps.map((g) => ({
        _key: `${g.kind}-${g.subjectType}-${g.subjectId}`,
        subject: g.subjectName ? <Official>{g.subjectName}</Official> : d.withheldSubject,
        kind: d.kind[g.kind],
        status: d.status[g.status],
        responsible: <LocalName zh={g.responsibleOrg} en={g.responsibleOrgEn} locale={locale} />,
        due: g.dueAt.slice(0, 10),
        published: g.publishedAt ? g.publishedAt.slice(0, 10) : '—',
      }))}
    />
  );
}
