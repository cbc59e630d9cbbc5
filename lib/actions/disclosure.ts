'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { addLegalBasis, approveWithholding, renewWithholding, requestWithholding, revokeWithholding, setLegalBasisActive, WITHHOLDABLE } from '@/lib/dal/disclosure/withholdings';
import { publishFieldCorrection } from '@/lib/dal/publications';
import { fieldsOf, parseOrThrow } from './parse';
import { runAuthorized } from './result';

const id = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'disclosure.reviewDatePast');
const reason = z.string().trim().min(4, 'disclosure.reasonRequired').max(2000);

const requestSchema = z.object({ itemType: z.enum(WITHHOLDABLE), itemId: id, field: z.string().trim().max(120).optional().transform((v) => v || null), reason, legalBasisId: id, reviewDate: date });
const renewSchema = z.object({ withholdingId: id, reason, reviewDate: date });
const idSchema = z.object({ id });
const basisSchema = z.object({ code: z.string().trim().min(2, 'disclosure.basisCodeInvalid').max(32), name: z.string().trim().min(1, 'disclosure.basisNameRequired').max(200), nameEn: z.string().trim().min(1, 'disclosure.basisNameRequired').max(200) });
const basisActiveSchema = z.object({ id, active: z.enum(['true', 'false']) });
const correctionSchema = z.object({ publicationId: id, notice: z.string().trim().max(4000).optional(), changeReason: reason });

const done = () => revalidatePath('/workspace/disclosure');

export async function requestWithholdingAction(_prev: unknown, formData: FormData) {
  return runAuthorized('withholding.request', async (ctx) => {
    const res = await requestWithholding(ctx, parseOrThrow(requestSchema, fieldsOf(formData)));
    done();
    return res;
  });
}

export async function renewWithholdingAction(_prev: unknown, formData: FormData) {
  return runAuthorized('withholding.request', async (ctx) => {
    const res = await renewWithholding(ctx, parseOrThrow(renewSchema, fieldsOf(formData)));
    done();
    return res;
  });
}

export async function approveWithholdingAction(_prev: unknown, formData: FormData) {
  return runAuthorized('withholding.approve', async (ctx) => {
    const res = await approveWithholding(ctx, parseOrThrow(idSchema, fieldsOf(formData)).id);
    done();
    revalidatePath('/disclosure', 'layout');
    return res;
  });
}

export async function revokeWithholdingAction(_prev: unknown, formData: FormData) {
  return runAuthorized('withholding.request', async (ctx) => {
    await revokeWithholding(ctx, parseOrThrow(idSchema, fieldsOf(formData)).id);
    done();
    return null;
  });
}

export async function addLegalBasisAction(_prev: unknown, formData: FormData) {
  return runAuthorized('settings.manage', async (ctx) => {
    const res = await addLegalBasis(ctx, parseOrThrow(basisSchema, fieldsOf(formData)));
    done();
    return res;
  });
}

export async function setLegalBasisActiveAction(_prev: unknown, formData: FormData) {
  return runAuthorized('settings.manage', async (ctx) => {
    const input = parseOrThrow(basisActiveSchema, fieldsOf(formData));
    await setLegalBasisActive(ctx, input.id, input.active === 'true');
    done();
    return null;
  });
}

/** A correction entered field by field: inputs named `field:<path>` carry the new text of each field. */
export async function correctPublicationAction(_prev: unknown, formData: FormData) {
  return runAuthorized('publication.correct', async (ctx) => {
    const input = parseOrThrow(correctionSchema, fieldsOf(formData));
    const fields: Record<string, string> = {};
    for (const [key, value] of formData.entries()) if (key.startsWith('field:') && typeof value === 'string') fields[key.slice('field:'.length)] = value;
    const res = await publishFieldCorrection(ctx, { publicationId: input.publicationId, fields, notice: input.notice, changeReason: input.changeReason });
    done();
    revalidatePath('/disclosure', 'layout');
    // The corrected version is now the latest: its page confirms the correction.
    redirect(`/workspace/disclosure/corrections/${res.id}?corrected=1`);
  });
}
