import fs from "node:fs";
import os from "node:os";

/**
 * PGlite has no cross-process lock: two processes on one data directory silently lose
 * writes or corrupt it. We hold a lock file of our own, created with O_EXCL, for as long
 * as the directory is open. A lock left by a dead process on this host is taken over.
 */
export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database at ${lockPath.replace(/\.lock$/, "")} is in use by process ${holder.pid} ` +
        `(${holder.command}, since ${holder.startedAt}). Only one process may open it: stop that process ` +
        `first, or point PGLITE_DIR at another directory.`,
    );
    this.name = "DatabaseLockedError";
  }
}

type LockInfo = { pid: number; host: string; startedAt: string; command: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(lockPath: string): { raw: string; info: LockInfo | null } {
  try {
    const raw = fs.readFileSync(lockPath, "utf8");
    return { raw, info: JSON.parse(raw) as LockInfo };
  } catch {
    return { raw: "", info: null };
  }
}

function tryCreate(lockPath: string, info: LockInfo): boolean {
  try {
    const fd = fs.openSync(lockPath, "wx");
    fs.writeSync(fd, JSON.stringify(info));
    fs.closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Takes the lock for `dataDir` or throws DatabaseLockedError. Returns the release function. */
export function acquirePgliteLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1, 3).join(" ") || "node",
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockPath, mine)) return releaser(lockPath);
    const { raw, info } = readLock(lockPath);
    const stale = !info || (info.host === mine.host && !isAlive(info.pid));
    if (!stale) throw new DatabaseLockedError(lockPath, info);
    // Re-read before removing, so we never delete a lock another process just took over.
    if (readLock(lockPath).raw === raw) fs.rmSync(lockPath, { force: true });
  }
  const { info } = readLock(lockPath);
  throw new DatabaseLockedError(lockPath, info ?? { ...mine, pid: -1, command: "unknown" });
}

function releaser(lockPath: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const { info } = readLock(lockPath);
    if (info?.pid === process.pid) fs.rmSync(lockPath, { force: true });
    process.off("exit", release);
  };
  process.on("exit", release);
  return release;
}
