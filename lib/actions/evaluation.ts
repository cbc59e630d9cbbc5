'use server';

import { approveEvaluation, openEvaluation, returnEvaluation, reviewEvaluation, saveSelfEvaluation } from '@/lib/dal/evaluation/evaluations';
import type { UploadedFile } from './parse';
import { approveEvaluationSchema, openEvaluationSchema, returnEvaluationSchema, reviewSchema, selfEvaluationSchema } from '@/lib/schemas/evaluation';
import { defineAction, type Revalidation } from './define';

const workspace: Revalidation[] = [['/workspace', 'layout']];

/** The unit starts the self-evaluation of an accepted application and goes to its form. */
export const openEvaluationAction = defineAction(
  { permission: 'project.apply', input: openEvaluationSchema, revalidate: workspace, redirect: (_input, r: { evaluationId: number }) => `/workspace/evaluations/${r.evaluationId}` },
  (ctx, input) => openEvaluation(ctx, input.applicationId),
);

/** 项目单位自评: the indicator set as JSON, each indicator's evidence files in field `evidence.<position>`. */
export const saveSelfEvaluationAction = defineAction({ permission: 'project.apply', input: selfEvaluationSchema, jsonField: 'indicators', revalidate: workspace }, async (ctx, input, call) => {
  const evidence = new Map<number, UploadedFile[]>();
  for (let i = 0; i < input.indicators.length; i++) {
    const files = await call.files(`evidence.${i}`);
    if (files.length) evidence.set(i, files);
  }
  return saveSelfEvaluation(ctx, input, evidence);
});

/** 复核: the values the evaluator accepts (JSON), findings and corrections. */
export const reviewEvaluationAction = defineAction({ permission: 'evaluation.score', input: reviewSchema, jsonField: 'actuals', revalidate: workspace }, (ctx, input) => reviewEvaluation(ctx, input));

export const returnEvaluationAction = defineAction({ permission: 'workspace.enter', input: returnEvaluationSchema, revalidate: workspace }, (ctx, input) => returnEvaluation(ctx, input));

/** The second person's approval: the application's workflow step that publishes the result. */
export const approveEvaluationAction = defineAction({ permission: 'workflow.review', input: approveEvaluationSchema, revalidate: workspace }, async (ctx, input) => {
  const moved = await approveEvaluation(ctx, input);
  return { stage: moved.stage, revision: moved.revision };
});
