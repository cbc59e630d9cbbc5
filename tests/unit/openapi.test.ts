import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@/lib/api/openapi';
import { planOverviewSchema } from '@/lib/api/public-schemas';

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
});
