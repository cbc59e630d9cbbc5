import { bulkResponse, parseBulkQuery, publicationExport } from '@/lib/api/bulk-exports';
import { definePublicRoute } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** Every public version of every publication, streamed in batches (lib/api/bulk-stream.ts); format=csv|json. */
export const GET = definePublicRoute({}, async ({ request, describe }) =>
  bulkResponse(publicationExport(parseBulkQuery(new URL(request.url).searchParams), describe), 'publications-all'),
);
