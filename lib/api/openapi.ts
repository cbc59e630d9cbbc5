import { z } from 'zod';
import { errorSchema, PUBLIC_ENDPOINTS } from './public-schemas';

/** OpenAPI 3.1 document generated from the zod schemas that the public API validates against. */
export function buildOpenApi(serverUrl = '/') {
  const paths: Record<string, unknown> = {};
  for (const e of PUBLIC_ENDPOINTS) {
    paths[e.path] = {
      get: {
        summary: e.summary,
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: z.toJSONSchema(e.schema) } } },
          '503': { description: 'Unavailable', content: { 'application/json': { schema: z.toJSONSchema(errorSchema) } } },
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
    paths,
  };
}
