import 'server-only';
import { showsPublicRecord } from '@/lib/cache/public-tags';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { rowsOf, type Queryable } from '@/db/client';
import { listCounties } from './counties';
import { listPublicSeries } from './disclosure';

export const PUBLIC_PAGES = ['/', '/projects', '/catalogue', '/allocations', '/targets', '/data', '/disclosure', '/disclosure/withheld', '/disclosure/completeness'] as const;

/** Public pages, every public project and county, and every public publication series; built from the public views only. */
export async function sitemapEntries(origin: string, db?: Queryable): Promise<{ url: string; lastModified?: Date }[]> {
  const q = db ?? (await getDb());
  showsPublicRecord();
  const [series, counties, projects] = await Promise.all([
    listPublicSeries(q),
    listCounties(q),
    q.execute(sql`select code from public_projects order by code`).then((r) => rowsOf<{ code: string }>(r)),
  ]);
  return [
    ...PUBLIC_PAGES.map((p) => ({ url: `${origin}${p}` })),
    ...counties.map((c) => ({ url: `${origin}/counties/${c.code}` })),
    ...projects.map((p) => ({ url: `${origin}/projects/${encodeURIComponent(p.code)}` })),
    ...series.map((s) => ({ url: `${origin}/disclosure/publications/${s.id}`, lastModified: new Date(s.publishedAt) })),
  ];
}
