import 'server-only';
import { z } from 'zod';
import { rowsOf } from '@/db/client';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, FEEDBACK_SUBJECT_TYPES, FUND_LEVELS, PUBLICATION_KINDS } from '@/lib/domain/vocabulary';
import type { ObligationStatus } from '@/lib/domain/completeness';

/*
 * The public read model's views (db/sql/views/public_*.sql), column by column, as the portal reads
 * them: dates and timestamps cast to text, bigint amounts as text. Every row read from a public view
 * is parsed with one of these (or a pick of it), so a renamed or retyped column is an error naming
 * the view, never a field that silently reads as undefined; tests/integration/public-views.test.ts
 * checks the columns against the migrated database.
 */

const int = z.number().int();
const text = z.string();
const jsonObject = z.record(z.string(), z.unknown());

export const publicPublicationsView = z.object({
  id: int,
  kind: z.enum(PUBLICATION_KINDS),
  subject_type: text,
  subject_id: int,
  version: int,
  title: text,
  content: jsonObject,
  notice: text,
  content_hash: text,
  change_reason: text.nullable(),
  issuer_org_id: int,
  doc_number: text.nullable(),
  data_as_of: text,
  event_at: text,
  published_at: text,
  is_demo: z.boolean(),
  redacted: z.boolean(),
});

export const publicWithholdingRegisterView = z.object({
  item_type: text,
  basis_code: text,
  basis_name: text,
  basis_name_en: text,
  since: text,
  until: text,
  items: int,
});

export const publicWithheldProgrammeTotalsView = z.object({
  basis_code: text,
  basis_name: text,
  basis_name_en: text,
  programmes: int,
  total_fen: text.nullable(),
});

export const publicDisclosureObligationsView = z.object({
  id: int,
  kind: z.enum(PUBLICATION_KINDS),
  subject_type: text,
  /** Null when withheld: a withheld obligation never names its subject. */
  subject_id: int.nullable(),
  responsible_org_id: int,
  event_at: text,
  due_at: text,
  published_at: text.nullable(),
  programme_id: int.nullable(),
  project_id: int.nullable(),
  county_id: int.nullable(),
  status: z.enum(['on_time', 'late', 'overdue', 'pending', 'withheld'] as const satisfies readonly ObligationStatus[]),
  /** The legal basis a withheld obligation is met by, where one withholding names it. */
  basis_code: text.nullable(),
});

export const publicItemTimelineView = z.object({
  id: int,
  item_id: int,
  kind: text,
  project_id: int.nullable(),
  batch_id: int.nullable(),
  stage: text,
  stage_name: text,
  stage_name_en: text,
  // Read as the driver returns a timestamp (the caller formats it).
  at: z.union([text, z.date()]),
  organisation_name: text,
  officer_name: text.nullable(),
});

const LINE_KINDS = ['allocation', 'payment', 'disbursement', 'reversal'] as const;

export const publicTransferLinesView = z.object({
  transfer_id: int,
  kind: z.enum(LINE_KINDS),
  transfer_date: text,
  doc_number: text,
  programme_code: text,
  programme_name: text,
  programme_level: z.enum(FUND_LEVELS),
  from_code: text,
  from_kind: text,
  from_name: text,
  from_name_en: text,
  from_county_code: text.nullable(),
  to_code: text,
  to_kind: text,
  to_name: text,
  to_name_en: text,
  to_county_code: text.nullable(),
  project_code: text.nullable(),
  amount_fen: text,
  reverses_transfer_id: int.nullable(),
  publication_id: int,
  is_demo: z.boolean(),
});

export const publicProjectsView = z.object({
  id: int,
  code: text,
  name: text,
  description: text.nullable(),
  town: text.nullable(),
  type: text,
  type_name: text,
  type_name_en: text,
  zone_code: text.nullable(),
  zone_name: text.nullable(),
  zone_name_en: text.nullable(),
  key_area_code: text.nullable(),
  key_area_name: text.nullable(),
  key_area_name_en: text.nullable(),
  group_code: text.nullable(),
  group_name: text.nullable(),
  group_name_en: text.nullable(),
  implementing_org_code: text.nullable(),
  implementing_org_name: text.nullable(),
  implementing_org_name_en: text.nullable(),
  county_codes: z.array(text),
  planned_start: text.nullable(),
  planned_end: text.nullable(),
  from_plan: z.boolean(),
  is_demo: z.boolean(),
});

/** Every public view the portal reads, by name, for the column check. */
const nullableText = text.nullable();

export const publicFeedbackStatusView = z.object({
  tracking_code: text,
  kind: z.enum(FEEDBACK_KINDS),
  status: z.enum(FEEDBACK_STATUSES),
  is_public: z.boolean(),
  received_at: text,
  assigned_at: nullableText,
  due_at: nullableText,
  answered_at: nullableText,
  closed_at: nullableText,
  org_code: nullableText,
  org_name: nullableText,
  org_name_en: nullableText,
  reject_reason: nullableText,
  merged_into: nullableText,
  overdue: z.boolean(),
});

export const publicFeedbackView = z.object({
  id: int,
  tracking_code: text,
  kind: z.enum(FEEDBACK_KINDS),
  status: z.enum(FEEDBACK_STATUSES),
  subject_type: z.enum(FEEDBACK_SUBJECT_TYPES),
  subject_code: nullableText,
  subject_name: nullableText,
  subject_name_en: nullableText,
  body: text,
  received_at: text,
  due_at: nullableText,
  answered_at: nullableText,
  closed_at: nullableText,
  org_code: nullableText,
  org_name: nullableText,
  org_name_en: nullableText,
  answer: nullableText,
  answer_at: nullableText,
  answers: z.array(z.object({ body: text, at: text })),
  overdue: z.boolean(),
});

/** Read for its metadata only in lists; `content` is selected by the photo route alone. */
export const publicFeedbackPhotosView = z.object({
  id: int,
  tracking_code: text,
  sha256: text,
  mime_type: text,
  byte_size: int,
  width: int,
  height: int,
  content: z.instanceof(Uint8Array),
});

/** Confirmed citizens' ratings per public project, as whole counts (average and share are computed exactly from them). */
export const publicProjectRatingsView = z.object({
  project_code: text,
  ratings: int,
  score_sum: int,
  score_1: int,
  score_2: int,
  score_3: int,
  score_4: int,
  score_5: int,
  satisfied: int,
});

export const PUBLIC_VIEWS = {
  public_publications: publicPublicationsView,
  public_withholding_register: publicWithholdingRegisterView,
  public_withheld_programme_totals: publicWithheldProgrammeTotalsView,
  public_disclosure_obligations: publicDisclosureObligationsView,
  public_item_timeline: publicItemTimelineView,
  public_transfer_lines: publicTransferLinesView,
  public_projects: publicProjectsView,
  public_feedback_status: publicFeedbackStatusView,
  public_feedback: publicFeedbackView,
  public_feedback_photos: publicFeedbackPhotosView,
  public_project_ratings: publicProjectRatingsView,
} as const;

/** The rows of a raw query on a public view, each checked against `row`; a mismatch names the view and the column. */
export function viewRows<S extends z.ZodType>(view: keyof typeof PUBLIC_VIEWS, row: S, result: unknown): z.infer<S>[] {
  const parsed = z.array(row).safeParse(rowsOf(result));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${view}: row does not match its declared columns at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
