/** A calendar day in China (YYYY-MM-DD) as the date-time OC4IDS asks for: its start in UTC+8. */
export const chinaDayStart = (day: string) => `${day}T00:00:00+08:00`;

/** The later of two ISO 8601 instants (either may be absent). */
export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
