/**
 * Next.js calls register() once when a server instance starts, before it serves a request; this
 * file must sit at the project root. The composition root (lib/startup.ts) runs here so that the
 * database is opened, migrated and seeded at start, never lazily by the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerOrExit } = await import('./lib/startup');
  await startServerOrExit();
}
