import 'server-only';
import { EVERYTHING, PUBLIC_CHANGE_CHANNEL } from './public-change-channel';

/** What the cache needs of the database: its notification channel (the database client provides it). */
export interface ChangeNotices {
  listen(channel: string, onPayload: (payload: string) => void, onListen: () => void): Promise<unknown>;
}

interface ResponseCacheHandle {
  invalidate(tags: string[]): void;
  clear(): void;
}

const CACHE_KEY = Symbol.for('portal.responseCache');

/** The response cache the server preload installed in this process, if any (none under `next dev` or in tests). */
function responseCache(): ResponseCacheHandle | undefined {
  return (globalThis as Record<symbol, unknown>)[CACHE_KEY] as ResponseCacheHandle | undefined;
}

/** Applies one announcement; an unreadable one drops everything rather than keep a stale answer. */
export function applyPublicChange(cache: ResponseCacheHandle, payload: string): void {
  let tags: unknown;
  try {
    tags = JSON.parse(payload);
  } catch {
    tags = null;
  }
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string') || tags.includes(EVERYTHING)) cache.clear();
  else cache.invalidate(tags);
}

/**
 * Every instance drops the answers a committed change touched. When listening (re)starts, notices
 * may have been missed, so everything kept so far is dropped.
 */
export async function listenForPublicChanges(database: ChangeNotices): Promise<void> {
  const cache = responseCache();
  if (!cache) return;
  await database.listen(PUBLIC_CHANGE_CHANNEL, (payload) => applyPublicChange(cache, payload), () => cache.clear());
}
