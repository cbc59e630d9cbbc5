import { jsonOf } from '@/lib/api/respond';
import { planOverviewSchema } from '@/lib/api/public-schemas';
import { definePublicRoute } from '@/lib/api/route';
import { getPlanOverview } from '@/lib/dal/public/plan';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';

export const dynamic = 'force-dynamic';

export const GET = definePublicRoute({}, async () => jsonOf(planOverviewSchema, await getPlanOverview(), { headers: { 'cache-control': PUBLIC_BRIEF } }));
