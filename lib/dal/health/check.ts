import 'server-only';
import { getDatabase } from '@/db';
import { migrationLevel } from '@/db/migrate';
import { auditChainHead } from '../internal/audit';

/** Public and harmless: reachability, migration level and the published audit chain head. */
export async function checkHealth() {
  try {
    const database = await getDatabase();
    const [migrations, head] = await Promise.all([migrationLevel(database.db), auditChainHead(database.db)]);
    return { status: 'ok' as const, database: { driver: database.driver, reachable: true, migrations }, auditChainHead: head.lastHash };
  } catch (e) {
    console.error('health check failed:', e instanceof Error ? e.message : e);
    return { status: 'unavailable' as const, database: { reachable: false } };
  }
}
