import { PUBLIC_BRIEF } from '@/lib/api/cache-control';
import { feedbackStatsCsv, feedbackStatsJson, feedbackStatsSchema, parseFeedbackStatsQuery } from '@/lib/api/feedback-stats';
import { csvDownload } from '@/lib/api/public-resource-json';
import { jsonOf } from '@/lib/api/respond';
import { definePublicRoute } from '@/lib/api/route';
import { feedbackStats } from '@/lib/dal/public/feedback-stats';

export const dynamic = 'force-dynamic';

/** How organisations answer citizens, per organisation and month, as /feedback/stats shows it. */
export const GET = definePublicRoute({}, async ({ request }) => {
  const { year, format } = parseFeedbackStatsQuery(new URL(request.url).searchParams);
  const rows = await feedbackStats({ year });
  if (format === 'csv') return csvDownload(feedbackStatsCsv(rows), year === undefined ? 'feedback-stats' : `feedback-stats-${year}`);
  return jsonOf(feedbackStatsSchema, feedbackStatsJson(rows, new Date()), { headers: { 'cache-control': PUBLIC_BRIEF } });
});
