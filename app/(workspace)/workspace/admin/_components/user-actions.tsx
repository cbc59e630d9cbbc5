'use client';

import { useActionState } from 'react';
import { changeUserRoleAction, issuePasswordLinkAction, setDemoVisibleAction, setUserOrganisationAction, setUserStatusAction } from '@/lib/actions/admin';
import type { ActionResult } from '@/lib/errors';
import { PasswordLink } from './password-link';

type Result = ActionResult<null> | null;

function Feedback({ state, saved }: { state: Result; saved: string }) {
  if (!state) return null;
  return state.ok ? <span className="ok">{saved}</span> : <span className="error" role="alert">{state.message}</span>;
}

export function UserStatusForm({ userId, disabled, label, saved }: { userId: number; disabled: boolean; label: string; saved: string }) {
  const [state, action, pending] = useActionState<Result, FormData>(setUserStatusAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={String(!disabled)} />
      <button className="secondary" type="submit" disabled={pending} data-testid={`toggle-user-${userId}`}>
        {label}
      </button>
      <Feedback state={state} saved={saved} />
    </form>
  );
}

export function UserRoleForm({ userId, role, roles, label, saved }: { userId: number; role: string; roles: [string, string][]; label: string; saved: string }) {
  const [state, action, pending] = useActionState<Result, FormData>(changeUserRoleAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <select name="role" defaultValue={role} aria-label={label}>
        {roles.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <button className="secondary" type="submit" disabled={pending}>
        {label}
      </button>
      <Feedback state={state} saved={saved} />
    </form>
  );
}

export function DemoVisibilityForm({ visible, label, saved }: { visible: boolean; label: string; saved: string }) {
  const [state, action, pending] = useActionState<Result, FormData>(setDemoVisibleAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="visible" value={String(!visible)} />
      <button className="secondary" type="submit" disabled={pending} data-testid="toggle-demo">
        {label}
      </button>
      <Feedback state={state} saved={saved} />
    </form>
  );
}

type LinkResult = ActionResult<{ userId: number; username: string; token: string; expiresAt: string }> | null;

/** Issues a new set-password link (a forgotten password); the link shows here once. */
export function PasswordLinkForm({ userId, label, linkLabel, linkLead }: { userId: number; label: string; linkLabel: string; linkLead: string }) {
  const [state, action, pending] = useActionState<LinkResult, FormData>(issuePasswordLinkAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <button className="secondary" type="submit" disabled={pending} data-testid={`issue-link-${userId}`}>
        {label}
      </button>
      {state && !state.ok && (
        <span className="error" role="alert">
          {state.message}
        </span>
      )}
      {state?.ok && <PasswordLink {...state.data} label={linkLabel} lead={linkLead} />}
    </form>
  );
}

/** Moves a user to another organisation; only organisations the user's role fits are offered. */
export function UserOrganisationForm({ userId, organisationId, choices, label, saved }: { userId: number; organisationId: number; choices: { id: number; label: string }[]; label: string; saved: string }) {
  const [state, action, pending] = useActionState<Result, FormData>(setUserOrganisationAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <select name="organisationId" defaultValue={organisationId} aria-label={label}>
        {choices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <button className="secondary" type="submit" disabled={pending}>
        {label}
      </button>
      <Feedback state={state} saved={saved} />
    </form>
  );
}
