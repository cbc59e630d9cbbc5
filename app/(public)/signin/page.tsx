import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeNext } from '@/lib/auth/safe-next';
import { getActor } from '@/lib/dal/auth/session';
import { getI18n } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';


export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
  if (await getActor()) redirect(next);
  const { m } = await getI18n();
  return (
    <>
      <h1>{m.auth.title}</h1>
      <SignInForm
        next={next}
        labels={{ username: m.auth.username, password: m.auth.password, submit: m.auth.submit, submitting: m.auth.submitting, invalid: m.auth.invalid, throttled: m.auth.throttled, required: m.auth.required }}
      />
      <p className="muted">{m.auth.demoHint}</p>
    </>
  );
}
