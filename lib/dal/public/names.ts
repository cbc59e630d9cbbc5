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

/**
 * English names of organisations the public read model names only in Chinese (who acted on a
 * public timeline). A name two organisations share is left out, so it shows as the quoted
 * Chinese rather than possibly the wrong English.
 */
export async function organisationNamesEnByName(names: string[], db?: Queryable): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const q = db ?? (await getDb());
  const rows = await q.select({ name: organisations.name, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.name, [...new Set(names)]));
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return new Map(rows.filter((r) => count.get(r.name) === 1).map((r) => [r.name, r.nameEn]));
}
