import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the project's folders are and how its modules are loaded, wherever the code runs from:
 * its TypeScript sources (vitest, tsx) or their compiled copy under `.cache/js/` (every npm
 * script, through scripts/run.mjs).
 */

/** The folder holding package.json, above this module. */
function projectRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PROJECT_ROOT = projectRoot();
/** Nunjucks layouts (markup only). */
export const LAYOUTS_DIR = join(PROJECT_ROOT, "layouts");
/** Static assets copied into the site as they are. */
export const PUBLIC_DIR = join(PROJECT_ROOT, "public");
/** Registry files operators edit (topics, sources, site settings). */
export const REGISTRY_DIR = join(PROJECT_ROOT, "registry");
/** Where ingest keeps the index of each articles folder between runs (src/ingest/archive-index.ts). */
export const INGEST_INDEX_DIR = join(PROJECT_ROOT, ".cache", "ingest");

/** The module `name` (a path without extension) beside `base`, in the form `base` runs as: `.ts` source or compiled `.js`. */
export function moduleBeside(base: string, name: string): URL {
  return new URL(`${name}${base.endsWith(".ts") ? ".ts" : ".js"}`, base);
}

/**
 * The first lines of a worker thread that runs `module`: TypeScript sources need tsx's loader,
 * registered in the thread itself (Node 20's workers do not inherit the parent's loader);
 * compiled modules need nothing.
 */
export function workerLoader(module: string): string {
  if (!module.endsWith(".ts")) return "";
  const api = import.meta.resolve("tsx/esm/api");
  return `const { register } = await import(${JSON.stringify(api)});\nregister();\n`;
}

/** The project's version (package.json), as ingest records it in every article's provenance. */
export function toolVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
  const version = (pkg as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}
