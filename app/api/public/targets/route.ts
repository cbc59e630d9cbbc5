import { NextResponse } from 'next/server';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { parseTargetsQuery, targetsCsv, targetsJson, targetsSchema } from '@/lib/api/targets-table';
import { getPlanTargets } from '@/lib/dal/public/targets';

export const dynamic = 'force-dynamic';

/** The plan's indicators against their targets, as on /targets; an unknown parameter is a 400 naming it. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { format } = parseTargetsQuery(new URL(request.url).searchParams);
  const targets = await getPlanTargets();
  if (format === 'csv') {
    return new NextResponse(targetsCsv(targets), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': PUBLIC_BRIEF, 'content-disposition': 'attachment; filename="plan-targets.csv"' },
    });
  }
  return jsonOf(targetsSchema, targetsJson(targets), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
