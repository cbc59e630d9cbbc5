import { describe, expect, it } from 'vitest';
import { apiReference } from '@/lib/api/openapi-reference';
import { buildOpenApi } from '@/lib/api/openapi';
import { SUMMARIES_ZH } from '@/lib/api/openapi-summaries-zh';
import { en } from '@/lib/i18n/en';
import { zh } from '@/lib/i18n/zh';

describe('the API reference page model (/api/docs)', () => {
  const reference = apiReference();

  it('documents every path of the OpenAPI document, in its order', () => {
    expect(reference.endpoints.map((e) => e.path)).toEqual(Object.keys(buildOpenApi().paths));
  });

  it('lists each answer field by its dotted name with the schema description, units included', () => {
    const projects = reference.endpoints.find((e) => e.path === '/api/public/projects')!;
    expect(projects.answers).toHaveLength(1);
    const field = (name: string) => projects.answers[0]!.fields.find((f) => f.name === name);
    expect(field('next')).toMatchObject({ required: true, type: 'string | null' });
    expect(field('projects[].receivedFen')!.description).toMatch(/integer fen/);
    expect(field('projects[].levels')!.type).toBe('string[]');
    expect(field('projects[].zone.nameEn')).toBeDefined();
    expect(projects.parameters.find((p) => p.name === 'type')!.values).toContain('mine_restoration');
    expect(projects.parameters.find((p) => p.name === 'limit')).toMatchObject({ in: 'query', default: '100' });
    // A list paged by number or by cursor answers in two forms, both documented.
    const transfers = reference.endpoints.find((e) => e.path === '/api/public/transfers')!;
    expect(transfers.answers.map((a) => a.fields.map((f) => f.name).filter((n) => !n.includes('.')))).toEqual([
      ['page', 'pageSize', 'total', 'pages', 'transfers'],
      ['limit', 'next', 'transfers'],
    ]);
    const county = reference.endpoints.find((e) => e.path === '/api/public/counties/{code}')!;
    expect(county.parameters).toEqual([expect.objectContaining({ name: 'code', in: 'path', required: true })]);
    expect(county.errors.map((x) => x.status)).toContain('404');
  });

  it('has a Chinese summary for every path, and the same page texts in English', () => {
    expect(Object.keys(SUMMARIES_ZH).sort()).toEqual(Object.keys(buildOpenApi().paths).sort());
    expect(Object.keys(en.apiDocs).sort()).toEqual(Object.keys(zh.apiDocs).sort());
    expect(en.apiDocs.conventions).toHaveLength(zh.apiDocs.conventions.length);
  });
});
