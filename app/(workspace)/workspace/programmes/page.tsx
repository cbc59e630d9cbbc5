import Link from 'next/link';
import { z } from 'zod';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { Pager } from '@/components/table/pager';
import { LocalName, localText } from '@/components/ui/local-name';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { listProgrammes, PROGRAMME_SORTS } from '@/lib/dal/ledger/programmes';
import { getI18n } from '@/lib/i18n/server';
import { parseTableState, withParams, type SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

export default async function ProgrammesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('programme.read', '/workspace/programmes');
  const { m, locale } = await getI18n();
  const state = parseTableState(params, {
    sorts: PROGRAMME_SORTS,
    defaultSort: 'fiscalYear',
    defaultDir: 'desc',
    filters: { q: z.string().trim().max(60), year: z.coerce.number().int().min(2021).max(2035), level: z.enum(['central', 'provincial', 'municipal', 'county']) },
  });
  const { rows, total } = await listProgrammes(ctx, { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...state.filters });
  const sortable = (id: (typeof PROGRAMME_SORTS)[number]) => ({
    sortHref: withParams(params, { sort: id, dir: state.sort === id && state.dir === 'asc' ? 'desc' : 'asc', page: undefined }),
    sorted: state.sort === id ? state.dir : undefined,
  });
  const columns: ColumnSpec[] = [
    { id: 'code', header: m.ledgerUi.code, ...sortable('code') },
    { id: 'name', header: m.ledgerUi.name, ...sortable('name') },
    { id: 'level', header: m.ledgerUi.level, ...sortable('level') },
    { id: 'fiscalYear', header: m.ledgerUi.year, ...sortable('fiscalYear') },
    { id: 'manager', header: m.ledgerUi.manager },
    { id: 'total', header: m.ledgerUi.total, numeric: true, ...sortable('total') },
    { id: 'held', header: m.ledgerUi.heldByYou, numeric: true },
  ];
  const data: Row[] = rows.map((r) => ({
    _key: String(r.id),
    code: r.code,
    name: { ...localText(r.name, r.nameEn, locale), href: mayOpen(ctx.actor, 'chain') ? `${ROUTES.chain.path}?programme=${r.id}` : undefined, badge: r.isDemo ? m.app.demoBadge : undefined },
    level: m.level[r.level as keyof typeof m.level] ?? r.level,
    fiscalYear: r.fiscalYear,
    manager: <LocalName zh={r.managingOrg} en={r.managingOrgEn} locale={locale} />,
    total: moneyCell(r.totalFen, locale),
    held: r.heldByYouFen === null ? null : moneyCell(r.heldByYouFen, locale),
  }));
  return (
    <>
      <h1>{m.ledgerUi.nav.programmes}</h1>
      <form className="filters" method="get">
        <label>
          {m.ledgerUi.search}
          <input name="q" defaultValue={state.filters.q ?? ''} placeholder={m.ledgerUi.searchPlaceholder} />
        </label>
        <label>
          {m.ledgerUi.year}
          <input name="year" inputMode="numeric" size={5} defaultValue={state.filters.year ?? ''} />
        </label>
        <label>
          {m.ledgerUi.level}
          <select name="level" defaultValue={state.filters.level ?? ''}>
            <option value="">{m.ledgerUi.all}</option>
            {(['central', 'provincial', 'municipal', 'county'] as const).map((l) => (
              <option key={l} value={l}>
                {m.level[l]}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={state.sort} />
        <input type="hidden" name="dir" value={state.dir} />
        <button className="secondary" type="submit">
          {m.ledgerUi.filter}
        </button>
        {mayOpen(ctx.actor, 'newProgramme') && <Link href={ROUTES.newProgramme.path}>{m.ledgerUi.nav.newProgramme}</Link>}
      </form>
      <DataTable columns={columns} rows={data} testId="programmes" />
      <Pager params={params} page={state.page} pageSize={state.pageSize} total={total} labels={{ prev: m.ledgerUi.prev, next: m.ledgerUi.next, of: m.ledgerUi.ofTotal }} />
    </>
  );
}
