/**
 * `npm run audit:verify [-- --checkpoint <seq>:<hash> …]` recomputes the whole audit chain of the
 * database that DATABASE_URL or DATA_DIR names (as the portal does; a PGlite folder a running server
 * holds is refused, untouched) and prints one line per problem: a changed entry, a broken or
 * reordered link, a gap in the numbering, a head that is not the last entry, and a checkpoint (its
 * rows, its publications, and each one given here by someone who kept it) that the log no longer
 * agrees with, such as one beyond the log's end (a deleted tail). Reads only; migrates nothing.
 * Exit 0: intact; 1: problems found; 2: could not check.
 * Run with `node --conditions=react-server --import tsx lib/cli/audit-verify.ts`.
 */
import { databaseConfig } from '@/db';
import { openPglite, openPostgres } from '@/db/client';
import { pendingMigrations } from '@/db/migrate';
import { describeProblem } from '@/lib/audit/report';
import { auditIntegrityReport } from '@/lib/dal/audit/integrity';
import { failureLine } from '@/lib/startup';

class UsageError extends Error {}

/** `--checkpoint 1234:ab12…` (repeatable): checkpoints an outsider kept. */
function parseArgs(argv: string[]): { seq: number; hash: string; day: null }[] {
  const held: { seq: number; hash: string; day: null }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--checkpoint' ? argv[++i] : arg.startsWith('--checkpoint=') ? arg.slice('--checkpoint='.length) : undefined;
    if (value === undefined) throw new UsageError(`unknown argument ${arg}: use --checkpoint <seq>:<sha256 hex>`);
    const m = /^(\d{1,9}):([0-9a-fA-F]{64})$/.exec(value.trim());
    if (!m) throw new UsageError(`--checkpoint ${value}: expected <seq>:<64 hex digits>`);
    held.push({ seq: Number(m[1]), hash: m[2]!.toLowerCase(), day: null });
  }
  return held;
}

async function main(argv: string[]): Promise<number> {
  const outsider = parseArgs(argv);
  const cfg = databaseConfig();
  const database = cfg.driver === 'postgres' ? await openPostgres(cfg.url, { max: 1 }) : await openPglite(cfg.dataDir);
  try {
    const where = cfg.driver === 'postgres' ? 'PostgreSQL' : `PGlite at ${cfg.dataDir}`;
    const pending = await pendingMigrations(database.db);
    if (pending > 0) throw new Error(`${where} is ${pending} migrations behind: run npm run db:migrate first`);
    const report = await auditIntegrityReport(database.db, outsider);
    console.log(`${where}: re-hashed ${report.walked} audit entries; last entry seq ${report.last.seq}, hash ${report.last.hash}`);
    for (const p of report.problems) console.log(describeProblem(p));
    console.log(report.ok ? 'audit log intact' : `audit log NOT intact: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`);
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(failureLine('audit:verify failed', e));
    process.exit(2);
  },
);
