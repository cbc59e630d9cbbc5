import type { TimelineEntry } from '@/lib/dal/workflow/queries';
import { formatExact } from '@/lib/domain/money';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

type Change = { field: string; before: unknown; after: unknown };

const show = (field: string, v: unknown, locale: Locale) => {
  if (v === null || v === undefined) return '—';
  if (field.endsWith('Fen') && typeof v === 'string' && /^\d+$/.test(v)) return formatExact(BigInt(v), locale);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/** Readable names for the fields a resubmission may change. */
function fieldLabel(field: string, w: Messages['workflow']): string {
  const labels: Record<string, string> = {
    requestedCentralFen: w.sources.central,
    requestedProvincialFen: w.sources.provincial,
    requestedMunicipalFen: w.sources.municipal,
    ownFundsFen: w.sources.own,
    plannedStart: w.plannedStart,
    plannedEnd: w.plannedEnd,
    town: w.town,
    description: w.description,
    targets: w.targets,
    attachments: w.attachments,
  };
  return labels[field] ?? field;
}

/** Every transition of an item: who, when, from, to, why, and what a resubmission changed. */
export function Timeline({ entries, m, locale }: { entries: TimelineEntry[]; m: Messages; locale: Locale }) {
  const w = m.workflow;
  if (entries.length === 0) return <p className="muted">{w.timelineEmpty}</p>;
  return (
    <ol className="stack" data-testid="timeline">
      {entries.map((e) => {
        const diff = (e.changes?.diff as Change[] | undefined) ?? [];
        return (
          <li key={e.id}>
            <strong>{e.fromName} → {locale === 'en' ? e.toNameEn : e.toName}</strong> · {e.at.toISOString().replace('T', ' ').slice(0, 16)} · {e.actorName ?? '—'}（{e.organisationName}）
            {e.reason && (
              <p>
                {w.reason}：{e.reason}
              </p>
            )}
            {diff.length > 0 && (
              <details open>
                <summary>{w.changes}</summary>
                <ul data-testid="diff">
                  {diff.map((d) => (
                    <li key={d.field}>
                      <strong>{fieldLabel(d.field, w)}</strong>：{show(d.field, d.before, locale)} → {show(d.field, d.after, locale)}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
