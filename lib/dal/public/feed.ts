import 'server-only';
import type { Queryable } from '@/db/client';
import { jsonFeedSchema } from '@/lib/api/public-schemas';
import { isCalendarDay, PUBLIC_CODE as CODE } from '@/lib/api/publication-query';
import { toAtom, toJsonFeed, type FeedItem } from '@/lib/domain/feed';
import { listFeedEntries, type FeedFilter } from './disclosure';

/** Filters from the query string; anything malformed is ignored rather than echoed back. */
export function feedFilterOf(params: URLSearchParams): FeedFilter {
  const pick = (k: string, re: RegExp) => {
    const v = params.get(k)?.trim();
    return v && re.test(v) ? v : undefined;
  };
  const since = params.get('since')?.trim();
  return { programme: pick('programme', CODE), county: pick('county', CODE), project: pick('project', CODE), since: since && isCalendarDay(since) ? since : undefined };
}

/** The change feed as served by /api/public/feed/{atom,json}. */
export async function renderFeed(format: 'atom' | 'json', url: URL, db?: Queryable): Promise<{ body: string; contentType: string }> {
  const filter = feedFilterOf(url.searchParams);
  const entries = await listFeedEntries(filter, db);
  const origin = url.origin;
  const self = new URL(url.pathname, origin);
  for (const [k, v] of Object.entries(filter)) if (v) self.searchParams.set(k, v);
  const items: FeedItem[] = entries.map((e) => ({
    id: `${origin}/disclosure/publications/${e.id}`,
    url: `${origin}/disclosure/publications/${e.id}`,
    title: e.version > 1 ? `${e.title}（第 ${e.version} 版更正）` : e.title,
    summary: [e.notice, e.changeReason ? `更正理由：${e.changeReason}` : null, `SHA-256 ${e.contentHash}`].filter(Boolean).join('\n'),
    author: e.issuerName,
    updated: new Date(e.publishedAt).toISOString(),
    tags: [e.kind, ...(e.isDemo ? ['demo'] : [])],
  }));
  const meta = { title: '阳泉市生态修复资金公开 · 更新', selfUrl: self.toString(), homeUrl: `${origin}/disclosure`, updated: items[0]?.updated ?? new Date(0).toISOString() };
  if (format === 'atom') return { body: toAtom(meta, items), contentType: 'application/atom+xml; charset=utf-8' };
  return { body: JSON.stringify(jsonFeedSchema.parse(toJsonFeed(meta, items))), contentType: 'application/feed+json; charset=utf-8' };
}
