import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { planOverviewSchema, publicationListSchema } from '@/lib/api/public-schemas';
import { parsePublicationQuery } from '@/lib/api/publication-query';
import { AppError } from '@/lib/errors';

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes each public endpoint with the schema the endpoint validates against', () => {
    const doc = buildOpenApi();
    expect(doc.openapi).toBe('3.1.0');
    const plan = doc.paths['/api/public/plan'] as { get: { responses: { '200': { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } } } } };
    const schema = plan.get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(['zones', 'keyAreas', 'groups', 'indicators']);
    expect(schema.required).toEqual(['zones', 'keyAreas', 'groups', 'indicators']);
  });

  it('rejects an answer that would not match what it promises', () => {
    expect(planOverviewSchema.safeParse({ zones: [{ code: 'Z1', name: 'x', nameEn: 'x', areaKm2: 980.53 }], keyAreas: [], groups: [], indicators: [] }).success).toBe(false);
  });

  describe('/api/public/publications', () => {
    type Json = Record<string, unknown> & { properties?: Record<string, Json>; items?: Json; anyOf?: Json[]; required?: string[] };
    const line = {
      transferId: 7, kind: 'payment', date: '2026-02-02', docNumber: '阳财建〔2026〕1号', programmeCode: 'P-1', programmeName: '资金', programmeLevel: 'municipal',
      from: { code: '140322', name: '盂县', nameEn: 'Yu County', kind: 'organisation', countyCode: '140322' },
      to: { code: 'PRJ-1', name: '项目', nameEn: 'Project', kind: 'project', countyCode: '140322' },
      projectCode: 'PRJ-1', amountFen: '123456789012', reversesTransferId: null,
    };
    const publication = (content: Record<string, unknown>) => ({
      id: 1, url: '/disclosure/publications/1', kind: 'allocation_result', subjectType: 'transfer_document', subjectId: 3, version: 1, title: 't', notice: 'n', changeReason: null, docNumber: null,
      dataAsOf: '2026-02-02', publishedAt: '2026-02-02T01:02:03.000000Z', issuer: { code: '140300-CZJ', name: '阳泉市财政局', nameEn: 'Yangquan Finance Bureau' }, contentHash: 'ab', redacted: false, isDemo: false, content,
    });
    const page = (content: Record<string, unknown>) => ({ page: 1, pageSize: 50, total: 1, pages: 1, versions: 'latest', publications: [publication(content)] });
    const document = { docNumber: '阳财建〔2026〕1号', sender: { code: '140300-CZJ', name: '阳泉市财政局', nameEn: 'Yangquan Finance Bureau', kind: 'organisation' }, lines: [line] };

    it('is listed with its query parameters, its 400 and a content schema that types transfer-document lines', () => {
      const op = (buildOpenApi().paths['/api/public/publications'] as { get: { parameters: { name: string; in: string }[]; responses: Record<string, { content: { 'application/json': { schema: Json } } }> } }).get;
      expect(op.parameters.map((p) => [p.name, p.in])).toEqual(['kind', 'programme', 'county', 'project', 'since', 'page', 'pageSize', 'versions', 'limit', 'cursor', 'format'].map((n) => [n, 'query']));
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400']));
      expect(op.responses['400']!.content['application/json'].schema.properties).toHaveProperty('error');
      // Numbered pages (with totals) or, with limit/cursor, the rows after a cursor.
      const answers = op.responses['200']!.content['application/json'].schema.anyOf!;
      expect(answers.find((a) => a.required?.includes('next'))!.required).toEqual(expect.arrayContaining(['limit', 'next', 'publications']));
      const schema = answers.find((a) => a.required?.includes('page'))!;
      expect(schema.required).toEqual(expect.arrayContaining(['page', 'pageSize', 'total', 'publications']));
      const content = schema.properties!.publications!.items!.properties!.content!;
      const lines = content.anyOf!.find((c) => c.properties?.lines?.type === 'array')!.properties!.lines!.items!;
      expect(lines.required).toEqual(['transferId', 'kind', 'date', 'docNumber', 'programmeCode', 'programmeName', 'programmeLevel', 'from', 'to', 'projectCode', 'amountFen', 'reversesTransferId']);
      // Amounts are decimal strings, never JSON numbers.
      expect(lines.properties!.amountFen).toMatchObject({ type: 'string', pattern: '^-?\\d+$' });
      expect(lines.properties!.from!.properties!.countyCode).toBeTruthy();
    });

    it('accepts a transfer document and any other published content, and rejects floats and malformed lines', () => {
      expect(publicationListSchema.safeParse(page(document)).success).toBe(true);
      expect(publicationListSchema.safeParse(page({ ...document, lines: [], withheld: [{ basisCode: 'OGI-14', basis: 'b', basisEn: 'b', items: 1, amountFen: null }] })).success).toBe(true);
      expect(publicationListSchema.safeParse(page({ code: 'DEMO-2026-YQ', name: 'x', totalFen: '100', matching: null })).success).toBe(true);
      expect(publicationListSchema.safeParse(page({ batch: {}, recipients: [{ code: '140322' }] })).success).toBe(true);
      for (const bad of [{ amountFen: 1234.5 }, { amountFen: '12.5' }, { amountFen: 100 }, { transferId: '7' }, { kind: 'gift' }, { to: { ...line.to, countyCode: undefined } }, { projectCode: undefined }]) {
        expect(publicationListSchema.safeParse(page({ ...document, lines: [{ ...line, ...bad }] })).success, JSON.stringify(bad)).toBe(false);
      }
      // Lines are a transfer document's: content with lines of another shape is refused, not passed through.
      expect(publicationListSchema.safeParse(page({ code: 'X', lines: [{ amount: 1.5 }] })).success).toBe(false);
      // What is not described is passed through unchanged, so the published hash can be checked.
      const parsed = publicationListSchema.parse(page({ ...document, extra: 1, lines: [{ ...line, note: 'n' }] }));
      expect(parsed.publications[0]!.content).toEqual({ ...document, extra: 1, lines: [{ ...line, note: 'n' }] });
    });

    it('reads its query strictly: defaults when empty, a bad_request naming each parameter otherwise', () => {
      expect(parsePublicationQuery(new URLSearchParams(''))).toEqual({});
      expect(parsePublicationQuery(new URLSearchParams('kind=formula&programme=DEMO-2026-YQ&county=140322&project=P-1&since=2026-01-01&page=2&pageSize=200&versions=all&since='))).toEqual({
        kind: 'formula', programme: 'DEMO-2026-YQ', county: '140322', project: 'P-1', since: '2026-01-01', page: 2, pageSize: 200, versions: 'all',
      });
      const refusal = (q: string) => {
        try {
          parsePublicationQuery(new URLSearchParams(q));
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          return e as AppError;
        }
        throw new Error(`${q} was accepted`);
      };
      expect(refusal('pageSize=500')).toMatchObject({ code: 'bad_request', status: 400, messageKey: 'errors.query.pageSize', fieldErrors: { pageSize: 'errors.query.pageSize' } });
      expect(refusal('since=2026-13-01&kind=x').fieldErrors).toEqual({ since: 'errors.query.since', kind: 'errors.query.kind' });
      expect(refusal('versions=all&versions=latest').fieldErrors).toEqual({ versions: 'errors.query.repeated' });
      expect(refusal('colour=red').fieldErrors).toEqual({ colour: 'errors.query.unknown' });
      expect(refusal('limit=10&page=2').fieldErrors).toEqual({ limit: 'errors.query.pagingMixed' });
      expect(refusal('cursor=e30').fieldErrors).toEqual({ cursor: 'errors.query.cursor' });
    });
  });
});
