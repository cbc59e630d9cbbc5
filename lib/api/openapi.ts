import { z } from 'zod';
import { errorSchema, PUBLIC_ENDPOINTS } from './public-schemas';
import { IATI_OPENAPI_PATHS } from '@/lib/opendata/iati/openapi';

/** OpenAPI 3.1 document generated from the zod schemas that the public API validates against. */
export function buildOpenApi(serverUrl = '/') {
  const paths: Record<string, unknown> = {};
  for (const e of PUBLIC_ENDPOINTS) {
    const error = (description: string) => ({ description, content: { 'application/json': { schema: z.toJSONSchema(errorSchema) } } });
    const parameters = 'parameters' in e ? e.parameters.map((p) => ({ in: 'query', required: false, ...p })) : undefined;
    paths[e.path] = {
      get: {
        summary: e.summary,
        ...(parameters ? { parameters } : {}),
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(e.schema) } } },
          ...(parameters ? { '400': error('A query parameter is unknown, repeated or unreadable: fieldErrors names each one, message says the first problem') } : {}),
          ...(e.path.includes('{') ? { '404': error('Not published, withheld, or not an id') } : {}),
          '503': error('Unavailable'),
          default: error('Any other refusal: a stable code and a message in the reader\'s language (Chinese unless the locale cookie says English)'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yangquan ecological-restoration fund portal — public API',
      version: '0.1.0',
      description: 'Published, public content only. Amounts are integer fen as decimal strings.',
    },
    servers: [{ url: serverUrl }],
    paths: { ...paths, ...IATI_OPENAPI_PATHS },
  };
}
