import { z } from 'zod';
import { errorSchema, PUBLIC_ENDPOINTS } from './public-schemas';
import { IATI_OPENAPI_PATHS } from '@/lib/opendata/iati/openapi';
import { PUBLIC_RESOURCE_ENDPOINTS } from './public-resource-endpoints';
import { FEEDBACK_ENDPOINTS, FEEDBACK_POST_OPERATION } from './participation/endpoints';

/** Every documented path: the original endpoints and the resources (programmes, projects, …). */
export const DOCUMENTED_ENDPOINTS = [...PUBLIC_ENDPOINTS, ...PUBLIC_RESOURCE_ENDPOINTS, ...FEEDBACK_ENDPOINTS];

/** The `{name}` segments of a path, as OpenAPI path parameters. */
function pathParameters(path: string) {
  return [...path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => ({
    in: 'path',
    name,
    required: true,
    description: name === 'code' ? 'Stable code: letters, digits and hyphens, as in the lists' : name === 'trackingCode' ? 'The tracking code a submission answered' : 'Numeric id, as in the lists',
    schema: name === 'code' ? { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } : name === 'trackingCode' ? { type: 'string', pattern: '^YQ-[0-9A-HJKMNP-TV-Z]{10}$' } : { type: 'string', pattern: '^[0-9]{1,9}$' },
  }));
}

/** OpenAPI 3.1 document generated from the zod schemas that the public API validates against. */
export function buildOpenApi(serverUrl = '/') {
  const paths: Record<string, unknown> = {};
  for (const e of DOCUMENTED_ENDPOINTS) {
    const error = (description: string) => ({ description, content: { 'application/json': { schema: z.toJSONSchema(errorSchema) } } });
    const query = 'parameters' in e ? e.parameters.map((p) => ({ in: 'query', required: false, ...p })) : [];
    const parameters = [...pathParameters(e.path), ...query];
    paths[e.path] = {
      get: {
        summary: e.summary,
        ...(parameters.length ? { parameters } : {}),
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(e.schema) } } },
          ...(query.length ? { '400': error('A query parameter is unknown, repeated or unreadable: fieldErrors names each one, message says the first problem') } : {}),
          ...(e.path.includes('{') ? { '404': error('Not published, withheld, or not an id') } : {}),
          '503': error('Unavailable'),
          default: error('Any other refusal: a stable code and a message in the reader\'s language (Chinese unless the locale cookie says English)'),
        },
      },
    };
  }
  const feedback = paths['/api/public/feedback'] as Record<string, unknown>;
  paths['/api/public/feedback'] = { ...feedback, post: FEEDBACK_POST_OPERATION };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yangquan ecological-restoration fund portal — public API',
      version: '0.2.0',
      description: 'Published, public content only: withheld items are absent from every answer, counts and totals included. Amounts are integer fen (1 yuan = 100 fen) as decimal strings; days YYYY-MM-DD, instants ISO 8601 in UTC. Long lists page by an opaque cursor: pass the answer\'s `next` as `cursor`. Reference for people: /api/docs.',
    },
    servers: [{ url: serverUrl }],
    paths: { ...paths, ...IATI_OPENAPI_PATHS },
  };
}
