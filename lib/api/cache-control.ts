/**
 * Cache-Control of the public API. A publication can be withheld after release, and the public
 * addresses do not change when that happens; so a shared cache (CDN, proxy) may keep a public
 * answer only briefly, and a file only as long as the server confirms it on every use.
 */

/** JSON, CSV and feeds: at most a minute in any cache, then asked again. */
export const PUBLIC_BRIEF = 'public, max-age=60, must-revalidate';

/** Published files: stored, but revalidated (ETag) on every use, so a withheld file is gone at once. */
export const PUBLIC_REVALIDATE = 'public, no-cache';

/** Answers that must not be kept anywhere: refusals and anything not public. */
export const NO_STORE = 'no-store';
