import { jsonOf } from '@/lib/api/respond';
import { allocationListSchema } from '@/lib/api/public-schemas';
import { definePublicRoute } from '@/lib/api/route';
import { listPublishedAllocations } from '@/lib/dal/public/allocations';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';

export const dynamic = 'force-dynamic';

export const GET = definePublicRoute({}, async () => {
  const allocations = (await listPublishedAllocations()).map((a) => ({ ...a, totalFen: a.totalFen?.toString() ?? null }));
  return jsonOf(allocationListSchema, { allocations }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
