/** The client address as the nearest proxy saw it: the rightmost X-Forwarded-For entry cannot be forged by the client. */
export function clientIpFrom(forwardedFor: string | string[] | null | undefined): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const parts = header.split(',').map((p) => p.trim()).filter(Boolean);
  return parts.at(-1) ?? 'unknown';
}
