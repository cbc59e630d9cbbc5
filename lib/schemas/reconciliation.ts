import { z } from 'zod';
import { RULE_GROUPS, RULE_IDS } from '@/lib/audit/reconciliation/rules';

/** The flags' filters as the page and the CSV download read them from the query string; anything unreadable is no filter. */
export const flagFilterSchema = z.object({
  rule: z.enum(RULE_IDS).optional().catch(undefined),
  group: z.enum(RULE_GROUPS).optional().catch(undefined),
  org: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
export type FlagFilterInput = z.output<typeof flagFilterSchema>;
