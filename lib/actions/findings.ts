'use server';

import { answerFinding, closeFinding, recordFinding, reopenFinding } from '@/lib/dal/audit/findings';
import { answerFindingSchema, closeFindingSchema, recordFindingSchema, reopenFindingSchema } from '@/lib/schemas/findings';
import { defineAction, type Revalidation } from './define';

const workspace: Revalidation[] = [['/workspace', 'layout']];
const andPublic: Revalidation[] = [...workspace, ['/findings', 'layout'], ['/disclosure', 'layout']];

/** 记录审计发现; the browser then opens the finding. */
export const recordFindingAction = defineAction(
  { permission: 'finding.record', input: recordFindingSchema, revalidate: workspace, redirect: (_input, r: { id: number }) => `/workspace/findings/${r.id}` },
  (ctx, input) => recordFinding(ctx, input),
);

/** 整改答复 with the evidence files in field `evidence`. */
export const answerFindingAction = defineAction({ permission: 'finding.answer', input: answerFindingSchema, revalidate: workspace }, async (ctx, input, call) =>
  answerFinding(ctx, input, await call.files('evidence')),
);

export const closeFindingAction = defineAction({ permission: 'finding.record', input: closeFindingSchema, revalidate: andPublic }, (ctx, input) => closeFinding(ctx, input));

export const reopenFindingAction = defineAction({ permission: 'finding.record', input: reopenFindingSchema, revalidate: workspace }, (ctx, input) => reopenFinding(ctx, input));
