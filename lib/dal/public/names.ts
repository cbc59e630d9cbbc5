import 'server-only';
import { inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import type { Queryable } from '@/db/client';
import { organisations } from '@/db/schema';

/**
 * English names of the organisations that published content names by code (recipients of an
 * allocation). Organisation names are reference data, public by nature; only codes the caller
 * already read from the public read model are looked up, so nothing else can surface here.
 */
export async function organisationNamesEn(codes: string[], db?: Queryable): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const q = db ?? (await getDb());
  const rows = await q.select({ code: organisations.code, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.code, codes));
  return new Map(rows.map((r) => [r.code, r.nameEn]));
}
