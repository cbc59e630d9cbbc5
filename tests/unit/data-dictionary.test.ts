import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { PUBLIC_ENDPOINTS } from '@/lib/api/public-schemas';
import { API_CHANGELOG, CODE_LISTS, DATASETS } from '@/lib/opendata/dictionary';
import { FIELDS, fieldDoc, type CodeListId } from '@/lib/opendata/fields';
import { schemaFields } from '@/lib/opendata/schema-fields';
import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';

type OpenApiDoc = { paths: Record<string, { get: { responses: { '200': { content: Record<string, { schema: unknown }> } } } }> };
const doc = buildOpenApi() as OpenApiDoc;
/** Answers that follow an exchange standard (IATI, OC4IDS): their fields are the standard's, which /data links to. */
const STANDARD_PATHS = new Set(DATASETS.filter((d) => d.standard).flatMap((d) => d.addresses.map((a) => a.href)));
const ownPaths = () => Object.keys(doc.paths).filter((path) => !STANDARD_PATHS.has(path));
const documented = (path: string) =>
  schemaFields(doc.paths[path]!.get.responses['200'].content['application/json']!.schema)
    .map((f) => f.path)
    .filter((p) => !p.endsWith('[]'));

describe('the data dictionary (/data)', () => {
  it('has an entry, in Chinese and English, for every field of every JSON answer in the OpenAPI document', () => {
    const missing: string[] = [];
    for (const path of ownPaths()) {
      for (const field of documented(path)) {
        const entry = fieldDoc(path, field);
        if (!entry || !entry.zh.trim() || !entry.en.trim()) missing.push(`${path} ${field}`);
      }
    }
    expect(missing, 'document these fields in lib/opendata/fields.ts').toEqual([]);
    // The walk itself reaches nested fields, so an undocumented one cannot hide.
    expect(documented('/api/public/publications')).toContain('publications[].content.lines[].to.countyCode');
    expect(documented('/api/public/bulk/transfers')).toContain('[].programme.level');
  });

  it('documents no field the answers do not have (entries do not outlive their fields)', () => {
    const stale = Object.entries(FIELDS).flatMap(([path, fields]) => {
      if (!doc.paths[path]) return [`${path} (no such path)`];
      const real = new Set(documented(path));
      return Object.keys(fields).filter((f) => !real.has(f)).map((f) => `${path} ${f}`);
    });
    expect(stale).toEqual([]);
  });

  it('lists every public JSON path as a dataset, each with its frequency and 数据截至 source', () => {
    const listed = new Set([...DATASETS.flatMap((d) => d.openapi), ...STANDARD_PATHS]);
    for (const e of PUBLIC_ENDPOINTS) expect(listed, e.path).toContain(e.path);
    for (const path of ['/api/public/bulk/transfers', '/api/public/bulk/publications', '/api/public/iati/activities.xml', '/api/public/oc4ids/projects.json', '/api/public/feed/atom']) {
      expect(DATASETS.some((d) => d.addresses.some((a) => a.href.startsWith(path))), path).toBe(true);
    }
    expect(new Set(DATASETS.map((d) => d.id)).size).toBe(DATASETS.length);
  });

  it('names every code of every code list in both languages, and every code list a field uses exists', () => {
    for (const [id, list] of Object.entries(CODE_LISTS)) {
      for (const messages of [zh, en]) {
        const names = list.names(messages as never, messages === en ? 'en' : 'zh');
        for (const code of list.codes) expect(names[code], `${id} ${code}`).toBeTruthy();
      }
    }
    const used = Object.values(FIELDS).flatMap((fields) => Object.values(fields).flatMap((f) => (f.codes ? [f.codes] : [])));
    for (const id of used) expect(Object.keys(CODE_LISTS)).toContain(id satisfies CodeListId);
  });

  it('keeps English text free of Chinese, so the English page quotes none', () => {
    const han = /\p{Script=Han}/u;
    const english = [
      ...Object.values(FIELDS).flatMap((fields) => Object.values(fields).map((f) => f.en)),
      ...DATASETS.flatMap((d) => [d.title.en, d.description.en, d.frequency.en]),
      ...API_CHANGELOG.map((c) => c.change.en),
      JSON.stringify(en.data),
    ];
    expect(english.filter((t) => han.test(t))).toEqual([]);
    expect(API_CHANGELOG.map((c) => c.date)).toEqual([...API_CHANGELOG.map((c) => c.date)].sort().reverse());
  });
});
