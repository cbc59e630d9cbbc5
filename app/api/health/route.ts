import { jsonOf } from '@/lib/api/respond';
import { healthSchema } from '@/lib/api/public-schemas';
import { definePublicRoute } from '@/lib/api/route';
import { checkHealth } from '@/lib/dal/health/check';

export const dynamic = 'force-dynamic';

export const GET = definePublicRoute({}, async () => {
  const health = await checkHealth();
  return jsonOf(healthSchema, health, { status: health.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
