'use server';

import { approveIndicatorReport, returnIndicatorReport, submitIndicatorReport } from '@/lib/dal/indicators/reports';
import { indicatorDecisionSchema, indicatorReportSchema, indicatorReturnSchema } from '@/lib/schemas/indicators';
import { defineAction, type Revalidation } from './define';

const workspace: Revalidation[] = ['/workspace/indicators'];
const andPublic: Revalidation[] = [...workspace, '/targets', ['/disclosure', 'layout']];

export const submitIndicatorReportAction = defineAction({ permission: 'indicator.report', input: indicatorReportSchema, revalidate: workspace }, (ctx, input) => submitIndicatorReport(ctx, input));

export const approveIndicatorReportAction = defineAction({ permission: 'indicator.approve', input: indicatorDecisionSchema, revalidate: andPublic }, (ctx, input) => approveIndicatorReport(ctx, input.submissionId));

export const returnIndicatorReportAction = defineAction({ permission: 'indicator.approve', input: indicatorReturnSchema, revalidate: workspace }, async (ctx, input) => {
  await returnIndicatorReport(ctx, input);
  return null;
});
