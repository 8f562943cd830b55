import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { outputFileFor } from "../content/paths.ts";
import { PUBLIC_DIR } from "../project.ts";
import type { PageRecord } from "./build-cache.ts";

/**
 * The file that says which build wrote the output folder: the build trusts the files of a folder
 * it wrote itself (as other static site generators do) rather than checking each one again.
 */
const STAMP = ".media-digest-build";

/**
 * What the name of a folder set aside by {@link OutputFolder.clear} carries after the output
 * folder's own name: no one names a folder of their own like this, so such folders left by a
 * killed build can be deleted by the next one.
 */
const SET_ASIDE = ".media-digest-discarded-";

/**
 * The output folder as the build uses it: files written only when their bytes change (so an
 * unchanged file keeps its time), each write recorded (size and time, which the next build checks),
 * removals that take empty folders with them.
 */
export class OutputFolder {
  /** Folders known to exist, so a build of thousands of pages does not ask for each again. */
  private readonly folders = new Set<string>();
  /** Old contents moved out of the way by {@link clear}, to delete. */
  private readonly setAside: string[] = [];

  constructor(readonly dir: string) {}

  /**
   * Empties the folder, for a build that cannot trust what it holds. Deleting tens of thousands of
   * files takes seconds, so the folder is renamed out of the way instead (one step) and deleted by
   * {@link discardSetAside}, beside the build's later work; where it cannot be renamed (a mount
   * point), it is deleted here. Folders set aside by a build killed before it deleted them go too.
   */
  clear(): void {
    const parent = dirname(this.dir);
    const prefix = `${basename(this.dir)}${SET_ASIDE}`;
    try {
      for (const name of readdirSync(parent))
        if (name.startsWith(prefix)) this.setAside.push(join(parent, name));
    } catch {
      // An unreadable parent holds nothing of ours to clear.
    }
    if (existsSync(this.dir)) {
      const aside = join(parent, `${prefix}${process.pid}-${Date.now()}`);
      try {
        renameSync(this.dir, aside);
        this.setAside.push(aside);
      } catch {
        rmSync(this.dir, { recursive: true, force: true });
      }
    }
    this.folders.clear();
  }

  /** Deletes what {@link clear} set aside, on the I/O threads while the caller goes on. */
  async discardSetAside(): Promise<void> {
    await Promise.all(this.setAside.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  }

  private fileOf(path: string): string {
    return join(this.dir, outputFileFor(path));
  }

  /**
   * The token of the build that last finished writing this folder (see {@link stamp}), if any.
   * A folder deleted, replaced or half-written since carries another token or none.
   */
  stampOf(): string | undefined {
    try {
      return readFileSync(join(this.dir, STAMP), "utf8");
    } catch {
      return undefined;
    }
  }

  /**
   * Marks the folder as written whole by a build, with a token that stands for what it holds (the
   * same files give the same token, so a clean build and an incremental one leave the same bytes).
   */
  stamp(token: string): void {
    writeFileSync(join(this.dir, STAMP), token);
  }

  /** Removes the mark, before a build starts writing. */
  unstamp(): void {
    rmSync(join(this.dir, STAMP), { force: true });
  }

  /** Whether the file of `path` is still what `record` says was written. */
  unchanged(path: string, record: PageRecord | undefined): boolean {
    if (!record) return false;
    try {
      const stat = statSync(this.fileOf(path));
      return stat.size === record.size && stat.mtimeMs === record.mtimeMs;
    } catch {
      return false;
    }
  }

  /** Writes the file of `path` unless it already holds these bytes; returns what the build records of it. */
  write(path: string, content: string | Buffer): Omit<PageRecord, "key"> & { written: boolean } {
    const file = this.fileOf(path);
    // Text is compared and written as it is: encoding a page into a buffer first cost a render of
    // one new article a tenth of its time (fresh memory is slow to come by on a small machine).
    const size = typeof content === "string" ? Buffer.byteLength(content) : content.length;
    const same = () =>
      typeof content === "string"
        ? readFileSync(file, "utf8") === content
        : readFileSync(file).equals(content);
    let written = false;
    if (statSync(file, { throwIfNoEntry: false })?.size !== size || !same()) {
      const folder = dirname(file);
      if (!this.folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        this.folders.add(folder);
      }
      writeFileSync(file, content);
      written = true;
    }
    const stat = statSync(file);
    return { size: stat.size, mtimeMs: stat.mtimeMs, written };
  }

  /** Removes the file of `path` and the folders it leaves empty. */
  remove(path: string): void {
    const file = this.fileOf(path);
    rmSync(file, { force: true });
    for (
      let folder = dirname(file);
      folder.startsWith(this.dir) && folder !== this.dir;
      folder = dirname(folder)
    ) {
      this.folders.delete(folder);
      try {
        rmdirSync(folder);
      } catch {
        break; // not empty
      }
    }
  }
}

/** The static assets (public/) as site paths and bytes, copied into the site as they are. */
export function publicAssets(): { path: string; bytes: Buffer }[] {
  return readdirSync(PUBLIC_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { path: `/${relative(PUBLIC_DIR, file).split(sep).join("/")}`, bytes: readFileSync(file) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
