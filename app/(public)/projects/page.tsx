import Link from 'next/link';
import { z } from 'zod';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { Pager } from '@/components/table/pager';
import { DemoBadge } from '@/components/ui/demo-badge';
import { LocalName, Official, optionText } from '@/components/ui/local-name';
import { Money } from '@/components/ui/money';
import { PROJECTS_MAX_LIMIT } from '@/lib/api/public-resource-queries';
import { listCounties } from '@/lib/dal/public/counties';
import { getPlanOverview } from '@/lib/dal/public/plan';
import { getProjectFacets, PROJECT_SORTS, searchProjects, type ProjectSort } from '@/lib/dal/public/projects';
import { FUND_LEVELS, PROJECT_TYPES, PROJECT_TYPE_NAMES } from '@/lib/domain/vocabulary';
import { getI18n } from '@/lib/i18n/server';
import { parseTableState, withParams, type SearchParams } from '@/lib/table/url-state';
import { ListDownloads } from '@/components/citizen/list-downloads';

export const dynamic = 'force-dynamic';

const code = z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/);

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const [{ m, locale }, plan, counties, facets] = await Promise.all([getI18n(), getPlanOverview(), listCounties(), getProjectFacets()]);
  const p = m.citizen.projects;
  const state = parseTableState(params, {
    sorts: PROJECT_SORTS,
    defaultSort: 'code',
    defaultDir: 'asc',
    filters: {
      q: z.string().trim().max(60),
      zone: code,
      keyArea: code,
      group: code,
      type: z.enum(PROJECT_TYPES),
      county: code,
      year: z.coerce.number().int().min(2021).max(2035),
      level: z.enum(FUND_LEVELS),
      stage: z.string().trim().regex(/^[a-z_]{1,40}$/),
    },
  });
  const filtered = Object.entries(state.filters).some(([k, v]) => k !== 'q' && v !== undefined);
  const { rows, total } = await searchProjects({ ...state.filters, sort: state.sort, dir: state.dir, page: state.page, pageSize: state.pageSize });
  const countyName = new Map(counties.map((c) => [c.code, c]));
  // The same filters in the API's words: the download holds the list the reader sees, all pages of it.
  const apiQuery = new URLSearchParams(Object.entries(state.filters).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])));
  apiQuery.set('limit', String(PROJECTS_MAX_LIMIT));
  const sortable = (id: ProjectSort) => ({
    sortHref: withParams(params, { sort: id, dir: state.sort === id && state.dir === 'asc' ? 'desc' : 'asc', page: undefined }),
    sorted: state.sort === id ? state.dir : undefined,
  });
  const countiesOf = (codes: string[]) =>
    codes.map((c, i) => (
      <span key={c}>
        {i > 0 && (locale === 'en' ? ', ' : '、')}
        <Link href={`/counties/${c}`}>{countyName.has(c) ? <LocalName zh={countyName.get(c)!.name} en={countyName.get(c)!.nameEn} locale={locale} /> : c}</Link>
      </span>
    ));
  const columns: ColumnSpec[] = [
    { id: 'code', header: p.code, ...sortable('code') },
    { id: 'name', header: p.name, ...sortable('name') },
    { id: 'county', header: p.county },
    { id: 'type', header: p.type },
    { id: 'stage', header: p.stage },
    { id: 'received', header: p.received, numeric: true, ...sortable('received') },
    { id: 'paid', header: p.paid, numeric: true, ...sortable('paid') },
    { id: 'latest', header: p.latest, ...sortable('latest') },
  ];
  const data: Row[] = rows.map((r) => ({
    _key: r.code,
    _row: { testId: 'project-row', data: { code: r.code } },
    code: { text: r.code, href: `/projects/${encodeURIComponent(r.code)}`, badge: r.isDemo ? m.app.demoBadge : undefined },
    name: (
      <Link href={`/projects/${encodeURIComponent(r.code)}`}>
        <Official>{r.name}</Official>
      </Link>
    ),
    county: <>{countiesOf(r.countyCodes)}</>,
    type: <LocalName zh={r.type.name} en={r.type.nameEn} locale={locale} />,
    stage: r.stage ? <LocalName zh={r.stage.name} en={r.stage.nameEn} locale={locale} /> : null,
    received: moneyCell(r.receivedFen, locale),
    paid: moneyCell(r.paidFen, locale),
    latest: r.latest,
  }));
  const select = (name: string, label: string, value: string | number | undefined, options: { value: string; text: string; lang?: string }[]) => (
    <label>
      {label}
      <select name={name} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">{p.all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
  const named = (o: { code: string; name: string; nameEn: string }) => ({ value: o.code, ...optionText({ name: o.name, nameEn: o.nameEn }, locale) });
  return (
    <>
      <h1>{p.title}</h1>
      <p className="lead">{p.lead}</p>
      <form className="filters" method="get" role="search">
        <label>
          {p.search}
          <input type="search" name="q" defaultValue={state.filters.q ?? ''} placeholder={p.searchPlaceholder} />
        </label>
        <button className="secondary" type="submit">
          {p.search}
        </button>
        <details className="more-filters" open={filtered}>
          <summary>{p.filters}</summary>
          <div className="filters">
          {select('county', p.county, state.filters.county, counties.map(named))}
          {select('zone', p.zone, state.filters.zone, plan.zones.map(named))}
          {select('keyArea', p.keyArea, state.filters.keyArea, plan.keyAreas.map(named))}
          {select('group', p.group, state.filters.group, plan.groups.map(named))}
          {select('type', p.type, state.filters.type, PROJECT_TYPES.map((t) => named({ code: t, name: PROJECT_TYPE_NAMES[t][0], nameEn: PROJECT_TYPE_NAMES[t][1] })))}
          {select('level', p.source, state.filters.level, FUND_LEVELS.map((l) => ({ value: l, text: m.level[l] })))}
          {select('year', p.year, state.filters.year, facets.years.map((y) => ({ value: String(y), text: String(y) })))}
          {select('stage', p.stage, state.filters.stage, facets.stages.map(named))}
          {select('sort', p.sort, state.sort, PROJECT_SORTS.map((s) => ({ value: s, text: p.sorts[s] })))}
          <select name="dir" defaultValue={state.dir} aria-label={p.dirLabel}>
            <option value="asc">{p.dir.asc}</option>
            <option value="desc">{p.dir.desc}</option>
          </select>
            <button className="secondary" type="submit">
              {p.filter}
            </button>
          </div>
        </details>
        <Link href="/projects">{p.reset}</Link>
      </form>
      <p data-testid="project-count" className="muted">
        {p.ofTotal.replace('{total}', String(total))}
      </p>
      {total > 0 && <ListDownloads api={`/api/public/projects?${apiQuery}`} name="projects" m={m} testId="download-projects" />}
      {rows.length === 0 ? (
        <p className="muted">{p.none}</p>
      ) : (
        <>
          <div className="wide-only">
            <DataTable columns={columns} rows={data} testId="project-table" />
          </div>
          <ul className="cards narrow-only" data-testid="project-cards">
            {rows.map((r) => (
              <li key={r.code} className="card" data-testid="project-card" data-code={r.code}>
                <h3>
                  <Link href={`/projects/${encodeURIComponent(r.code)}`}>
                    <Official>{r.name}</Official>
                  </Link>
                  {r.isDemo && <DemoBadge label={m.app.demoBadge} />}
                </h3>
                <div className="muted">
                  {r.code} · {countiesOf(r.countyCodes)} · <LocalName zh={r.type.name} en={r.type.nameEn} locale={locale} />
                  {r.stage && (
                    <>
                      {' · '}
                      <LocalName zh={r.stage.name} en={r.stage.nameEn} locale={locale} />
                    </>
                  )}
                </div>
                <dl className="facts">
                  <dt>{p.received}</dt>
                  <dd>
                    <Money fen={r.receivedFen} locale={locale} />
                  </dd>
                  <dt>{p.paid}</dt>
                  <dd>
                    <Money fen={r.paidFen} locale={locale} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
      <Pager params={params} page={state.page} pageSize={state.pageSize} total={total} labels={{ prev: p.prev, next: p.next, of: p.ofTotal }} />
    </>
  );
}
