import Link from 'next/link';
import { getI18n } from '@/lib/i18n/server';

export default async function Forbidden() {
  const { m } = await getI18n();
  return (
    <>
      <h1 data-testid="forbidden">{m.errors.forbiddenTitle}</h1>
      <p>{m.errors.forbiddenBody}</p>
      <Link href="/">{m.errors.back}</Link>
    </>
  );
}
