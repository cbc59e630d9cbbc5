import { errorResponse, jsonOf } from '@/lib/api/respond';
import { planOverviewSchema } from '@/lib/api/public-schemas';
import { getPlanOverview } from '@/lib/dal/public/plan';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const plan = await getPlanOverview();
    return jsonOf(planOverviewSchema, plan, { headers: { 'cache-control': PUBLIC_BRIEF } });
  } catch (e) {
    return errorResponse(e);
  }
}
