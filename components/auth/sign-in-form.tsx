'use client';

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { signInSchema, type SignInInput } from '@/lib/auth/schemas';

export interface SignInLabels {
  username: string;
  password: string;
  submit: string;
  submitting: string;
  invalid: string;
  throttled: string;
  required: string;
}

export function SignInForm({ labels, next }: { labels: SignInLabels; next: string }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });

  async function onSubmit(values: SignInInput) {
    setError(null);
    const res = await signIn('credentials', { ...values, redirect: false });
    if (!res || res.error) {
      setError(res?.error === 'throttled' ? labels.throttled : labels.invalid);
      return;
    }
    // A full navigation so the server renders the signed-in shell with fresh data.
    window.location.assign(next);
  }

  return (
    <form className="stack" onSubmit={handleSubmit(onSubmit)} noValidate>
      <label>
        {labels.username}
        <input autoComplete="username" {...register('username')} aria-invalid={!!formState.errors.username} />
      </label>
      {formState.errors.username && <span className="error">{labels.required}</span>}
      <label>
        {labels.password}
        <input type="password" autoComplete="current-password" {...register('password')} aria-invalid={!!formState.errors.password} />
      </label>
      {formState.errors.password && <span className="error">{labels.required}</span>}
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
