export const DEFAULT_NEXT = '/workspace';

const BASE = 'http://portal.invalid';
const MAX_LENGTH = 2048;

/** Decodes percent-escapes until stable (bounded), so double-encoded tricks are seen as what they become. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

const isSameOriginPath = (path: string) => path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');

/**
 * A return target after sign-in: only a path on this site, after normalisation. Backslashes,
 * encoded slashes or backslashes, control characters, schemes and protocol-relative forms are
 * refused, because browsers read `/\evil.example` or `/%5Cevil.example` as another host.
 */
export function safeNext(value: unknown, fallback: string = DEFAULT_NEXT): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return fallback;
  if (!isSameOriginPath(raw)) return fallback;
  const decoded = fullyDecoded(raw);
  if (decoded === null) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(decoded)) return fallback;
  if (/%(2f|5c)/i.test(raw) || !isSameOriginPath(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  return isSameOriginPath(normalised) ? normalised : fallback;
}

/** next-auth's redirect target: a same-site path or URL on the portal's own origin, else the home page. */
export function safeCallbackUrl(url: string, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return '/';
  }
  let target = url;
  if (/^https?:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      if (parsed.origin !== base.origin) return base.origin;
      target = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    } catch {
      return base.origin;
    }
  }
  const path = safeNext(target, '/');
  return `${base.origin}${path}`;
}
