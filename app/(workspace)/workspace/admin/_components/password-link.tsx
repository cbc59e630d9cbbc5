'use client';

/** A freshly issued set-password link, shown once to the administrator who issued it. */
export function PasswordLink({ token, username, expiresAt, label, lead }: { token: string; username: string; expiresAt: string; label: string; lead: string }) {
  const url = `${window.location.origin}/password/${token}`;
  const expires = expiresAt.slice(0, 16).replace('T', ' ') + ' UTC';
  return (
    <div className="notice" role="status">
      <label>
        {label}
        <input readOnly value={url} size={60} data-testid="setup-link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="muted">{lead.replace('{expires}', expires).replace('{username}', username)}</p>
    </div>
  );
}
