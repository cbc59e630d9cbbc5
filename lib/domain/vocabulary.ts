/**
 * The portal's vocabulary: every closed set of codes that the database, the data layer, the
 * forms and the pages share. It lives in the domain so that client code can name a role or a
 * publication kind without pulling the Drizzle table definitions into the browser; `db/schema`
 * imports these lists for its column enums, never the reverse.
 */

// Organisations and accounts
export const ORG_LEVELS = ['central', 'provincial', 'municipal', 'county', 'township', 'unit'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_KINDS = ['government', 'finance_bureau', 'natural_resources_bureau', 'audit_office', 'implementing_unit', 'contractor'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = ['admin', 'finance_officer', 'reviewer', 'implementing_unit', 'evaluator', 'auditor', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

export const SECURITY_EVENT_KINDS = ['sign_in.succeeded', 'sign_in.failed', 'sign_in.throttled', 'sign_out'] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

// The plan's reference data
export const PROJECT_TYPES = [
  'mine_restoration',
  'forest_grassland',
  'soil_erosion',
  'water_ecosystem',
  'agricultural_space',
  'urban_space',
  'ecological_network',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** The plan's names of the project types: [Chinese, English]. */
export const PROJECT_TYPE_NAMES: Record<ProjectType, [string, string]> = {
  mine_restoration: ['矿山生态修复', 'Mine restoration'],
  forest_grassland: ['林草质量提升', 'Forest and grassland quality'],
  soil_erosion: ['水土流失治理', 'Soil-erosion control'],
  water_ecosystem: ['水生态系统修复', 'Water ecosystem restoration'],
  agricultural_space: ['农业空间生态修复', 'Agricultural space restoration'],
  urban_space: ['城镇空间生态修复', 'Urban space restoration'],
  ecological_network: ['生态网络构建与生物多样性保护', 'Ecological network and biodiversity'],
};

/** How a reported value meets a plan indicator's target. */
export const INDICATOR_COMPARATORS = ['gte', 'lte', 'eq'] as const;
export type IndicatorComparator = (typeof INDICATOR_COMPARATORS)[number];
/** Where a reported value of a plan indicator stands in its review: submitted, approved (and published), or returned with a reason. */
export const INDICATOR_REPORT_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type IndicatorReportStatus = (typeof INDICATOR_REPORT_STATUSES)[number];

// Funds and the ledger
/** The levels of government whose money a programme is: the chain's sources. */
export const FUND_LEVELS = ['central', 'provincial', 'municipal', 'county'] as const;
export type FundLevel = (typeof FUND_LEVELS)[number];

export const PROGRAMME_STATUSES = ['draft', 'open', 'closed'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const PROGRAMME_DOCUMENT_KINDS = ['management_rules', 'application_guideline'] as const;
export type ProgrammeDocumentKind = (typeof PROGRAMME_DOCUMENT_KINDS)[number];

export const HOLDER_KINDS = ['organisation', 'project', 'payee'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];
export const TRANSFER_KINDS = ['appropriation', 'allocation', 'payment', 'disbursement', 'reversal'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** What a spreadsheet import writes. */
export const IMPORT_TARGETS = ['transfers', 'expenditures'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

// Allocation formulas
export const FACTOR_DIRECTIONS = ['more_is_more', 'less_is_more'] as const;
export type FactorDirection = (typeof FACTOR_DIRECTIONS)[number];
/** Who a batch allocates to: the governments one level below (下达), or projects in the allocating area (拨付). */
export const BATCH_RECIPIENT_KINDS = ['government', 'project'] as const;
export type BatchRecipientKind = (typeof BATCH_RECIPIENT_KINDS)[number];

// Workflow
export const WORKFLOW_KINDS = ['project_application', 'allocation_batch'] as const;
export type WorkflowKind = (typeof WORKFLOW_KINDS)[number];
export const FOLLOW_SUBJECT_TYPES = ['project', 'programme', 'batch', 'county'] as const;
export type FollowSubjectType = (typeof FOLLOW_SUBJECT_TYPES)[number];

// Disclosure
/** The six disclosures of the fund chain (全链条公开): what completeness scores and a programme's page lists. */
export const FUND_DISCLOSURE_KINDS = [
  'fund_catalogue',
  'management_rules',
  'application_guideline',
  'formula',
  'allocation_result',
  'evaluation_result',
] as const;
export type FundDisclosureKind = (typeof FUND_DISCLOSURE_KINDS)[number];
/** Every kind of publication: the six fund disclosures and the city's measured values of the plan's indicators. */
export const PUBLICATION_KINDS = [...FUND_DISCLOSURE_KINDS, 'indicator_report', 'audit_finding', 'audit_checkpoint'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const PUBLICATION_SUBJECT_TYPES = ['programme', 'batch', 'project', 'evaluation', 'year', 'transfer_document', 'indicator_report', 'finding', 'audit_checkpoint'] as const;
export type PublicationSubjectType = (typeof PUBLICATION_SUBJECT_TYPES)[number];

export const WITHHOLDING_ITEM_TYPES = ['transfer', 'project', 'document', 'programme', 'field', 'indicator_report', 'finding'] as const;
export type WithholdingItemType = (typeof WITHHOLDING_ITEM_TYPES)[number];
export const WITHHOLDING_STATUSES = ['requested', 'active', 'lapsed', 'revoked'] as const;
export type WithholdingStatus = (typeof WITHHOLDING_STATUSES)[number];

// Performance evaluation
export const INDICATOR_CATEGORIES = ['output', 'effect', 'satisfaction'] as const;
export type IndicatorCategory = (typeof INDICATOR_CATEGORIES)[number];
export const INDICATOR_SUBCATEGORIES = [
  'quantity', 'quality', 'timeliness', 'cost',
  'ecological', 'social', 'economic', 'sustainability',
  'satisfaction',
] as const;
export type IndicatorSubcategory = (typeof INDICATOR_SUBCATEGORIES)[number];
export const EVALUATION_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];
/** 项目单位自评 (draft, then submitted) → 复核 (reviewed) → approved and published. */
export const EVALUATION_STATUSES = ['draft', 'submitted', 'reviewed', 'approved'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
/** Whether an indicator is met by reaching at least its target (hectares restored) or at most (cost, days late). */
export const INDICATOR_DIRECTIONS = ['higher_better', 'lower_better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
/** How actual against target becomes points: in proportion up to the weight, or the whole weight only when met. */
export const SCORING_RULES = ['proportional', 'threshold'] as const;
export type ScoringRule = (typeof SCORING_RULES)[number];

// Audit and public participation
export const FINDING_SEVERITIES = ['info', 'minor', 'major', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
/** 'closed' is the only closed status: every other one counts as open (reconciliation overview, landing counts). */
export const FINDING_STATUSES = ['open', 'answered', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** What an auditor's finding is about; a reconciliation flag is named by its stable text key (`rule:entity`). */
export const FINDING_SUBJECT_TYPES = ['programme', 'project', 'transfer', 'batch', 'publication', 'workflow_item', 'organisation', 'flag'] as const;
export type FindingSubjectType = (typeof FINDING_SUBJECT_TYPES)[number];
/** The steps of a finding's life, kept append-only as its history. */
export const FINDING_EVENTS = ['recorded', 'answered', 'closed', 'reopened'] as const;
export type FindingEvent = (typeof FINDING_EVENTS)[number];

export const FEEDBACK_KINDS = ['question', 'suggestion', 'report'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_SUBJECT_TYPES = ['project', 'programme', 'county', 'publication', 'general'] as const;
export type FeedbackSubjectType = (typeof FEEDBACK_SUBJECT_TYPES)[number];
/** received → assigned → answered → closed; a moderator may instead reject it or merge it into another. */
export const FEEDBACK_STATUSES = ['received', 'assigned', 'answered', 'closed', 'rejected', 'merged'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
/** The steps of an item's life, kept append-only; the public sees the step and its time, never who took it. */
export const FEEDBACK_EVENTS = ['received', 'published', 'assigned', 'answered', 'closed', 'rejected', 'merged', 'overdue'] as const;
export type FeedbackEvent = (typeof FEEDBACK_EVENTS)[number];
/** What an e-mail token confirms: a follow, a rating, or an unfollow. */
export const CITIZEN_TOKEN_PURPOSES = ['confirm_follow', 'confirm_rating', 'unfollow'] as const;
export type CitizenTokenPurpose = (typeof CITIZEN_TOKEN_PURPOSES)[number];
