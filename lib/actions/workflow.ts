'use server';

import { z } from 'zod';
import { WORKFLOW_KINDS } from '@/lib/domain/vocabulary';
import { createApplication, updateApplication } from '@/lib/dal/workflow/applications';
import { publishDefinition } from '@/lib/dal/workflow/definitions';
import { applyTransition } from '@/lib/dal/workflow/engine';
import { setFollowing } from '@/lib/dal/workflow/follows';
import { applicationSchema, applicationUpdateSchema, transitionSchema } from '@/lib/schemas/workflow';
import { defineAction, type Revalidation } from './define';

const workspace: Revalidation[] = [['/workspace', 'layout']];

/** The editor's structured value; the data layer validates the definition field by field. */
const definitionInput = z.object({ kind: z.enum(WORKFLOW_KINDS), definition: z.unknown() });
const followInput = z.object({ itemId: z.coerce.number().int().positive(), on: z.boolean() });

/** Every transition of every workflow goes through here; the engine checks who may take it. */
export const transitionAction = defineAction({ permission: 'workspace.enter', input: transitionSchema, revalidate: workspace }, async (ctx, cmd) => {
  const res = await applyTransition(ctx, { itemId: cmd.itemId, action: cmd.action, expectedRevision: cmd.expectedRevision, reason: cmd.reason, params: { fund: cmd.fund } });
  return { stage: res.stage, stageName: res.stageName, stageNameEn: res.stageNameEn, revision: res.revision };
});

export const createApplicationAction = defineAction({ permission: 'project.apply', input: applicationSchema, jsonField: 'targets', revalidate: workspace }, async (ctx, input, call) =>
  createApplication(ctx, input, await call.files('attachments')),
);

/** The same fields as a new application, plus which application and the revision the form showed. */
export const updateApplicationAction = defineAction(
  { permission: 'project.apply', input: z.intersection(applicationUpdateSchema, applicationSchema), jsonField: 'targets', revalidate: workspace },
  async (ctx, { applicationId, expectedRevision, ...cmd }, call) => updateApplication(ctx, { applicationId, expectedRevision }, cmd, await call.files('attachments')),
);

export const publishDefinitionAction = defineAction(
  { permission: 'settings.manage', input: definitionInput, from: (kind: unknown, definition: unknown) => ({ kind, definition }), revalidate: ['/workspace/admin'] },
  (ctx, input) => publishDefinition(ctx, input.kind, input.definition),
);

export const followAction = defineAction(
  { permission: 'workspace.enter', input: followInput, from: (itemId: unknown, on: unknown) => ({ itemId, on }), revalidate: (input) => [`/workspace/items/${input.itemId}`] },
  (ctx, input) => setFollowing(ctx, input.itemId, input.on),
);
