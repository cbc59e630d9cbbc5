import Link from 'next/link';
import { z } from 'zod';
import { moneyCell } from '@/components/ledger/money-cell';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { Pager } from '@/components/table/pager';
import { LocalName, Official } from '@/components/ui/local-name';
import { TRANSFER_KINDS } from '@/lib/domain/vocabulary';
import { mayOpen, ROUTES } from '@/lib/auth/routes';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { listTransfers, TRANSFER_SORTS } from '@/lib/dal/ledger/transfer-list';
import { getI18n } from '@/lib/i18n/server';
import { parseTableState, withParams, type SearchParams } from '@/lib/table/url-state';
import { isoDate } from '@/lib/schemas/common';

export const dynamic = 'force-dynamic';

export default async function TransfersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('transfer.read', '/workspace/transfers');
  const { m, locale } = await getI18n();
  const u = m.ledgerUi;
  const state = parseTableState(params, {
    sorts: TRANSFER_SORTS,
    defaultSort: 'date',
    defaultDir: 'desc',
    filters: { q: z.string().trim().max(60), kind: z.enum(TRANSFER_KINDS), from: isoDate, to: isoDate, programme: z.coerce.number().int().positive() },
  });
  const { rows, total } = await listTransfers(ctx, { page: state.page, pageSize: state.pageSize, sort: state.sort, dir: state.dir, ...state.filters });
  const sortable = (id: (typeof TRANSFER_SORTS)[number]) => ({
    sortHref: withParams(params, { sort: id, dir: state.sort === id && state.dir === 'desc' ? 'asc' : 'desc', page: undefined }),
    sorted: state.sort === id ? state.dir : undefined,
  });
  const columns: ColumnSpec[] = [
    { id: 'id', header: '#', ...sortable('id') },
    { id: 'date', header: u.date, ...sortable('date') },
    { id: 'kind', header: u.kind },
    { id: 'programme', header: u.programme, ...sortable('programme') },
    { id: 'from', header: u.from },
    { id: 'to', header: u.to },
    { id: 'amount', header: u.amount, numeric: true, ...sortable('amount') },
    { id: 'doc', header: u.docNumber },
    { id: 'actions', header: '' },
  ];
  const mayRaise = mayOpen(ctx.actor, 'newFinding');
  const data: Row[] = rows.map((r) => ({
    _key: String(r.id),
    id: r.id,
    date: r.date,
    kind: r.reversesId ? `${m.ledger.kind.reversal} ← #${r.reversesId}` : m.ledger.kind[r.kind as keyof typeof m.ledger.kind],
    programme: { text: r.programmeCode, href: `/workspace/chain?programme=${r.programmeId}`, badge: r.isDemo ? m.app.demoBadge : undefined },
    from: r.fromName === null ? null : <LocalName zh={r.fromName} en={r.fromNameEn} locale={locale} />,
    to: <LocalName zh={r.toName} en={r.toNameEn} locale={locale} />,
    amount: moneyCell(r.amountFen, locale),
    doc: r.docNumber === null ? null : <Official>{r.docNumber}</Official>,
    actions: r.mayReverse
      ? { text: u.reverse, href: `${ROUTES.reverseTransfer.path}?id=${r.id}` }
      : mayRaise && r.kind !== 'appropriation'
        ? { text: m.findings.raise, href: `${ROUTES.newFinding.path}?type=transfer&ref=${r.id}` }
        : null,
  }));
  return (
    <>
      <h1>{u.nav.transfers}</h1>
      <form className="filters" method="get">
        <label>
          {u.search}
          <input name="q" defaultValue={state.filters.q ?? ''} placeholder={u.searchPlaceholder} />
        </label>
        <label>
          {u.kind}
          <select name="kind" defaultValue={state.filters.kind ?? ''}>
            <option value="">{u.all}</option>
            {TRANSFER_KINDS.map((k) => (
              <option key={k} value={k}>
                {m.ledger.kind[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {u.date} ≥
          <input type="date" name="from" defaultValue={state.filters.from ?? ''} />
        </label>
        <label>
          {u.date} ≤
          <input type="date" name="to" defaultValue={state.filters.to ?? ''} />
        </label>
        {state.filters.programme && <input type="hidden" name="programme" value={state.filters.programme} />}
        <input type="hidden" name="sort" value={state.sort} />
        <input type="hidden" name="dir" value={state.dir} />
        <button className="secondary" type="submit">
          {u.filter}
        </button>
        {mayOpen(ctx.actor, 'newTransfer') && <Link href={ROUTES.newTransfer.path}>{u.nav.newTransfer}</Link>}
      </form>
      <DataTable columns={columns} rows={data} testId="transfer-table" />
      <Pager params={params} page={state.page} pageSize={state.pageSize} total={total} labels={{ prev: u.prev, next: u.next, of: u.ofTotal }} />
    </>
  );
}
