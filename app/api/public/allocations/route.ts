import { errorResponse, jsonOf } from '@/lib/api/respond';
import { allocationListSchema } from '@/lib/api/public-schemas';
import { listPublishedAllocations } from '@/lib/dal/public/allocations';
import { PUBLIC_BRIEF } from '@/lib/api/cache-control';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const allocations = (await listPublishedAllocations()).map((a) => ({ ...a, totalFen: a.totalFen?.toString() ?? null }));
    return jsonOf(allocationListSchema, { allocations }, { headers: { 'cache-control': PUBLIC_BRIEF } });
  } catch (e) {
    return errorResponse(e);
  }
}
