/** The calendar date in China (UTC+8, no daylight saving), where documents are dated. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** An instant as read in China, to the minute: "2026-11-30 14:05". */
export function chinaDateTime(at: Date | string): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
