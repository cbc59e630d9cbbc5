import type { PlanTargetDto } from '@/lib/dal/public/targets';

const W = 360;
const H = 180;
const PAD = { left: 44, right: 12, top: 12, bottom: 26 };
const FIRST_YEAR = 2020;
const LAST_YEAR = 2035;

/** Pixels only: the values themselves stay decimal strings everywhere else. */
const px = (v: string) => Number(v);
/** A coordinate or an axis label to one decimal. */
const tenth = (v: number) => Math.round(v * 10) / 10;

/**
 * One indicator's published values by year (solid line), the straight path from the anchor to the
 * target the rule measures against (dashed) and the 2025 and 2035 targets (diamonds), drawn on the
 * server as plain SVG: no script, no chart library. The figures are in the table beside it.
 */
export function TrendChart({ indicator, label }: { indicator: PlanTargetDto; label: string }) {
  const { reports, tracking } = indicator;
  const targets = [
    { year: 2025, value: indicator.target2025 },
    { year: 2035, value: indicator.target2035 },
  ].filter((t): t is { year: number; value: string } => t.value !== null);
  const path = tracking.anchor && tracking.targetYear !== null && tracking.target !== null && tracking.anchor.year < tracking.targetYear ? { from: tracking.anchor, to: { year: tracking.targetYear, value: tracking.target } } : null;
  const values = [...reports.map((r) => px(r.value)), ...targets.map((t) => px(t.value)), ...(path ? [px(path.from.value)] : [])];
  if (!values.length) return null;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const spread = hi - lo || Math.max(Math.abs(hi) * 0.1, 1);
  lo -= spread * 0.15;
  hi += spread * 0.15;
  if (lo < 0 && Math.min(...values) >= 0) lo = 0;
  const x = (year: number) => PAD.left + ((year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const fmt = (v: number) => String(Math.abs(hi - lo) >= 20 ? Math.round(v) : tenth(v));
  const line = reports.map((r) => `${tenth(x(r.year))},${tenth(y(px(r.value)))}`).join(' ');
  return (
    <svg className="trend-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid={`trend-${indicator.code}`}>
      <g className="axis" stroke="currentColor" strokeOpacity={0.25}>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
      </g>
      <g fontSize={10} fill="currentColor">
        {[2020, 2025, 2030, 2035].map((yr) => (
          <text key={yr} x={x(yr)} y={H - 8} textAnchor="middle">
            {yr}
          </text>
        ))}
        {[lo, (lo + hi) / 2, hi].map((v) => (
          <text key={v} x={PAD.left - 4} y={y(v) + 3} textAnchor="end">
            {fmt(v)}
          </text>
        ))}
      </g>
      {path && (
        <line
          x1={x(path.from.year)}
          y1={y(px(path.from.value))}
          x2={x(path.to.year)}
          y2={y(px(path.to.value))}
          stroke="#6b5b2e"
          strokeWidth={1.5}
          strokeDasharray="5 4"
          data-testid="trend-path"
        />
      )}
      {targets.map((t) => (
        <path key={t.year} d={`M ${x(t.year)} ${y(px(t.value)) - 6} l 6 6 l -6 6 l -6 -6 z`} fill="#6b5b2e" data-testid="trend-target" />
      ))}
      {reports.length > 1 && <polyline points={line} fill="none" stroke="#1f6f4a" strokeWidth={2} />}
      {reports.map((r) => (
        <circle key={r.year} cx={x(r.year)} cy={y(px(r.value))} r={3.5} fill="#1f6f4a" data-testid="trend-point" />
      ))}
    </svg>
  );
}
