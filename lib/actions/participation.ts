'use server';

import { answerFeedback } from '@/lib/dal/participation/answers';
import { acceptFeedback, closeFeedback, mergeFeedback, rejectFeedback, setFeedbackPublic } from '@/lib/dal/participation/moderation';
import { acceptFeedbackSchema, answerFeedbackSchema, closeFeedbackSchema, mergeFeedbackSchema, rejectFeedbackSchema, setPublicFeedbackSchema } from '@/lib/schemas/participation';
import { defineAction, type Revalidation } from './define';

const paths: Revalidation[] = [['/workspace', 'layout'], ['/feedback', 'layout'], ['/projects', 'layout'], ['/programmes', 'layout'], ['/counties', 'layout']];

/** 受理并转办. */
export const acceptFeedbackAction = defineAction({ permission: 'feedback.moderate', input: acceptFeedbackSchema, revalidate: paths }, (ctx, input) => acceptFeedback(ctx, input));
export const setFeedbackPublicAction = defineAction({ permission: 'feedback.moderate', input: setPublicFeedbackSchema, revalidate: paths }, (ctx, input) => setFeedbackPublic(ctx, input));
export const rejectFeedbackAction = defineAction({ permission: 'feedback.moderate', input: rejectFeedbackSchema, revalidate: paths }, (ctx, input) => rejectFeedback(ctx, input));
export const mergeFeedbackAction = defineAction({ permission: 'feedback.moderate', input: mergeFeedbackSchema, revalidate: paths }, (ctx, input) => mergeFeedback(ctx, input));
export const closeFeedbackAction = defineAction({ permission: 'feedback.moderate', input: closeFeedbackSchema, revalidate: paths }, (ctx, input) => closeFeedback(ctx, input));
/** 答复 by the organisation the item is assigned to. */
export const answerFeedbackAction = defineAction({ permission: 'feedback.answer', input: answerFeedbackSchema, revalidate: paths }, (ctx, input) => answerFeedback(ctx, input));
