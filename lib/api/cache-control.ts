/**
 * Cache-Control of the public API. A publication can be withheld after release, and the public
 * addresses do not change when that happens; so a shared cache (CDN, proxy) may keep a public
 * answer only briefly, and a file only as long as the server confirms it on every use.
 */

/**
 * JSON, CSV, feeds and public pages: a browser asks again each time (an ETag makes that cheap), a
 * shared cache may answer for a second and one more while it asks; so a withholding reaches every
 * reader within about 2 s. The same policy as the response cache's copies (lib/cache/response-cache.mjs).
 */
export const PUBLIC_BRIEF = 'public, max-age=0, s-maxage=1, stale-while-revalidate=1';

/** Published files: stored, but revalidated (ETag) on every use, so a withheld file is gone at once. */
export const PUBLIC_REVALIDATE = 'public, no-cache';

/** Answers that must not be kept anywhere: refusals and anything not public. */
export const NO_STORE = 'no-store';
