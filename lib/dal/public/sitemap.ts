import 'server-only';
import type { Queryable } from '@/db/client';
import { listPublicSeries } from './disclosure';

export const PUBLIC_PAGES = ['/', '/catalogue', '/allocations', '/disclosure', '/disclosure/withheld', '/disclosure/completeness'] as const;

/** Public pages and every public publication series; built from the public views only. */
export async function sitemapEntries(origin: string, db?: Queryable): Promise<{ url: string; lastModified?: Date }[]> {
  const series = await listPublicSeries(db);
  return [...PUBLIC_PAGES.map((p) => ({ url: `${origin}${p}` })), ...series.map((s) => ({ url: `${origin}/disclosure/publications/${s.id}`, lastModified: new Date(s.publishedAt) }))];
}
