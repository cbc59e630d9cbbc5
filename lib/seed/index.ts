import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { PROJECTS, ZONES } from './reference/plan-data';
import { settings } from '@/db/schema';
import { appendAudit } from '@/lib/dal/internal/audit';
import { ensureDefaultDefinitions } from '@/lib/dal/internal/workflow/definitions';
import { seedDemo } from './demo';
import { seedReference } from './reference';

const SEED_LOCK = 7_410_002;

/** Loads the seed once into an empty database; a second start finds the marker and does nothing. */
export async function seedIfEmpty(database: Database, opts: { demo: boolean }): Promise<'seeded' | 'present'> {
  return database.withExclusiveLock(SEED_LOCK, async (db) =>
    db.transaction(async (tx) => {
      // Later additions to the reference data reach databases seeded before them.
      await ensureDefaultDefinitions(tx);
      const [marker] = await tx.select().from(settings).where(eq(settings.key, 'seeded_at'));
      if (marker) return 'present' as const;
      const orgIds = await seedReference(tx);
      await appendAudit(tx, { actor: null, action: 'reference.seeded', entityType: 'system', entityId: 'reference', after: { zones: ZONES.length, projects: PROJECTS.length } });
      if (opts.demo) {
        // The demo's history, replayed through the data layer at its own dates.
        const demo = await seedDemo(tx, orgIds);
        await appendAudit(tx, { actor: null, action: 'demo.seeded', entityType: 'system', entityId: 'demo', after: demo });
      }
      await tx.insert(settings).values([
        { key: 'seeded_at', value: new Date().toISOString() },
        { key: 'demo_data_loaded', value: String(opts.demo) },
      ]);
      return 'seeded' as const;
    }),
  );
}
