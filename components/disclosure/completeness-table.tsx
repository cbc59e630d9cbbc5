import { PUBLICATION_KINDS } from '@/lib/domain/vocabulary';
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
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{d.subject}</th>
            {PUBLICATION_KINDS.map((k) => (
              <th key={k}>{d.kind[k]}</th>
            ))}
            <th>{d.score}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <LocalName zh={r.name} en={r.nameEn} locale={locale} />
              </td>
              {PUBLICATION_KINDS.map((k) => (
                <td key={k}>{cell(r.kinds[k], m)}</td>
              ))}
              <td>{r.score ?? d.notScored}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
