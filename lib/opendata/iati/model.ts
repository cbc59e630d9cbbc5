import type { FundLevel, OrgKind } from '@/lib/domain/vocabulary';

/**
 * What the IATI export is written from: the public read model only (lib/dal/public/iati.ts reads
 * it). Amounts are integer fen; dates are YYYY-MM-DD.
 */

/** An organisation of the reference data (public by nature). */
export interface IatiOrg {
  code: string;
  name: string;
  /** Null where the reference data has no English name. */
  nameEn: string | null;
  kind: OrgKind | null;
}

/** A programme whose catalogue entry is public. */
export interface IatiProgramme {
  code: string;
  name: string;
  level: FundLevel;
  fiscalYear: number;
  purpose: string;
  /** Who opened and manages it (the catalogue entry's issuer): the funding organisation. */
  managingOrgCode: string;
}

/** A project of public_projects. */
export interface IatiProject {
  code: string;
  name: string;
  description: string | null;
  town: string | null;
  type: { name: string; nameEn: string };
  zone: { name: string; nameEn: string | null } | null;
  keyArea: { name: string; nameEn: string | null } | null;
  group: { name: string; nameEn: string | null } | null;
  implementingOrgCode: string | null;
  countyCodes: string[];
  plannedStart: string | null;
  plannedEnd: string | null;
  /** Its latest public workflow stage (an application's), if any. */
  stage: string | null;
  /** When its public timeline reached 验收 (accepted), if it did. */
  acceptedOn: string | null;
}

/** A published line (public_transfer_lines), as it was published: a reversal runs from the original recipient back to its sender. */
export interface IatiLine {
  transferId: number;
  kind: 'allocation' | 'payment' | 'disbursement' | 'reversal';
  date: string;
  docNumber: string;
  programmeCode: string;
  programmeName: string;
  programmeLevel: FundLevel;
  from: { code: string; kind: string; name: string; nameEn: string };
  to: { code: string; kind: string; name: string; nameEn: string };
  amountFen: bigint;
}

export interface IatiSource {
  reportingOrg: IatiOrg;
  /** Organisations by code, for the names and types of every party the export names. */
  orgs: Map<string, IatiOrg>;
  programmes: IatiProgramme[];
  projects: IatiProject[];
  lines: IatiLine[];
}
