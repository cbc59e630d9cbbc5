import type { PublicationKind, PublicationSubjectType, WorkflowKind } from './vocabulary';

/**
 * The events that owe the public a disclosure, and what each owes: the plan's whole chain
 * (专项资金目录、管理制度、申报指南、分配公式和因素、分配结果、绩效评价结果). An event writes its
 * obligations in its own transaction, whether or not the publication is produced then, so a
 * disclosure that never comes shows as missing instead of never having been owed.
 */
export type DisclosureEvent = 'programme_opened' | 'money_moved' | 'batch_approved' | 'project_accepted' | 'project_evaluated';

/** Which deadline setting applies: publication_deadline_days, or evaluation_deadline_days for work still to be done first. */
export type DeadlineKind = 'publication' | 'evaluation';

export interface Owed {
  kinds: readonly PublicationKind[];
  subjectType: PublicationSubjectType;
  deadline: DeadlineKind;
}

export const OWED_BY_EVENT: Record<DisclosureEvent, Owed> = {
  programme_opened: { kinds: ['fund_catalogue', 'management_rules', 'application_guideline'], subjectType: 'programme', deadline: 'publication' },
  money_moved: { kinds: ['allocation_result'], subjectType: 'transfer_document', deadline: 'publication' },
  batch_approved: { kinds: ['formula', 'allocation_result'], subjectType: 'batch', deadline: 'publication' },
  // 验收 starts the clock for the performance evaluation and its publication.
  project_accepted: { kinds: ['evaluation_result'], subjectType: 'project', deadline: 'evaluation' },
  project_evaluated: { kinds: ['evaluation_result'], subjectType: 'project', deadline: 'publication' },
};

/** The event a workflow item's arrival at a stage is, if it owes anything. */
export function eventOfStage(kind: WorkflowKind, stage: string): DisclosureEvent | null {
  if (kind === 'allocation_batch' && stage === 'approved') return 'batch_approved';
  if (kind === 'project_application' && stage === 'accepted') return 'project_accepted';
  if (kind === 'project_application' && stage === 'evaluated') return 'project_evaluated';
  return null;
}
