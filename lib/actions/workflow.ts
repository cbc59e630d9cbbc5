'use server';

import { revalidatePath } from 'next/cache';
import { createApplication, updateApplication } from '@/lib/dal/workflow/applications';
import { publishDefinition } from '@/lib/dal/workflow/definitions';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { setFollowing } from '@/lib/dal/workflow/follows';
import { WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors';
import { applicationSchema, applicationUpdateSchema, transitionSchema } from '@/lib/schemas/workflow';
import { fieldsOf, fileFrom, parseOrThrow } from './parse';
import { runAuthorized } from './result';

async function filesFrom(formData: FormData) {
  const out = [];
  for (const v of formData.getAll('attachments')) {
    const f = await fileFrom(v);
    if (f) out.push(f);
  }
  return out;
}

/** Every transition of every workflow goes through here; the engine checks who may take it. */
export async function transitionAction(input: unknown) {
  return runAuthorized('workspace.enter', async (ctx) => {
    const cmd = parseOrThrow(transitionSchema, input);
    const res = await applyTransition(ctx, { itemId: cmd.itemId, action: cmd.action, expectedRevision: cmd.expectedRevision, reason: cmd.reason, params: { fund: cmd.fund } });
    revalidatePath('/workspace', 'layout');
    return { stage: res.stage, stageName: res.stageName, stageNameEn: res.stageNameEn, revision: res.revision };
  });
}

export async function createApplicationAction(formData: FormData) {
  return runAuthorized('project.apply', async (ctx) => {
    const res = await createApplication(ctx, parseOrThrow(applicationSchema, fieldsOf(formData, 'targets')), await filesFrom(formData));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

export async function updateApplicationAction(formData: FormData) {
  return runAuthorized('project.apply', async (ctx) => {
    const fields = fieldsOf(formData, 'targets');
    const ref = parseOrThrow(applicationUpdateSchema, fields);
    const res = await updateApplication(ctx, ref, parseOrThrow(applicationSchema, fields), await filesFrom(formData));
    revalidatePath('/workspace', 'layout');
    return res;
  });
}

/** The definition arrives as the editor's structured value; the data layer validates every field. */
export async function publishDefinitionAction(kind: unknown, definition: unknown) {
  return runAuthorized('settings.manage', async (ctx) => {
    if (typeof kind !== 'string' || !(WORKFLOW_KINDS as readonly string[]).includes(kind)) throw new AppError('validation');
    const res = await publishDefinition(ctx, kind as (typeof WORKFLOW_KINDS)[number], definition);
    revalidatePath('/workspace/admin');
    return res;
  });
}

export async function followAction(itemId: unknown, on: unknown) {
  return runAuthorized('workspace.enter', async (ctx) => {
    const id = Number(itemId);
    if (!Number.isInteger(id) || id <= 0) throw new AppError('validation');
    const res = await setFollowing(ctx, id, on === true);
    revalidatePath(`/workspace/items/${id}`);
    return res;
  });
}
