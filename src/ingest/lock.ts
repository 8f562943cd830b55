import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/**
 * One ingest at a time per articles folder. The lock is a file created atomically (written under
 * a temp name, then hard-linked to its real name, which fails if it exists), holding the owner's
 * pid and host. A lock whose process is gone (killed, crashed) is stale and is taken over, so a
 * SIGKILLed run never blocks the next one. Limits: a reused pid keeps a stale lock alive until
 * that process ends; two runs breaking the same stale lock in the same instant is not guarded.
 */

/** The lock file, inside the articles folder (a dotfile: the build and the article list skip it). */
export const LOCK_FILE = ".ingest.lock";

/** A lock file that cannot be read as ours is stale once it is this old (a writer died mid-create). */
export const UNREADABLE_LOCK_STALE_MS = 10_000;

export class IngestLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IngestLockedError";
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

export interface IngestLock {
  file: string;
  release(): void;
}

/** True when a process with this pid exists on this machine (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    const holder = data as Partial<LockHolder>;
    if (typeof holder.pid === "number" && typeof holder.host === "string")
      return { pid: holder.pid, host: holder.host, started: String(holder.started ?? "?") };
  } catch {
    // unreadable: judged by age below
  }
  return undefined;
}

function isStale(file: string, holder: LockHolder | undefined): boolean {
  if (!holder) {
    try {
      return Date.now() - statSync(file).mtimeMs > UNREADABLE_LOCK_STALE_MS;
    } catch {
      return true;
    }
  }
  // A lock from another host (a shared folder) cannot be checked: only its owner or a person may remove it.
  return holder.host === hostname() && !processAlive(holder.pid);
}

/**
 * Takes the ingest lock of `dir`, taking over a stale one. Throws {@link IngestLockedError} naming
 * the holder and the fix when another live ingest holds it.
 */
export function acquireIngestLock(dir: string, lockFile = LOCK_FILE): IngestLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, lockFile);
  const mine: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const temp = join(dir, `${lockFile}.${process.pid}.tmp`);
  writeFileSync(temp, `${JSON.stringify(mine)}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(temp, file);
        return {
          file,
          release: () => {
            if (readHolder(file)?.pid === mine.pid) rmSync(file, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = readHolder(file);
      if (!isStale(file, holder)) {
        const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.started}` : "a process";
        throw new IngestLockedError(
          `${dir} is being written by another ingest (${who}). Wait for it to finish; if that process is gone, delete ${file}.`,
        );
      }
      rmSync(file, { force: true });
    }
    throw new IngestLockedError(`${dir}: could not take the ingest lock ${file}; try again.`);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** How long {@link withFileLock} waits for another process to finish with a file. */
export const FILE_LOCK_WAIT_MS = 30_000;

/**
 * Runs `update` while holding a lock on `file` (`.<name>.lock` beside it), waiting up to
 * {@link FILE_LOCK_WAIT_MS} for another process that holds it: how concurrent runs sharing one
 * registry each add their outlets without losing another's. A holder that died is taken over.
 */
export function withFileLock<T>(file: string, update: () => T): T {
  const lockFile = `.${basename(file)}.lock`;
  const waitUntil = Date.now() + FILE_LOCK_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let lock: IngestLock;
    try {
      lock = acquireIngestLock(dirname(file), lockFile);
    } catch (error) {
      if (!(error instanceof IngestLockedError) || Date.now() > waitUntil) throw error;
      Atomics.wait(pause, 0, 0, 20 + Math.floor(Math.random() * 30));
      continue;
    }
    try {
      return update();
    } finally {
      lock.release();
    }
  }
}
