import type { TimelineEntry } from '@/lib/dal/workflow/queries';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

type Change = { field: string; before: unknown; after: unknown };

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

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
                      <code>{d.field}</code>：{show(d.before)} → {show(d.after)}
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
