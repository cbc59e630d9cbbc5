/** The calendar date in China (UTC+8, no daylight saving), where documents are dated. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
