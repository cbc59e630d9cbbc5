import { describe, expect, it } from 'vitest';
import { ORG_LEVELS, ROLES } from '@/lib/domain/vocabulary';
import { definitionSchema, diffSnapshots, dueAtFor, findTransition, refusalFor, type ActorFacts, type ItemFacts } from '@/lib/domain/workflow';
import { DEFAULT_DEFINITIONS } from '@/lib/domain/workflow-defaults';

const fresh: ItemFacts = { submittedBy: 1, lastEditedBy: 1, actorsSinceSubmission: [] };

describe('workflow definitions as data', () => {
  for (const [kind, def] of Object.entries(DEFAULT_DEFINITIONS)) {
    describe(kind, () => {
      it('lets exactly the named role, level and relation take every transition, and refuses every other role', () => {
        for (const t of def.transitions) {
          const allowed: ActorFacts = { id: 99, role: t.role, orgLevel: t.level ?? 'municipal', ownsItem: t.relation === 'own', governsItem: t.relation === 'government' };
          expect(refusalFor(t, allowed, fresh), `${t.action} by ${t.role}`).toBeNull();
          for (const role of ROLES.filter((r) => r !== t.role)) expect(refusalFor(t, { ...allowed, role }, fresh)).toBe('wrong_role');
          if (t.level) for (const level of ORG_LEVELS.filter((l) => l !== t.level)) expect(refusalFor(t, { ...allowed, orgLevel: level }, fresh)).toBe('wrong_level');
          expect(refusalFor(t, { ...allowed, ownsItem: false, governsItem: false }, fresh)).toBe('not_your_item');
        }
      });

      it('refuses every checker step to whoever submitted or last edited the item', () => {
        for (const t of def.transitions.filter((x) => x.checker)) {
          const actor: ActorFacts = { id: 7, role: t.role, orgLevel: t.level ?? 'municipal', ownsItem: t.relation === 'own', governsItem: t.relation === 'government' };
          expect(refusalFor(t, actor, { ...fresh, submittedBy: 7 })).toBe('self_approval');
          expect(refusalFor(t, actor, { ...fresh, lastEditedBy: 7 })).toBe('self_approval');
        }
      });

      it('has no transition out of a stage it does not define, and every stage is reachable from the start', () => {
        const reached = new Set([def.initial]);
        for (let changed = true; changed; ) {
          changed = false;
          for (const t of def.transitions) {
            if (t.from.some((f) => reached.has(f)) && !reached.has(t.to)) {
              reached.add(t.to);
              changed = true;
            }
          }
        }
        expect([...reached].sort()).toEqual(def.stages.map((s) => s.code).sort());
      });
    });
  }

  it('follows the plan’s order for a project application', () => {
    const def = DEFAULT_DEFINITIONS.project_application;
    const path = ['submit', 'accept', 'pass', 'approve', 'fund', 'start', 'complete', 'evaluate', 'close'];
    let stage = def.initial;
    for (const action of path) stage = findTransition(def, stage, action)!.to;
    expect(stage).toBe('closed');
    expect(findTransition(def, 'draft', 'approve')).toBeUndefined();
    expect(findTransition(def, 'first_review', 'return')!.reason).toBe('required');
  });

  it('keeps the same person from reviewing and approving one batch', () => {
    const approve = findTransition(DEFAULT_DEFINITIONS.allocation_batch, 'reviewed', 'approve')!;
    const reviewer: ActorFacts = { id: 5, role: 'reviewer', orgLevel: 'municipal', ownsItem: true, governsItem: true };
    expect(refusalFor(approve, reviewer, { submittedBy: 2, lastEditedBy: 2, actorsSinceSubmission: [{ action: 'review', actorId: 5 }] })).toBe('same_checker');
    expect(refusalFor(approve, { ...reviewer, id: 6 }, { submittedBy: 2, lastEditedBy: 2, actorsSinceSubmission: [{ action: 'review', actorId: 5 }] })).toBeNull();
  });

  it('refuses definitions that name unknown stages or repeat an action', () => {
    const def = structuredClone(DEFAULT_DEFINITIONS.allocation_batch);
    def.transitions[0]!.to = 'nowhere';
    expect(definitionSchema.safeParse(def).error!.issues.map((i) => i.message)).toContain('workflow.unknownStage');
    const twice = structuredClone(DEFAULT_DEFINITIONS.allocation_batch);
    twice.transitions.push({ ...twice.transitions[0]! });
    expect(definitionSchema.safeParse(twice).error!.issues.map((i) => i.message)).toContain('workflow.duplicateAction');
  });

  it('sets deadlines by the stage’s days and lists exactly the changed fields', () => {
    const def = DEFAULT_DEFINITIONS.project_application;
    expect(dueAtFor(def, 'first_review', new Date('2026-03-01T00:00:00Z'))!.toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(dueAtFor(def, 'draft', new Date())).toBeNull();
    expect(diffSnapshots({ a: '1', t: [{ x: 1 }], same: 'y' }, { a: '2', t: [{ x: 1 }], same: 'y', added: true })).toEqual([
      { field: 'a', before: '1', after: '2' },
      { field: 'added', before: null, after: true },
    ]);
  });
});
