'use client';

import { useActionState, useState } from 'react';
import { ORG_KINDS, ORG_LEVELS, type OrgKind, type OrgLevel } from '@/lib/domain/vocabulary';
import { createOrganisationAction } from '@/lib/actions/admin';
import { placementRefusal } from '@/lib/domain/organisation-rules';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';

type Result = ActionResult<{ id: number }> | null;

/** New organisation: the parent list offers only parents valid for the chosen level and kind; the server checks again. */
export function OrganisationForm({ organisations, a, levels }: { organisations: { id: number; label: string; level: OrgLevel; kind: OrgKind }[]; a: Messages['admin']; levels: Record<OrgLevel, string> }) {
  const [state, action, pending] = useActionState<Result, FormData>(createOrganisationAction, null);
  const [level, setLevel] = useState<OrgLevel>('county');
  const [kind, setKind] = useState<OrgKind>('government');
  const parents = organisations.filter((o) => placementRefusal({ level, kind }, o) === null);
  const rootAllowed = placementRefusal({ level, kind }, null) === null;
  const err = (field: string) =>
    state && !state.ok && state.fieldErrors?.[field] ? (
      <span className="field-error" data-testid={`error-${field}`}>
        {state.fieldErrors[field]}
      </span>
    ) : null;
  return (
    <form action={action} className="stack" data-testid="create-organisation">
      <label>
        {a.code}
        <input name="code" required maxLength={40} autoComplete="off" />
        {err('code')}
      </label>
      <label>
        {a.orgName}
        <input name="name" required maxLength={100} />
        {err('name')}
      </label>
      <label>
        {a.nameEn}
        <input name="nameEn" required maxLength={200} />
        {err('nameEn')}
      </label>
      <label>
        {a.level}
        <select name="level" value={level} onChange={(e) => setLevel(e.target.value as OrgLevel)}>
          {ORG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {levels[l]}
            </option>
          ))}
        </select>
        {err('level')}
      </label>
      <label>
        {a.kind}
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as OrgKind)}>
          {ORG_KINDS.map((k) => (
            <option key={k} value={k}>
              {a.orgKinds[k]}
            </option>
          ))}
        </select>
        {err('kind')}
      </label>
      <label>
        {a.parent}
        <select name="parentId" defaultValue="" key={`${level}:${kind}`}>
          <option value="" disabled={!rootAllowed}>
            {rootAllowed ? a.noParent : a.choose}
          </option>
          {parents.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        {err('parentId')}
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {a.create}
      </button>
      {state?.ok && (
        <p className="ok" role="status">
          {a.saved}
        </p>
      )}
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
