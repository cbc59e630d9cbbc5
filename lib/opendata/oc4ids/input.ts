/**
 * What the OC4IDS mapping reads: one public project with what the public read model says of it.
 * Plain data, so the mapping stays pure; lib/dal/public/oc4ids.ts fills it from public reads only.
 */

export type FundLevel = 'central' | 'provincial' | 'municipal' | 'county';

export interface Named {
  code: string;
  name: string;
  nameEn: string;
}

/** Money of one fund level that reached the project from one funder (the programme's managing organisation), net of reversals. */
export interface FundingInput {
  level: FundLevel;
  /** Null only when no public catalogue entry names the programme's managing organisation. */
  funder: Named | null;
  receivedFen: bigint;
  /** First and last day money of this source reached the project (YYYY-MM-DD). */
  first: string;
  last: string;
}

export interface PayeeInput extends Named {
  paidFen: bigint;
}

export interface PublicationInput {
  id: number;
  kind: string;
  /** What it is about: a transfer document (文号 and sender), a batch, an evaluation, a project. */
  subjectType: string;
  title: string;
  version: number;
  docNumber: string | null;
  /** SHA-256 (hex) of the content and notice as the public sees them. */
  contentHash: string;
  /** ISO 8601 instants. */
  firstPublishedAt: string;
  publishedAt: string;
  isDemo: boolean;
}

export interface EvaluationInput {
  publicationId: number;
  year: number;
  totalScore: string;
  grade: 'excellent' | 'good' | 'fair' | 'poor';
  findings: string;
  summary: string;
  evaluatorOrganisation: string | null;
  approvedOn: string;
}

export interface ProjectInput {
  code: string;
  name: string;
  description: string | null;
  town: string | null;
  type: Named;
  zone: Named | null;
  keyArea: Named | null;
  group: Named | null;
  implementingUnit: Named | null;
  counties: Named[];
  plannedStart: string | null;
  plannedEnd: string | null;
  fromPlan: boolean;
  receivedFen: bigint;
  paidFen: bigint;
  /** The latest public workflow stage of its applications (code as in the workflow definition). */
  stage: Named | null;
  funding: FundingInput[];
  payees: PayeeInput[];
  /** Whether any amount counted here is demo data. */
  demoMoney: boolean;
  /** The latest public 验收 (acceptance) of its works. */
  acceptance: { at: string; by: string; byEn: string | null } | null;
  /** The latest public version of every publication naming the project. */
  publications: PublicationInput[];
  /** Those of them whose public lines brought money to the project. */
  fundingPublicationIds: number[];
  evaluations: EvaluationInput[];
}
