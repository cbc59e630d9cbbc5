/**
 * Approval workflows as data: a definition lists the stages of one kind of item and the
 * transitions between them, each with the role, organisation level and relation allowed to take
 * it. Pure, so that the engine, the pages and the tests read the same rules.
 */
import { z } from 'zod';
import { ORG_LEVELS, ROLES } from './vocabulary';
import { canonicalJson } from '@/lib/audit/chain';

/** What a transition does besides moving the stage, inside the same transaction. */
export const WORKFLOW_EFFECTS = ['fund_project', 'compute_batch', 'issue_batch', 'publish_batch', 'publish_evaluation'] as const;
export type WorkflowEffect = (typeof WORKFLOW_EFFECTS)[number];

/** Which effects make sense for which kind of item: an effect reads its item's subject. */
export const EFFECTS_BY_KIND: Record<'project_application' | 'allocation_batch', readonly WorkflowEffect[]> = {
  project_application: ['fund_project', 'publish_evaluation'],
  allocation_batch: ['compute_batch', 'issue_batch', 'publish_batch'],
};

/** Effects a definition of this kind may not use, by transition index. */
export function misplacedEffects(kind: keyof typeof EFFECTS_BY_KIND, def: { transitions: { effects: readonly WorkflowEffect[] }[] }): number[] {
  return def.transitions.flatMap((t, i) => (t.effects.some((e) => !EFFECTS_BY_KIND[kind].includes(e)) ? [i] : []));
}

/**
 * Effects of the kind that no transition carries. Every one of them issues money or publishes a
 * disclosure, so a definition without one would let that step happen undisclosed: refused.
 */
export function missingEffects(kind: keyof typeof EFFECTS_BY_KIND, def: { transitions: { effects: readonly WorkflowEffect[] }[] }): WorkflowEffect[] {
  const present = new Set(def.transitions.flatMap((t) => t.effects));
  return EFFECTS_BY_KIND[kind].filter((e) => !present.has(e));
}

const code = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

const stageSchema = z.object({
  code,
  name: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(60),
  /** Days the stage may take before the item is overdue; null for stages without a deadline. */
  days: z.number().int().min(1).max(365).nullable(),
  /** The applicant may change the item's content while it is at this stage. */
  editable: z.boolean().default(false),
  /** Shown on the public timeline. */
  public: z.boolean().default(true),
});

const transitionSchema = z.object({
  action: code,
  name: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(60),
  from: z.array(code).min(1),
  to: code,
  role: z.enum(ROLES),
  /** The level of the actor's organisation; any level when absent. */
  level: z.enum(ORG_LEVELS).optional(),
  /** 'own': the item's organisation itself; 'government': an organisation whose government area contains the item's. */
  relation: z.enum(['own', 'government']),
  reason: z.enum(['required', 'optional', 'none']).default('none'),
  /** Maker-checker: refused to whoever submitted or last edited the item. */
  checker: z.boolean().default(false),
  /** Refused to whoever took one of these actions since the item was last submitted. */
  notBy: z.array(code).default([]),
  /** Taken by the engine, in the same transaction, as soon as the item reaches `from`. */
  automatic: z.boolean().default(false),
  effects: z.array(z.enum(WORKFLOW_EFFECTS)).default([]),
});

export const definitionSchema = z
  .object({
    stages: z.array(stageSchema).min(2),
    /** The stage new items start in. */
    initial: code,
    /** The action that counts as a (re)submission: it sets the submitter, and checkers may not be that person. */
    submitAction: code,
    transitions: z.array(transitionSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const stages = new Set(d.stages.map((s) => s.code));
    if (stages.size !== d.stages.length) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'workflow.duplicateStage' });
    if (!stages.has(d.initial)) ctx.addIssue({ code: 'custom', path: ['initial'], message: 'workflow.unknownStage' });
    const seen = new Set<string>();
    d.transitions.forEach((t, i) => {
      for (const s of [...t.from, t.to]) if (!stages.has(s)) ctx.addIssue({ code: 'custom', path: ['transitions', i], message: 'workflow.unknownStage' });
      for (const f of t.from) {
        const key = `${f}:${t.action}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['transitions', i], message: 'workflow.duplicateAction' });
        seen.add(key);
      }
      if (t.automatic && t.reason === 'required') ctx.addIssue({ code: 'custom', path: ['transitions', i], message: 'workflow.automaticReason' });
    });
    if (!d.transitions.some((t) => t.action === d.submitAction)) ctx.addIssue({ code: 'custom', path: ['submitAction'], message: 'workflow.unknownAction' });
  });

export type WorkflowDefinition = z.output<typeof definitionSchema>;
export type StageDef = WorkflowDefinition['stages'][number];
export type TransitionDef = WorkflowDefinition['transitions'][number];

export function stageDef(def: WorkflowDefinition, stage: string): StageDef | undefined {
  return def.stages.find((s) => s.code === stage);
}

/** The transition `action` from `stage`, if the definition has one. */
export function findTransition(def: WorkflowDefinition, stage: string, action: string): TransitionDef | undefined {
  return def.transitions.find((t) => t.action === action && t.from.includes(stage));
}

export function manualTransitionsFrom(def: WorkflowDefinition, stage: string): TransitionDef[] {
  return def.transitions.filter((t) => t.from.includes(stage) && !t.automatic);
}

export function automaticTransitionFrom(def: WorkflowDefinition, stage: string): TransitionDef | undefined {
  return def.transitions.find((t) => t.from.includes(stage) && t.automatic);
}

/** When an item entering `stage` at `enteredAt` becomes overdue; null when the stage has no deadline. */
export function dueAtFor(def: WorkflowDefinition, stage: string, enteredAt: Date): Date | null {
  const days = stageDef(def, stage)?.days;
  return days ? new Date(enteredAt.getTime() + days * 86_400_000) : null;
}

export interface ActorFacts {
  id: number;
  role: (typeof ROLES)[number];
  orgLevel: (typeof ORG_LEVELS)[number];
  /** The actor's organisation is the item's organisation. */
  ownsItem: boolean;
  /** The item's organisation lies within the actor's government area. */
  governsItem: boolean;
}

export interface ItemFacts {
  submittedBy: number | null;
  lastEditedBy: number | null;
  /** Actors of each action taken since the last submission. */
  actorsSinceSubmission: { action: string; actorId: number }[];
}

export type Refusal = 'wrong_role' | 'wrong_level' | 'not_your_item' | 'self_approval' | 'same_checker';

/** Why the actor may not take this transition on this item, or null when they may. */
export function refusalFor(t: TransitionDef, actor: ActorFacts, item: ItemFacts): Refusal | null {
  if (t.role !== actor.role) return 'wrong_role';
  if (t.level && t.level !== actor.orgLevel) return 'wrong_level';
  if (t.relation === 'own' ? !actor.ownsItem : !actor.governsItem) return 'not_your_item';
  if (t.checker && (item.submittedBy === actor.id || item.lastEditedBy === actor.id)) return 'self_approval';
  if (t.notBy.length && item.actorsSinceSubmission.some((a) => t.notBy.includes(a.action) && a.actorId === actor.id)) return 'same_checker';
  return null;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Top-level fields whose values differ between two snapshots of an item's content (canonical JSON comparison). */
export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
