type HeaderGetter = { get(name: string): string | null };

const hostOf = (value: string): string | null => {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * Whether a state-changing request comes from the portal's own pages, by the same rule Next
 * applies to server actions: a present Origin must name the host the request was sent to (or the
 * public URL in NEXTAUTH_URL); a browser's Sec-Fetch-Site must not say another site. A request
 * without either header is not a cross-site browser request (browsers send Origin on every POST).
 */
export function isSameOriginRequest(headers: HeaderGetter, publicUrl: string | undefined = process.env.NEXTAUTH_URL): boolean {
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.get('origin');
  if (origin === null) return true;
  const originHost = hostOf(origin);
  if (!originHost) return false;
  const requestHost = (headers.get('x-forwarded-host') ?? headers.get('host') ?? '').split(',')[0]!.trim().toLowerCase();
  if (requestHost && originHost === requestHost) return true;
  return !!publicUrl && originHost === hostOf(publicUrl);
}
