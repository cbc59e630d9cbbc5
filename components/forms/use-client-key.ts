'use client';

import { useCallback, useState } from 'react';

/** One idempotency key per intended write: kept across retries, renewed after a success. */
export function useClientKey() {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  return [key, renew] as const;
}
