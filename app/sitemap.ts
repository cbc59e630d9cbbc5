import type { MetadataRoute } from 'next';
import { sitemapEntries } from '@/lib/dal/public/sitemap';

export const dynamic = 'force-dynamic';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  return sitemapEntries(origin);
}
