import { z } from 'zod';
import { DataTable, type ColumnSpec, type Row } from '@/components/table/data-table';
import { Pager } from '@/components/table/pager';
import { SECURITY_EVENT_KINDS } from '@/lib/domain/vocabulary';
import { requirePage } from '@/lib/dal/auth/page-guard';
import { listSecurityEvents } from '@/lib/dal/auth/security-log';
import { getI18n } from '@/lib/i18n/server';
import { parseTableState, type SearchParams } from '@/lib/table/url-state';

export const dynamic = 'force-dynamic';

const SORTS = ['at'] as const;

export default async function SecurityLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const ctx = await requirePage('security.read', '/workspace/security');
  const { m, locale } = await getI18n();
  const state = parseTableState(params, { sorts: SORTS, defaultSort: 'at', defaultDir: 'desc', filters: { kind: z.enum(SECURITY_EVENT_KINDS) }, pageSizes: [50, 100, 200] });
  const { rows, total } = await listSecurityEvents(ctx, { page: state.page, pageSize: state.pageSize, kind: state.filters.kind });
  const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  const columns: ColumnSpec[] = [
    { id: 'at', header: m.auth.at },
    { id: 'kind', header: m.auth.event },
    { id: 'username', header: m.admin.username },
    { id: 'address', header: m.auth.address },
    { id: 'detail', header: m.auth.detail },
  ];
  const data: Row[] = rows.map((r) => ({
    _key: String(r.id),
    at: time.format(r.at),
    kind: m.auth.events[r.kind],
    username: r.username,
    address: r.address,
    detail: r.detail ? JSON.stringify(r.detail) : null,
  }));
  return (
    <>
      <h1>{m.auth.securityLog}</h1>
      <p className="muted">{m.auth.securityLogIntro}</p>
      <form className="filters" method="get">
        <label>
          {m.auth.event}
          <select name="kind" defaultValue={state.filters.kind ?? ''}>
            <option value="">{m.auth.allEvents}</option>
            {SECURITY_EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {m.auth.events[k]}
              </option>
            ))}
          </select>
        </label>
        <button className="secondary" type="submit">
          {m.ledgerUi.filter}
        </button>
      </form>
      <DataTable columns={columns} rows={data} testId="security-log" />
      <Pager params={params} page={state.page} pageSize={state.pageSize} total={total} labels={{ prev: m.ledgerUi.prev, next: m.ledgerUi.next, of: m.ledgerUi.ofTotal }} />
    </>
  );
}
