'use client';

/** Shown for unexpected failures: a generic message; the detail stays in the server log. */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  const zh = typeof document !== 'undefined' ? document.documentElement.lang !== 'en' : true;
  return (
    <>
      <h1>{zh ? '系统出现错误' : 'Something went wrong'}</h1>
      <p>
        {zh ? '请稍后再试。' : 'Please try again later.'} {error.digest && <code>{error.digest}</code>}
      </p>
    </>
  );
}
