/** Atom and JSON Feed rendering of the public change feed; pure, so tests read exactly what is served. */
export interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  author: string;
  updated: string;
  tags: string[];
}

export interface FeedMeta {
  title: string;
  selfUrl: string;
  homeUrl: string;
  updated: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toAtom(meta: FeedMeta, items: readonly FeedItem[]): string {
  const entries = items
    .map(
      (i) => `  <entry>
    <id>${esc(i.id)}</id>
    <title>${esc(i.title)}</title>
    <link href="${esc(i.url)}"/>
    <updated>${esc(i.updated)}</updated>
    <author><name>${esc(i.author)}</name></author>
${i.tags.map((t) => `    <category term="${esc(t)}"/>`).join('\n')}
    <summary>${esc(i.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(meta.selfUrl)}</id>
  <title>${esc(meta.title)}</title>
  <link rel="self" href="${esc(meta.selfUrl)}"/>
  <link href="${esc(meta.homeUrl)}"/>
  <updated>${esc(meta.updated)}</updated>
${entries}
</feed>
`;
}

export function toJsonFeed(meta: FeedMeta, items: readonly FeedItem[]): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    items: items.map((i) => ({ id: i.id, url: i.url, title: i.title, content_text: i.summary, date_modified: i.updated, authors: [{ name: i.author }], tags: i.tags })),
  };
}
