import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable } from '@/components/table/data-table';
import { sankeyNodeName } from '@/lib/api/overview-tables';
import type { ChainSankeyDto } from '@/lib/dal/public/sankey';
import { formatCompact } from '@/lib/domain/money';
import { DEFAULT_LAYOUT, layoutSankey, type PlacedNode } from '@/lib/domain/sankey';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';
import { DownloadLinks } from './download-links';

const FILL: Record<PlacedNode['kind'], string> = { source: '#1f6f4a', through: '#2f5d8a', sink: '#6b5b2e' };

/** A label short enough for the space beside its node; the full name is in the node's title and the table. */
function short(text: string, locale: Locale, room: 'narrow' | 'wide'): string {
  const max = (locale === 'en' ? 2 : 1) * (room === 'wide' ? 14 : 10);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The chain of funds as a Sankey, drawn on the server as plain SVG (no script): the geometry comes
 * from lib/domain/sankey.ts, the figures from published lines only. A screen reader gets the
 * caption and summary as the picture's name, and the same links as a table.
 */
export function ChainSankey({ sankey, m, locale }: { sankey: ChainSankeyDto; m: Messages; locale: Locale }) {
  const s = m.citizen.sankey;
  const layout = layoutSankey(sankey.graph);
  const name = (key: string) => sankeyNodeName(key, sankey.names, m, locale);
  const lastColumn = Math.max(0, ...layout.nodes.map((n) => n.column));
  if (layout.nodes.length === 0) return null;
  return (
    <section aria-labelledby="sankey-title" data-testid="sankey">
      <h3 id="sankey-title">{s.title}</h3>
      <p id="sankey-summary" className="muted">
        {s.summary.replace('{links}', String(layout.links.length))}
      </p>
      <div className="sankey-scroll" role="region" aria-label={s.scrollLabel} tabIndex={0}>
        <svg className="sankey" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby="sankey-title sankey-summary" data-testid="sankey-svg">
          <g fill="none" strokeOpacity={0.35}>
            {layout.links.map((l) => (
              <path
                key={`${l.from}>${l.to}`}
                d={l.path}
                stroke={l.to.startsWith('returned-by:') || l.from.startsWith('returned-to:') ? '#a12622' : l.to.startsWith('held:') ? '#8a8f8b' : '#2f7d57'}
                strokeWidth={Math.max(1, l.width)}
                data-from={l.from}
                data-to={l.to}
                data-fen={l.fen.toString()}
              >
                <title>{`${name(l.from)} → ${name(l.to)}: ${formatCompact(l.fen, locale)}`}</title>
              </path>
            ))}
          </g>
          {layout.nodes.map((n) => {
            const amount = formatCompact(n.inFen > n.outFen ? n.inFen : n.outFen, locale);
            const x = n.x + DEFAULT_LAYOUT.nodeWidth + 4;
            const y = n.y + n.height / 2;
            return (
              <g key={n.key} data-node={n.key}>
                <rect x={n.x} y={n.y} width={DEFAULT_LAYOUT.nodeWidth} height={n.height} fill={FILL[n.kind]}>
                  <title>{name(n.key)}</title>
                </rect>
                {/* The last column has room beside it for one line; between columns the amount goes under the name. */}
                {n.column === lastColumn ? (
                  <text x={x} y={y} dominantBaseline="middle" fontSize={12} fill="#1d2521">
                    {`${short(name(n.key), locale, 'wide')} ${amount}`}
                  </text>
                ) : (
                  <text x={x} y={y - 7} dominantBaseline="middle" fontSize={12} fill="#1d2521">
                    <tspan>{short(name(n.key), locale, 'narrow')}</tspan>
                    <tspan x={x} dy={14}>
                      {amount}
                    </tspan>
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="sankey-table">
        <summary>{s.table}</summary>
        <DataTable
          testId="sankey-links"
          columns={[
            { id: 'from', header: s.from },
            { id: 'to', header: s.to },
            { id: 'amount', header: m.citizen.amount, numeric: true },
          ]}
          rows={layout.links.map((l) => ({ _key: `${l.from}>${l.to}`, _row: { data: { from: l.from, to: l.to } }, from: name(l.from), to: name(l.to), amount: moneyCell(l.fen, locale) }))}
        />
      </details>
      <DownloadLinks table="sankey" m={m} />
    </section>
  );
}
