import type { OrgKind } from '@/lib/domain/vocabulary';

/**
 * Identifiers of the export. No registration agency on IATI's list numbers these bodies, so
 * organisations use a private prefix and the portal's own stable codes (the codes in its addresses):
 *   organisation  CN-YQ-<organisation code>            CN-YQ-140300-CZJ (阳泉市财政局), CN-YQ-CN-MOF (财政部)
 *   programme     <reporting org>-PROG-<programme code> CN-YQ-140300-CZJ-PROG-DEMO-2025-CN
 *   project       <reporting org>-PROJ-<project code>   CN-YQ-140300-CZJ-PROJ-G2-05
 *   transaction   transfer-<transfer id>                the published line's id, shared by both ends of a hop
 * An activity identifier starts with its reporting organisation's identifier, as IATI requires.
 */
export const ORG_PREFIX = 'CN-YQ';

/** The portal reports every activity as the city's finance bureau, which keeps the ledger. */
export const REPORTING_ORG_CODE = '140300-CZJ';

/** Codes are letters, digits and hyphens today; anything else is percent-encoded, so an identifier never holds a space or a slash. */
const safe = (code: string) => encodeURIComponent(code);

export const orgRef = (code: string) => `${ORG_PREFIX}-${safe(code)}`;
export const programmeActivityId = (reporterRef: string, code: string) => `${reporterRef}-PROG-${safe(code)}`;
export const projectActivityId = (reporterRef: string, code: string) => `${reporterRef}-PROJ-${safe(code)}`;
export const transactionRef = (transferId: number) => `transfer-${transferId}`;

/** IATI OrganisationType: 10 Government, 15 Other Public Sector (a public implementing unit), 70 Private Sector (a contractor). */
export function orgType(kind: OrgKind | null): string | undefined {
  if (kind === null) return undefined;
  if (kind === 'implementing_unit') return '15';
  if (kind === 'contractor') return '70';
  return '10';
}
