import Link from 'next/link';
import { z } from 'zod';
import { DataTable, type Cell, type ColumnSpec, type Row } from '@/components/table/data-table';
import { LocalName } from '@/components/ui/local-name';
import { RULE_GROUPS } from '@/lib/audit/reconciliation/rules';
import { ROUTES } from '@/lib/auth/routes';
import { flagsOverview, type OverviewRowDto } from '@/lib/dal/audit/flags';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { getI18n } from '@/lib/i18n/server';
import { parseTableState, withParams, type SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

const SORTS = ['organisation', 'period', 'flags', 'money', 'payments', 'deadlines', 'disclosure', 'lateStages', 'missingDisclosures', 'lateDisclosures', 'openFindings'] as const;
type Sort = (typeof SORTS)[number];

const valueOf = (r: OverviewRowDto, s: Sort): number | string =>
  s === 'organisation' ? r.organisation : s === 'money' || s === 'payments' || s === 'deadlines' || s === 'disclosure' ? r.byGroup[s] : r[s];

export default async function ReconciliationOverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('audit.read', '/workspace/auditor/overview');
  const { m, locale } = await getI18n();
  const state = parseTableState(params, { sorts: SORTS, defaultSort: 'flags', defaultDir: 'desc', filters: { year: z.coerce.number().int().min(2000).max(2100) } });
  const { rows, periods } = await flagsOverview(ctx, state.filters.year);
  const f = m.flags;
  const sign = state.dir === 'asc' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const x = valueOf(a, state.sort);
    const y = valueOf(b, state.sort);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
    return sign * c || b.period - a.period || a.organisationId - b.organisationId;
  });
  const sortable = (id: Sort) => ({
    sortHref: withParams(params, { sort: id, dir: state.sort === id && state.dir === 'desc' ? 'asc' : 'desc' }),
    sorted: state.sort === id ? state.dir : undefined,
  });
  const flagsHref = (r: OverviewRowDto, extra: Record<string, string> = {}) => `${ROUTES.reconciliationFlags.path}${withParams({}, { org: r.organisationId, year: r.period, ...extra })}`;
  const count = (n: number, href: string): Cell => (n === 0 ? '0' : { text: String(n), href });
  const columns: ColumnSpec[] = [
    { id: 'organisation', header: f.organisation, ...sortable('organisation') },
    { id: 'period', header: f.period, numeric: true, ...sortable('period') },
    { id: 'flags', header: f.total, numeric: true, ...sortable('flags') },
    ...RULE_GROUPS.map((g) => ({ id: g, header: f.groups[g], numeric: true, ...sortable(g) })),
    { id: 'lateStages', header: f.lateStages, numeric: true, ...sortable('lateStages') },
    { id: 'missingDisclosures', header: f.missingDisclosures, numeric: true, ...sortable('missingDisclosures') },
    { id: 'lateDisclosures', header: f.lateDisclosures, numeric: true, ...sortable('lateDisclosures') },
    { id: 'openFindings', header: f.openFindings, numeric: true, ...sortable('openFindings') },
  ];
  const data: Row[] = sorted.map((r) => ({
    _key: `${r.organisationId}:${r.period}`,
    organisation: <LocalName zh={r.organisation} en={r.organisationEn} locale={locale} />,
    period: r.period,
    flags: count(r.flags, flagsHref(r)),
    ...Object.fromEntries(RULE_GROUPS.map((g) => [g, count(r.byGroup[g], flagsHref(r, { group: g }))])),
    lateStages: count(r.lateStages, flagsHref(r, { rule: 'stage_overdue' })),
    missingDisclosures: count(r.missingDisclosures, flagsHref(r, { rule: 'disclosure_overdue' })),
    lateDisclosures: count(r.lateDisclosures, flagsHref(r, { rule: 'disclosure_late' })),
    openFindings: r.openFindings,
  }));
  return (
    <>
      <h1>{f.overviewTitle}</h1>
      <p className="muted">{f.overviewIntro}</p>
      <p>
        <Link href={ROUTES.reconciliationFlags.path}>{f.toFlags}</Link>
      </p>
      <form className="filters" method="get">
        <label>
          {f.period}
          <select name="year" defaultValue={state.filters.year ? String(state.filters.year) : ''}>
            <option value="">{f.allPeriods}</option>
            {periods.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={state.sort} />
        <input type="hidden" name="dir" value={state.dir} />
        <button className="secondary" type="submit">
          {f.filter}
        </button>
      </form>
      {data.length === 0 ? <p className="muted">{f.none}</p> : <DataTable columns={columns} rows={data} testId="reconciliation-overview" />}
    </>
  );
}
