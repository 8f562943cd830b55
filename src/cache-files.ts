import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { deserialize, serialize } from "node:v8";

/**
 * Cache files under `.cache/`, shared by the build (src/site/build-cache.ts) and ingest
 * (src/ingest/archive-index.ts): written with V8's serializer whole or not at all, each carrying
 * the fingerprint of the code that wrote it, so a cache written by other code is never used.
 */

/** Writes a cache file whole or not at all (a killed process never leaves half a cache file). */
export function writeCacheFile(file: string, data: { fingerprint: string; [field: string]: unknown }): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, serialize(data));
  renameSync(temp, file);
}

/** Reads a cache file written for `fingerprint`; anything else (missing, foreign, corrupt) is no cache. */
export function readCacheFile(file: string, fingerprint: string): Record<string, unknown> | undefined {
  try {
    const data = deserialize(readFileSync(file)) as Record<string, unknown> | null;
    return data !== null && typeof data === "object" && data.fingerprint === fingerprint ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Every file under `dir` (none if it is missing), sorted. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * A hash of `files` (paths relative to `root`, and contents; missing ones left out), of the Node.js
 * version and of `label` (a cache's format): what a cache's entries depend on besides their inputs.
 */
export function filesFingerprint(root: string, label: string, files: readonly string[]): string {
  const hash = createHash("sha1");
  hash.update(`${label}\0node ${process.version}\0`);
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(relative(root, file).split(sep).join("/")).update("\0");
    hash.update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}
