import type { WorkflowKind } from './vocabulary';
import { definitionSchema, type WorkflowDefinition } from './workflow';

/**
 * The seeded definitions, following the plan's fund-allocation process. An administrator may
 * replace them for new items; running items keep the version they started with.
 */
const PROJECT_APPLICATION = {
  initial: 'draft',
  submitAction: 'submit',
  stages: [
    { code: 'draft', name: '草稿', nameEn: 'Draft', days: null, editable: true, public: false },
    { code: 'applied', name: '申报', nameEn: 'Applied', days: 5 },
    { code: 'first_review', name: '初审', nameEn: 'First review (county)', days: 15 },
    { code: 'second_review', name: '复审', nameEn: 'Second review (city)', days: 15 },
    { code: 'returned', name: '退回', nameEn: 'Returned', days: 30, editable: true },
    { code: 'rejected', name: '不予支持', nameEn: 'Rejected', days: null },
    { code: 'approved', name: '批复', nameEn: 'Approved', days: 20 },
    { code: 'funded', name: '资金下达', nameEn: 'Funded', days: 30 },
    { code: 'implementing', name: '实施', nameEn: 'Implementing', days: null },
    { code: 'accepted', name: '验收', nameEn: 'Accepted', days: 90 },
    { code: 'evaluated', name: '绩效评价', nameEn: 'Evaluated', days: 30 },
    { code: 'closed', name: '完结', nameEn: 'Closed', days: null },
  ],
  transitions: [
    { action: 'submit', name: '提交申报', nameEn: 'Submit', from: ['draft', 'returned'], to: 'applied', role: 'implementing_unit', relation: 'own' },
    { action: 'accept', name: '受理', nameEn: 'Accept for review', from: ['applied'], to: 'first_review', role: 'reviewer', level: 'county', relation: 'government', checker: true },
    { action: 'pass', name: '初审通过', nameEn: 'Pass first review', from: ['first_review'], to: 'second_review', role: 'reviewer', level: 'county', relation: 'government', checker: true, reason: 'optional' },
    { action: 'approve', name: '批复同意', nameEn: 'Approve', from: ['second_review'], to: 'approved', role: 'reviewer', level: 'municipal', relation: 'government', checker: true, notBy: ['pass'], reason: 'optional' },
    { action: 'return', name: '退回修改', nameEn: 'Return for changes', from: ['applied', 'first_review'], to: 'returned', role: 'reviewer', level: 'county', relation: 'government', reason: 'required', checker: true },
    { action: 'return_city', name: '退回修改', nameEn: 'Return for changes', from: ['second_review'], to: 'returned', role: 'reviewer', level: 'municipal', relation: 'government', reason: 'required', checker: true },
    { action: 'reject', name: '不予支持', nameEn: 'Reject', from: ['first_review'], to: 'rejected', role: 'reviewer', level: 'county', relation: 'government', reason: 'required', checker: true },
    { action: 'reject_city', name: '不予支持', nameEn: 'Reject', from: ['second_review'], to: 'rejected', role: 'reviewer', level: 'municipal', relation: 'government', reason: 'required', checker: true },
    { action: 'fund', name: '下达资金', nameEn: 'Issue funds', from: ['approved'], to: 'funded', role: 'finance_officer', level: 'county', relation: 'government', effects: ['fund_project'] },
    { action: 'start', name: '开工实施', nameEn: 'Start work', from: ['funded'], to: 'implementing', role: 'implementing_unit', relation: 'own' },
    { action: 'complete', name: '竣工验收', nameEn: 'Accept completed works', from: ['implementing'], to: 'accepted', role: 'reviewer', level: 'county', relation: 'government', checker: true, reason: 'optional' },
    // The unit's self-evaluation and the evaluator's review happen at 验收 (lib/dal/evaluation); a second person's approval publishes the result.
    { action: 'evaluate', name: '批准绩效评价', nameEn: 'Approve evaluation', from: ['accepted'], to: 'evaluated', role: 'reviewer', relation: 'government', checker: true, reason: 'optional', effects: ['publish_evaluation'] },
    { action: 'close', name: '项目完结', nameEn: 'Close', from: ['evaluated'], to: 'closed', role: 'finance_officer', level: 'municipal', relation: 'government' },
  ],
};

const ALLOCATION_BATCH = {
  initial: 'draft',
  submitAction: 'enter_factors',
  stages: [
    { code: 'draft', name: '草稿', nameEn: 'Draft', days: null, editable: true, public: false },
    { code: 'factors_entered', name: '因素录入', nameEn: 'Factors entered', days: 10, editable: true, public: false },
    { code: 'computed', name: '测算', nameEn: 'Computed', days: 10, public: false },
    { code: 'reviewed', name: '审核', nameEn: 'Reviewed', days: 10, public: false },
    { code: 'approved', name: '批准', nameEn: 'Approved', days: 10 },
    { code: 'issued', name: '下达', nameEn: 'Issued', days: null },
    { code: 'published', name: '公开', nameEn: 'Published', days: null },
  ],
  transitions: [
    { action: 'enter_factors', name: '完成因素录入', nameEn: 'Factors complete', from: ['draft'], to: 'factors_entered', role: 'finance_officer', relation: 'own' },
    { action: 'compute', name: '测算', nameEn: 'Compute', from: ['factors_entered', 'computed'], to: 'computed', role: 'finance_officer', relation: 'own', effects: ['compute_batch'] },
    { action: 'reopen', name: '重新录入因素', nameEn: 'Re-enter factors', from: ['computed'], to: 'factors_entered', role: 'finance_officer', relation: 'own', reason: 'required' },
    { action: 'review', name: '审核通过', nameEn: 'Pass review', from: ['computed'], to: 'reviewed', role: 'reviewer', relation: 'government', checker: true, reason: 'optional' },
    { action: 'return', name: '退回', nameEn: 'Return', from: ['computed', 'reviewed'], to: 'factors_entered', role: 'reviewer', relation: 'government', reason: 'required', checker: true },
    { action: 'approve', name: '批准', nameEn: 'Approve', from: ['reviewed'], to: 'approved', role: 'reviewer', relation: 'government', checker: true, notBy: ['review'], reason: 'optional', effects: ['publish_batch'] },
    { action: 'issue', name: '下达资金', nameEn: 'Issue funds', from: ['approved'], to: 'issued', role: 'finance_officer', relation: 'own', effects: ['issue_batch'] },
    // The formula and result are published by the approval itself; reaching 公开 records that the issued batch is public.
    { action: 'publish', name: '公开', nameEn: 'Publish', from: ['issued'], to: 'published', role: 'finance_officer', relation: 'own', automatic: true },
  ],
};

export const DEFAULT_DEFINITIONS: Record<WorkflowKind, WorkflowDefinition> = {
  project_application: definitionSchema.parse(PROJECT_APPLICATION),
  allocation_batch: definitionSchema.parse(ALLOCATION_BATCH),
};
