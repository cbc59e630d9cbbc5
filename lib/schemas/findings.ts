import { z } from 'zod';
import { FINDING_SEVERITIES, FINDING_SUBJECT_TYPES } from '@/lib/domain/vocabulary';
import { clientKey, id, isoDate } from './common';

const text = (min: number, max: number, key: string) => z.string({ error: key }).trim().min(min, key).max(max, key);
/** An optional id from a form: an empty select is "not chosen". */
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());

/**
 * 记录审计发现: the subject (a row id, or a reconciliation flag's `rule:entity` key), the organisation
 * that must answer (one the subject allows; the data layer checks), severity, text, required action
 * and due date.
 */
export const recordFindingSchema = z.object({
  clientKey,
  subjectType: z.enum(FINDING_SUBJECT_TYPES, { error: 'findings.subjectInvalid' }),
  subjectRef: text(1, 200, 'findings.subjectInvalid'),
  responsibleOrgId: optionalId,
  severity: z.enum(FINDING_SEVERITIES, { error: 'findings.severityRequired' }),
  title: text(2, 200, 'findings.titleRequired'),
  body: text(10, 4000, 'findings.bodyRequired'),
  requiredAction: text(4, 2000, 'findings.actionRequired'),
  dueDate: isoDate,
});
export type RecordFindingInput = z.output<typeof recordFindingSchema>;

/** A step on a finding acts on the revision the page showed. */
const step = { findingId: id, expectedRevision: z.coerce.number().int().min(0) };

/** 整改答复: the responsible organisation's answer; evidence files travel beside it in field `evidence`. */
export const answerFindingSchema = z.object({ ...step, body: text(4, 4000, 'findings.answerRequired') });
export type AnswerFindingInput = z.output<typeof answerFindingSchema>;

export const closeFindingSchema = z.object({ ...step, reason: text(4, 2000, 'findings.closeReasonRequired') });
export const reopenFindingSchema = z.object({ ...step, reason: text(4, 2000, 'findings.reopenReasonRequired') });
export type FindingStepInput = z.output<typeof closeFindingSchema>;
