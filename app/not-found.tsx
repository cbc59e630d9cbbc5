import Link from 'next/link';
import { getI18n } from '@/lib/i18n/server';

export default async function NotFound() {
  const { m } = await getI18n();
  return (
    <>
      <h1>{m.errors.notFoundTitle}</h1>
      <Link href="/">{m.errors.back}</Link>
    </>
  );
}
