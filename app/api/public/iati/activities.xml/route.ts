import { NextResponse } from 'next/server';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { definePublicRoute } from '@/lib/api/route';
import { getIatiSource } from '@/lib/dal/public/iati';
import { buildIatiActivities } from '@/lib/opendata/iati/document';

export const dynamic = 'force-dynamic';

/** IATI 2.03 activities: programmes and projects, their budgets and every published hop as transactions (lib/opendata/iati). */
export const GET = definePublicRoute({}, async () => {
  const xml = buildIatiActivities(await getIatiSource(), new Date());
  return new NextResponse(xml, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': PUBLIC_BRIEF } });
});
