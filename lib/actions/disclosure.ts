'use server';

import { z } from 'zod';
import { addLegalBasis, approveWithholding, renewWithholding, requestWithholding, revokeWithholding, setLegalBasisActive, WITHHOLDABLE } from '@/lib/dal/disclosure/withholdings';
import { publishFieldCorrection } from '@/lib/dal/disclosure/publications';
import { defineAction, type Revalidation } from './define';

const id = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'disclosure.reviewDatePast');
const reason = z.string().trim().min(4, 'disclosure.reasonRequired').max(2000);
const requestSchema = z.object({ itemType: z.enum(WITHHOLDABLE), itemId: id, field: z.string().trim().max(120).optional().transform((v) => v || null), reason, legalBasisId: id, reviewDate: date });
const renewSchema = z.object({ withholdingId: id, reason, reviewDate: date });
const idSchema = z.object({ id });
const basisSchema = z.object({ code: z.string().trim().min(2, 'disclosure.basisCodeInvalid').max(32), name: z.string().trim().min(1, 'disclosure.basisNameRequired').max(200), nameEn: z.string().trim().min(1, 'disclosure.basisNameRequired').max(200) });
const basisActiveSchema = z.object({ id, active: z.enum(['true', 'false']) });
/** A correction entered field by field: inputs named `field:<path>` carry the new text of each field. */
const correctionSchema = z
  .looseObject({ publicationId: id, notice: z.string().trim().max(4000).optional(), changeReason: reason })
  .transform(({ publicationId, notice, changeReason, ...rest }) => ({
    publicationId,
    notice,
    changeReason,
    fields: Object.fromEntries(Object.entries(rest).flatMap(([key, value]) => (key.startsWith('field:') && typeof value === 'string' ? [[key.slice('field:'.length), value]] : []))),
  }));

const disclosure: Revalidation[] = ['/workspace/disclosure'];
const andPublic: Revalidation[] = [...disclosure, ['/disclosure', 'layout']];

export const requestWithholdingAction = defineAction({ permission: 'withholding.request', input: requestSchema, revalidate: disclosure }, (ctx, input) => requestWithholding(ctx, input));

export const renewWithholdingAction = defineAction({ permission: 'withholding.request', input: renewSchema, revalidate: disclosure }, (ctx, input) => renewWithholding(ctx, input));

export const approveWithholdingAction = defineAction({ permission: 'withholding.approve', input: idSchema, revalidate: andPublic }, (ctx, input) => approveWithholding(ctx, input.id));

export const revokeWithholdingAction = defineAction({ permission: 'withholding.request', input: idSchema, revalidate: disclosure }, async (ctx, input) => {
  await revokeWithholding(ctx, input.id);
  return null;
});

export const addLegalBasisAction = defineAction({ permission: 'settings.manage', input: basisSchema, revalidate: disclosure }, (ctx, input) => addLegalBasis(ctx, input));

export const setLegalBasisActiveAction = defineAction({ permission: 'settings.manage', input: basisActiveSchema, revalidate: disclosure }, async (ctx, input) => {
  await setLegalBasisActive(ctx, input.id, input.active === 'true');
  return null;
});

/** The corrected version is then the latest: its page confirms the correction. */
export const correctPublicationAction = defineAction(
  { permission: 'publication.correct', input: correctionSchema, revalidate: andPublic, redirect: (_input, res: { id: number }) => `/workspace/disclosure/corrections/${res.id}?corrected=1` },
  (ctx, input) => publishFieldCorrection(ctx, input),
);
