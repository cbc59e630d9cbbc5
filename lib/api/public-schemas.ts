import { z } from 'zod';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/).describe('Exact decimal as a string');

export const zoneSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), areaKm2: decimal });
export const keyAreaSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), zoneCode: z.string() });
export const groupSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), projects: z.number().int() });
export const indicatorSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  comparator: z.enum(['gte', 'lte', 'eq']),
  baseline2020: decimal.nullable(),
  target2025: decimal.nullable(),
  target2035: decimal.nullable(),
});
export const planOverviewSchema = z
  .object({ zones: z.array(zoneSchema), keyAreas: z.array(keyAreaSchema), groups: z.array(groupSchema), indicators: z.array(indicatorSchema) })
  .describe("The plan's reference data: zones, key areas, engineering groups, indicators");

export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ driver: z.enum(['postgres', 'pglite']).optional(), reachable: z.boolean(), migrations: z.number().int().optional() }),
  auditChainHead: z.string().optional(),
});

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Every public endpoint, described once; the OpenAPI document is generated from this list. */
export const PUBLIC_ENDPOINTS = [
  { path: '/api/public/plan', summary: 'Plan overview (reference data)', schema: planOverviewSchema },
  { path: '/api/health', summary: 'Health: database reachable, migration level, audit chain head', schema: healthSchema },
] as const;
