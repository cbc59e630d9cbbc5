'use client';

import { useActionState, useState } from 'react';
import type { OrgKind, Role } from '@/lib/domain/vocabulary';
import { createUserAction } from '@/lib/actions/admin';
import { roleFitsOrganisation } from '@/lib/domain/organisation-rules';
import type { ActionResult } from '@/lib/errors';
import type { Messages } from '@/lib/i18n/zh';
import { PasswordLink } from './password-link';

type Result = ActionResult<{ userId: number; username: string; token: string; expiresAt: string }> | null;
export interface OrgChoice {
  id: number;
  label: string;
  kind: OrgKind;
}

/** New account: the organisation list offers only organisations the chosen role may belong to; the server checks again. */
export function CreateUserForm({ roles, organisations, a }: { roles: [Role, string][]; organisations: OrgChoice[]; a: Messages['admin'] }) {
  const [state, action, pending] = useActionState<Result, FormData>(createUserAction, null);
  const [role, setRole] = useState<Role>(roles[0]![0]);
  const fits = organisations.filter((o) => roleFitsOrganisation(role, o.kind));
  const err = (field: string) =>
    state && !state.ok && state.fieldErrors?.[field] ? (
      <span className="field-error" data-testid={`error-${field}`}>
        {state.fieldErrors[field]}
      </span>
    ) : null;
  return (
    <form action={action} className="stack" data-testid="create-user">
      <p className="muted">{a.createUserLead}</p>
      <label>
        {a.username}
        <input name="username" required maxLength={40} autoComplete="off" placeholder={a.usernameHint} />
        {err('username')}
      </label>
      <label>
        {a.name}
        <input name="displayName" required maxLength={60} />
        {err('displayName')}
      </label>
      <label>
        {a.role}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        {err('role')}
      </label>
      <label>
        {a.organisation}
        <select name="organisationId" required defaultValue="" key={role}>
          <option value="" disabled>
            {a.choose}
          </option>
          {fits.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        {err('organisationId')}
      </label>
      <button type="submit" className="primary" disabled={pending}>
        {a.create}
      </button>
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
      {state?.ok && <PasswordLink {...state.data} label={a.setupLink} lead={a.setupLinkLead} />}
    </form>
  );
}
