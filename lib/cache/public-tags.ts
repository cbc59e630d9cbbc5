import 'server-only';
import type { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a public answer shows, said by the public data layer while it reads, so the response cache
 * (lib/cache/response-cache.mjs, installed in the server process) can keep the answer and drop it
 * when a change touches one of these. Outside a cached request (signed-in readers, tests, dev
 * server) this does nothing.
 *
 * - `public`: anything listing or summing across the public record (home, lists, feeds, exports);
 *   every public change touches it.
 * - `programme:<code>`, `project:<code>`, `org:<code>`: one item's own page and what it draws from
 *   (public codes, as in the addresses).
 */
export type PublicTag = 'public' | `programme:${string}` | `project:${string}` | `org:${string}`;

const STORAGE_KEY = Symbol.for('portal.responseCache.requestTags');

export const publicTag = {
  programme: (code: string): PublicTag => `programme:${code}`,
  project: (code: string): PublicTag => `project:${code}`,
  org: (code: string): PublicTag => `org:${code}`,
};

/** Marks the answer being rendered as showing these items; call it where the data is read. */
export function shows(...tags: PublicTag[]): void {
  const storage = (globalThis as Record<symbol, unknown>)[STORAGE_KEY] as AsyncLocalStorage<{ tags: Set<string> }> | undefined;
  const store = storage?.getStore();
  if (store) for (const tag of tags) store.tags.add(tag);
}

/** For pages that list or sum across the public record. */
export function showsPublicRecord(): void {
  shows('public');
}
