'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { ORG_LEVELS, type OrgLevel, type Role, ROLES, type WorkflowKind } from '@/lib/domain/vocabulary';
import { publishDefinitionAction } from '@/lib/actions/workflow';
// Types only: the domain module hashes with node:crypto and stays on the server.
import type { WorkflowDefinition, WorkflowEffect } from '@/lib/domain/workflow';
import type { Locale } from '@/lib/i18n';
import type { Messages } from '@/lib/i18n/zh';

type Stage = WorkflowDefinition['stages'][number];
type Transition = WorkflowDefinition['transitions'][number];

const blankStage = (): Stage => ({ code: '', name: '', nameEn: '', days: null, editable: false, public: true });
const blankTransition = (to: string): Transition => ({
  action: '', name: '', nameEn: '', from: [], to, role: 'reviewer', relation: 'government', reason: 'none', checker: false, notBy: [], automatic: false, effects: [],
});

/**
 * The active definition of a kind, edited field by field: stages and their actions as rows,
 * choices as lists and boxes. Publishing makes a new version for new items only; the server
 * validates every field and its message shows beside that field.
 */
export function DefinitionEditor({
  kind,
  definition,
  effects,
  w,
  roles,
  levels,
  locale,
}: {
  kind: WorkflowKind;
  definition: WorkflowDefinition;
  /** The effects an action of this kind of item may have. */
  effects: readonly WorkflowEffect[];
  w: Messages['workflow'];
  roles: Record<Role, string>;
  levels: Record<OrgLevel, string>;
  locale: Locale;
}) {
  const colon = locale === 'zh' ? '：' : ': ';
  const router = useRouter();
  const e = w.editor;
  const [def, setDef] = useState<WorkflowDefinition>(definition);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const stageCodes = def.stages.map((s) => s.code).filter(Boolean);
  const actionCodes = [...new Set(def.transitions.map((t) => t.action).filter(Boolean))];

  const setStage = (i: number, patch: Partial<Stage>) => setDef((d) => ({ ...d, stages: d.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const setTransition = (i: number, patch: Partial<Transition>) => setDef((d) => ({ ...d, transitions: d.transitions.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const toggle = <T extends string>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value));
  const err = (path: string): ReactNode =>
    errors[path] ? (
      <span className="field-error" data-testid={`error-${kind}-${path}`}>
        {errors[path]}
      </span>
    ) : null;

  async function publish() {
    setPending(true);
    const res = await publishDefinitionAction(kind, def);
    setPending(false);
    if (res.ok) {
      setErrors({});
      setStatus({ ok: true, text: w.definitionPublished.replace('{version}', String(res.data.version)) });
      router.refresh();
    } else {
      setErrors(res.fieldErrors ?? {});
      setStatus({ ok: false, text: res.message });
    }
  }

  return (
    <div className="stack" data-testid={`definition-${kind}`}>
      <h3>{e.stages}</h3>
      <div className="table-wrap">
        <table data-testid={`stages-${kind}`}>
          <thead>
            <tr>
              <th>{e.code}</th>
              <th>{e.name}</th>
              <th>{e.nameEn}</th>
              <th>{e.days}</th>
              <th>{e.editable}</th>
              <th>{e.public}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {def.stages.map((s, i) => (
              <tr key={i}>
                <td>
                  <input aria-label={`${e.code} ${i + 1}`} value={s.code} size={14} onChange={(ev) => setStage(i, { code: ev.target.value.trim() })} />
                  {err(`stages.${i}.code`)}
                </td>
                <td>
                  <input aria-label={`${e.name} ${i + 1}`} value={s.name} size={8} onChange={(ev) => setStage(i, { name: ev.target.value })} />
                  {err(`stages.${i}.name`)}
                </td>
                <td>
                  <input aria-label={`${e.nameEn} ${i + 1}`} value={s.nameEn} size={16} onChange={(ev) => setStage(i, { nameEn: ev.target.value })} />
                  {err(`stages.${i}.nameEn`)}
                </td>
                <td>
                  <input
                    aria-label={`${e.days} ${i + 1}`}
                    type="number"
                    min={1}
                    max={365}
                    style={{ width: '5em' }}
                    value={s.days ?? ''}
                    onChange={(ev) => setStage(i, { days: ev.target.value.trim() === '' ? null : Number(ev.target.value) })}
                  />
                  {err(`stages.${i}.days`)}
                </td>
                <td>
                  <input type="checkbox" aria-label={`${e.editable} ${i + 1}`} checked={s.editable} onChange={(ev) => setStage(i, { editable: ev.target.checked })} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${e.public} ${i + 1}`} checked={s.public} onChange={(ev) => setStage(i, { public: ev.target.checked })} />
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => setDef((d) => ({ ...d, stages: d.stages.filter((_, j) => j !== i) }))}>
                    {e.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {err('stages')}
      <p>
        <button type="button" className="secondary" onClick={() => setDef((d) => ({ ...d, stages: [...d.stages, blankStage()] }))}>
          {e.addStage}
        </button>
      </p>
      <label>
        {e.initial}
        <select value={def.initial} onChange={(ev) => setDef((d) => ({ ...d, initial: ev.target.value }))}>
          {stageCodes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {err('initial')}
      </label>
      <label>
        {e.submitAction}
        <select value={def.submitAction} onChange={(ev) => setDef((d) => ({ ...d, submitAction: ev.target.value }))}>
          {actionCodes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {err('submitAction')}
      </label>

      <h3>{e.transitions}</h3>
      {def.transitions.map((t, i) => (
        <fieldset key={i} className="stack" data-testid={`transition-${kind}-${t.action || i}`}>
          <legend>
            {t.action || `#${i + 1}`} · {locale === 'en' && t.nameEn ? t.nameEn : <span lang="zh-CN">{t.name}</span>}
          </legend>
          {err(`transitions.${i}`)}
          <label>
            {e.action}
            <input value={t.action} onChange={(ev) => setTransition(i, { action: ev.target.value.trim() })} />
            {err(`transitions.${i}.action`)}
          </label>
          <label>
            {e.name}
            <input value={t.name} onChange={(ev) => setTransition(i, { name: ev.target.value })} />
            {err(`transitions.${i}.name`)}
          </label>
          <label>
            {e.nameEn}
            <input value={t.nameEn} onChange={(ev) => setTransition(i, { nameEn: ev.target.value })} />
            {err(`transitions.${i}.nameEn`)}
          </label>
          <div role="group" aria-label={e.from}>
            {e.from}
            {colon}
            {stageCodes.map((c) => (
              <label key={c} className="inline-form">
                <input type="checkbox" checked={t.from.includes(c)} onChange={(ev) => setTransition(i, { from: toggle(t.from, c, ev.target.checked) })} />
                {c}
              </label>
            ))}
            {err(`transitions.${i}.from`)}
          </div>
          <label>
            {e.to}
            <select value={t.to} onChange={(ev) => setTransition(i, { to: ev.target.value })}>
              {!stageCodes.includes(t.to) && <option value={t.to}>{t.to}</option>}
              {stageCodes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {err(`transitions.${i}.to`)}
          </label>
          <label>
            {e.role}
            <select value={t.role} onChange={(ev) => setTransition(i, { role: ev.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roles[r]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {e.level}
            <select value={t.level ?? ''} onChange={(ev) => setTransition(i, { level: ev.target.value ? (ev.target.value as OrgLevel) : undefined })}>
              <option value="">{e.anyLevel}</option>
              {ORG_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {levels[l]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {e.relation}
            <select value={t.relation} onChange={(ev) => setTransition(i, { relation: ev.target.value as Transition['relation'] })}>
              <option value="own">{e.relationOwn}</option>
              <option value="government">{e.relationGovernment}</option>
            </select>
          </label>
          <label>
            {e.reason}
            <select value={t.reason} onChange={(ev) => setTransition(i, { reason: ev.target.value as Transition['reason'] })}>
              <option value="none">{e.reasonNone}</option>
              <option value="optional">{e.reasonOptional}</option>
              <option value="required">{e.reasonRequired}</option>
            </select>
          </label>
          <label className="inline-form">
            <input type="checkbox" checked={t.checker} onChange={(ev) => setTransition(i, { checker: ev.target.checked })} />
            {e.checker}
          </label>
          <label className="inline-form">
            <input type="checkbox" checked={t.automatic} onChange={(ev) => setTransition(i, { automatic: ev.target.checked })} />
            {e.automatic}
          </label>
          <div role="group" aria-label={e.notBy}>
            {e.notBy}
            {colon}
            {actionCodes
              .filter((c) => c !== t.action)
              .map((c) => (
                <label key={c} className="inline-form">
                  <input type="checkbox" checked={t.notBy.includes(c)} onChange={(ev) => setTransition(i, { notBy: toggle(t.notBy, c, ev.target.checked) })} />
                  {c}
                </label>
              ))}
          </div>
          {effects.length > 0 && (
            <div role="group" aria-label={e.effects}>
              {e.effects}
              {colon}
              {effects.map((x: WorkflowEffect) => (
                <label key={x} className="inline-form">
                  <input type="checkbox" checked={t.effects.includes(x)} onChange={(ev) => setTransition(i, { effects: toggle(t.effects, x, ev.target.checked) })} />
                  {e.effectNames[x]}
                </label>
              ))}
              {err(`transitions.${i}.effects`)}
            </div>
          )}
          <p>
            <button type="button" className="link-button" onClick={() => setDef((d) => ({ ...d, transitions: d.transitions.filter((_, j) => j !== i) }))}>
              {e.remove}
            </button>
          </p>
        </fieldset>
      ))}
      {err('transitions')}
      <p>
        <button type="button" className="secondary" onClick={() => setDef((d) => ({ ...d, transitions: [...d.transitions, blankTransition(stageCodes[0] ?? '')] }))}>
          {e.addTransition}
        </button>
      </p>
      <button type="button" className="primary" onClick={publish} disabled={pending} data-testid={`publish-${kind}`}>
        {w.publishDefinition}
      </button>
      {status && (
        <p className={status.ok ? 'ok' : 'error'} role="status">
          {status.text}
        </p>
      )}
    </div>
  );
}
