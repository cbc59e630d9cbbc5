import { getI18n } from '@/lib/i18n/server';

/** A set-password link that is unknown, used or expired: 404, with what to do next. */
export default async function PasswordLinkNotFound() {
  const { m } = await getI18n();
  return (
    <>
      <h1>{m.account.setPasswordTitle}</h1>
      <p className="error" data-testid="link-invalid">
        {m.account.linkInvalid}
      </p>
    </>
  );
}
