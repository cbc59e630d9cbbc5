import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { csvDownload, programmesCsv, programmeSummaryJson } from '@/lib/api/public-resource-json';
import { parseProgrammeQuery } from '@/lib/api/public-resource-queries';
import { programmeListSchema } from '@/lib/api/public-resource-schemas';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { listCatalogueEntries } from '@/lib/dal/public/catalogue';

export const dynamic = 'force-dynamic';

/** The catalogue's programmes, every year; a bad filter is a 400 naming it. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { year, level, format } = parseProgrammeQuery(new URL(request.url).searchParams);
  const entries = (await listCatalogueEntries()).filter((e) => (year === undefined || e.fiscalYear === year) && (level === undefined || e.level === level));
  if (format === 'csv') return csvDownload(programmesCsv(entries), ['programmes', year, level].filter(Boolean).join('-'));
  return jsonOf(programmeListSchema, { programmes: entries.map(programmeSummaryJson) }, { headers: { 'cache-control': PUBLIC_BRIEF } });
});
