import { NO_STORE } from '@/lib/api/cache-control';
import { attachmentDisposition } from '@/lib/api/content-disposition';
import { csvNumber, toCsv, type CsvValue } from '@/lib/api/csv';
import { defineRoute } from '@/lib/api/route';
import { FLAG_AMOUNT_KEYS, listFlags } from '@/lib/dal/audit/flags';
import { flagFilterSchema } from '@/lib/schemas/reconciliation';

export const dynamic = 'force-dynamic';

/** The reconciliation flags as CSV, filtered as the page is: amounts in integer fen, one column each; auditors only, never cached. */
export const GET = defineRoute({ permission: 'audit.read' }, async (ctx, { request }) => {
  const filter = flagFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { flags } = await listFlags(ctx, { rule: filter.rule, group: filter.group, organisationId: filter.org, period: filter.year });
  const header = ['key', 'rule', 'group', 'severity', 'organisation_id', 'organisation', 'period', 'entity_type', 'entity_id', 'subject', ...FLAG_AMOUNT_KEYS.map((k) => `${k}_fen`), 'days', 'count', 'note', 'url'];
  const body = toCsv([
    header,
    ...flags.map((f): CsvValue[] => [
      f.key, f.rule, f.group, f.severity, csvNumber(f.organisationId), f.organisation, csvNumber(f.period), f.entityType, f.entityId, f.subject,
      ...FLAG_AMOUNT_KEYS.map((k) => (f.amounts[k] === undefined ? null : csvNumber(f.amounts[k]!))),
      f.days === null ? null : csvNumber(f.days), f.count === null ? null : csvNumber(f.count), f.note, f.href,
    ]),
  ]);
  return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': `private, ${NO_STORE}`, 'content-disposition': attachmentDisposition('reconciliation-flags.csv') } });
});
