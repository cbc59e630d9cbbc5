import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The response cache keeps a public answer only with the tags its render named, and drops it when a
 * change names one of them. A public read that names nothing on a page that names something else
 * would be kept and go stale: so every exported read of the public data layer names what it shows,
 * or is listed here with the reason it need not.
 */
const NEED_NO_TAGS: Record<string, string> = {
  listCounties: 'reference data: the counties and their names do not change through the portal',
  organisationNamesEn: 'reference data: English names of organisations',
  organisationNamesEnByName: 'reference data: English names of organisations',
  flowsCte: 'a SQL fragment; the reads that use it name what they show',
  getPublicProject: 'reads through searchProjects with the code, which names the project',
  renderFeed: 'reads through listFeedEntries, which names the public record',
  publicTimeline: 'read by the signed-in workspace only, which is never cached',
  listCatalogueEntries: 'reads through getCatalogue, which names the catalogue',
  transferLinesBatch: 'read by the bulk exports only, which the response cache never keeps (lib/cache/response-cache.mjs)',
  publicationsBatch: 'read by the bulk exports only, which the response cache never keeps (lib/cache/response-cache.mjs)',
};

const dir = path.resolve(__dirname, '..', '..', 'lib', 'dal', 'public');

function exportedReads(): { name: string; body: string }[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).flatMap((file) => {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const starts = [...source.matchAll(/^export async function (\w+)\(/gm)];
    return starts.map((m) => {
      const end = source.indexOf('\nexport ', m.index! + 1);
      return { name: m[1]!, body: source.slice(m.index!, end === -1 ? undefined : end) };
    });
  });
}

describe('public reads name what they show', () => {
  const reads = exportedReads();

  it('finds the public data layer', () => {
    expect(reads.length).toBeGreaterThan(20);
  });

  it.each(reads.map((r) => [r.name, r] as const))('%s names its tags or says why not', (name, read) => {
    const named = /\bshows(PublicRecord)?\(/.test(read.body);
    if (name in NEED_NO_TAGS) expect(named, `${name} is listed as needing no tags but names some: take it off the list`).toBe(false);
    else expect(named, `${name} reads public data without naming what it shows (lib/cache/public-tags.ts)`).toBe(true);
  });

  it('lists no read that no longer exists', () => {
    const names = new Set(reads.map((r) => r.name));
    expect(Object.keys(NEED_NO_TAGS).filter((n) => !names.has(n))).toEqual([]);
  });
});
