import fs from 'node:fs';
import path from 'node:path';

/**
 * One process per PGlite folder: whoever opens it (the server, `db:migrate`, `db:seed`) writes its
 * pid here and removes it when it exits. A file naming a process that no longer runs (a crash,
 * SIGKILL) is taken over.
 */
export const OWNER_FILE = 'portal-owner.pid';

declare global {
  /** Folders this process holds open (on globalThis: every server bundle shares the one set). */
  var __yqClaimedDirs: Set<string> | undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid of another running process that owns the folder, or null. */
export function dataDirOwner(dataDir: string): number | null {
  const pid = readOwner(path.join(path.resolve(dataDir), OWNER_FILE));
  return pid !== null && pid !== process.pid && isRunning(pid) ? pid : null;
}

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dataDir} is in use by process ${pid} (a running portal server or db script); stop it first`);
  }
}

/** Claims the folder for this process until it exits or `release()` is called. */
export function claimDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, OWNER_FILE);
  const claimed = (globalThis.__yqClaimedDirs ??= new Set());
  if (claimed.has(dir)) throw new DataDirInUse(dir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = readOwner(file);
      if (owner === process.pid) break;
      if (owner !== null && isRunning(owner)) throw new DataDirInUse(dir, owner);
      if (attempt > 0) throw new DataDirInUse(dir, owner ?? 0);
      fs.rmSync(file, { force: true });
    }
  }
  claimed.add(dir);
  const release = () => {
    claimed.delete(dir);
    if (readOwner(file) === process.pid) fs.rmSync(file, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}
