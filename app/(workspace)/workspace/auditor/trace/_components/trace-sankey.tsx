import { formatCompact } from '@/lib/domain/money';
import { DEFAULT_LAYOUT, layoutSankey, type PlacedNode } from '@/lib/domain/sankey';
import type { TraceDto } from '@/lib/dal/audit/trace';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

const FILL: Record<PlacedNode['kind'], string> = { source: '#1f6f4a', through: '#2f5d8a', sink: '#6b5b2e' };

export function traceNodeName(key: string, dto: TraceDto, m: Messages, locale: Locale): string {
  const id = Number(key.slice(2));
  if (key.startsWith('p:')) return m.trace.programmeSource.replace('{code}', dto.programmes[id]?.code ?? String(id));
  const label = dto.labels[id];
  if (!label) return `#${id}`;
  return locale === 'en' && label.nameEn ? label.nameEn : label.name;
}

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The trace as a Sankey drawn on the server (plain SVG, no script); the table below lists every movement. */
export function TraceSankey({ dto, m, locale }: { dto: TraceDto; m: Messages; locale: Locale }) {
  const layout = layoutSankey(dto.sankey);
  if (layout.nodes.length === 0) return null;
  const name = (key: string) => traceNodeName(key, dto, m, locale);
  return (
    <section aria-labelledby="trace-sankey-title" data-testid="trace-sankey">
      <h2 id="trace-sankey-title">{m.trace.sankeyTitle}</h2>
      <p id="trace-sankey-summary" className="muted">
        {m.trace.sankeySummary.replace('{links}', String(layout.links.length))}
      </p>
      <div className="sankey-scroll" role="region" aria-label={m.trace.sankeyScroll} tabIndex={0}>
        <svg className="sankey" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby="trace-sankey-title trace-sankey-summary">
          <g fill="none" strokeOpacity={0.35}>
            {layout.links.map((l) => (
              <path key={`${l.from}>${l.to}`} d={l.path} stroke="#2f7d57" strokeWidth={Math.max(1, l.width)} data-from={l.from} data-to={l.to} data-fen={l.fen.toString()}>
                <title>{`${name(l.from)} → ${name(l.to)}: ${formatCompact(l.fen, locale)}`}</title>
              </path>
            ))}
          </g>
          {layout.nodes.map((n) => (
            <g key={n.key} data-node={n.key}>
              <rect x={n.x} y={n.y} width={DEFAULT_LAYOUT.nodeWidth} height={n.height} fill={FILL[n.kind]}>
                <title>{name(n.key)}</title>
              </rect>
              <text x={n.x + DEFAULT_LAYOUT.nodeWidth + 4} y={n.y + n.height / 2} dominantBaseline="middle" fontSize={12} fill="#1d2521">
                {`${short(name(n.key), locale === 'en' ? 24 : 12)} ${formatCompact(n.inFen > n.outFen ? n.inFen : n.outFen, locale)}`}
              </text>
            </g>
          ))}
        </svg>
      </div>
    </section>
  );
}
