import { NextResponse } from 'next/server';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { overviewCsv, overviewJson, overviewTable, parseOverviewQuery } from '@/lib/api/overview-tables';
import { overviewTableSchema } from '@/lib/api/public-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { getMoneyOverview } from '@/lib/dal/public/money-overview';
import { getChainSankey } from '@/lib/dal/public/sankey';

export const dynamic = 'force-dynamic';

/** One of the home page's tables as JSON or CSV; an unknown table or parameter is a 400 naming it. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { table, format } = parseOverviewQuery(new URL(request.url).searchParams);
  const [money, sankey] = await Promise.all([getMoneyOverview(), getChainSankey()]);
  const t = overviewTable(table, money, sankey);
  // The Sankey is dated by its own lines; every other table by the overview's.
  const meta = table === 'sankey' ? { dataAsOf: sankey.dataAsOf, includesDemo: sankey.demo } : { dataAsOf: money.dataAsOf, includesDemo: money.demo };
  if (format === 'csv') {
    return new NextResponse(overviewCsv(t), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': `attachment; filename="overview-${table}.csv"` },
    });
  }
  return jsonOf(overviewTableSchema, overviewJson(t, meta), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
