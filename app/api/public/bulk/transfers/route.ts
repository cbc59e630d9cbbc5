import { bulkResponse, parseBulkQuery, transferExport } from '@/lib/api/bulk-exports';
import { definePublicRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Every published transfer line, streamed in batches (lib/api/bulk-stream.ts); format=csv|json. */
export const GET = definePublicRoute({}, async ({ request, describe }) =>
  bulkResponse(transferExport(parseBulkQuery(new URL(request.url).searchParams), describe), 'transfers-all'),
);
