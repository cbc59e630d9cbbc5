import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { settings } from '@/db/schema';

export async function readSetting(db: Queryable, key: string): Promise<string | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value ?? null;
}

/** Whether demo rows are shown anywhere; reference data is never affected. */
export async function demoVisible(db: Queryable): Promise<boolean> {
  return (await readSetting(db, 'demo_data_visible')) !== 'false';
}
