import { FUND_DISCLOSURE_KINDS } from '@/lib/domain/vocabulary';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { LocalName } from '@/components/ui/local-name';
import type { CompletenessRowDto } from '@/lib/dal/public/disclosure';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

function cell(k: CompletenessRowDto['kinds'][keyof CompletenessRowDto['kinds']], m: Messages): string {
  if (!k) return '—';
  const s = m.disclosure.status;
  return [k.onTime && `${s.on_time} ${k.onTime}`, k.late && `${s.late} ${k.late}`, k.missing && `${s.overdue} ${k.missing}`, k.pending && `${s.pending} ${k.pending}`, k.withheld && `${s.withheld} ${k.withheld}`].filter(Boolean).join(' · ');
}

export function CompletenessTable({ rows, m, locale, testId }: { rows: CompletenessRowDto[]; m: Messages; locale: Locale; testId: string }) {
  const d = m.disclosure;
  // One column per publication kind: the ids are data, so the rows are the generic Row.
  const columns: ColumnSpec[] = [{ id: 'subject', header: d.subject }, ...FUND_DISCLOSURE_KINDS.map((k) => ({ id: k, header: d.kind[k] })), { id: 'score', header: d.score }];
  const data: Row[] = rows.map((r) => ({
    _key: String(r.id),
    subject: <LocalName zh={r.name} en={r.nameEn} locale={locale} />,
    ...Object.fromEntries(FUND_DISCLOSURE_KINDS.map((k) => [k, cell(r.kinds[k], m)])),
    score: r.score ?? d.notScored,
  }));
  return <DataTable testId={testId} columns={columns} rows={data} />;
}
