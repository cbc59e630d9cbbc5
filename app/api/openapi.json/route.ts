import { buildOpenApi } from '@/lib/api/openapi';
import { json } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';

export const dynamic = 'force-static';

export const GET = definePublicRoute({}, () => json(buildOpenApi()));
