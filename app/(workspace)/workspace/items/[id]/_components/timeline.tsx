import { AsTyped, LocalName } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import type { TimelineEntry } from '@/lib/dal/workflow/queries';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

type Change = { field: string; before: unknown; after: unknown };

/** A changed value: an amount through the one money component, anything else as it was typed. */
const show = (field: string, v: unknown, locale: Locale) => {
  if (v === null || v === undefined) return '—';
  if (field.endsWith('Fen') && typeof v === 'string' && /^\d+$/.test(v)) return <Money fen={v} locale={locale} />;
  return <AsTyped text={typeof v === 'object' ? JSON.stringify(v) : String(v)} />;
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
            <strong>
              {locale === 'en' ? e.fromNameEn : e.fromName} → {locale === 'en' ? e.toNameEn : e.toName}
            </strong>{' '}
            · {e.at.toISOString().replace('T', ' ').slice(0, 16)} · <AsTyped text={e.actorName ?? '—'} />
            {locale === 'zh' ? '（' : ' ('}
            <LocalName zh={e.organisationName} en={e.organisationNameEn} locale={locale} />
            {locale === 'zh' ? '）' : ')'}
            {e.reason && (
              <p>
                {w.reason}
                {m.app.colon}
                <AsTyped text={e.reason} />
              </p>
            )}
            {diff.length > 0 && (
              <details open>
                <summary>{w.changes}</summary>
                <ul data-testid="diff">
                  {diff.map((d) => (
                    <li key={d.field}>
                      <strong>{fieldLabel(d.field, w)}</strong>
                      {m.app.colon}
                      {show(d.field, d.before, locale)} → {show(d.field, d.after, locale)}
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
