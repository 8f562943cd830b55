import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../project.ts";

/**
 * The site's scripts, written in TypeScript under src/browser/ and bundled here, at each build,
 * into one self-contained file per page script: esbuild resolves their imports (labels and URL
 * owners shared with the build), strips types and writes a plain script (no module loader, so the
 * Content-Security-Policy's `script-src 'self'` is all it needs). Deterministic: the same sources
 * give the same bytes, so an incremental build rewrites nothing. A build with a cache hands back the
 * last bundle: when no file it was made of has changed, esbuild is not even started.
 */

/** Site path → entry module. Only the search page has a script; article pages have none. */
export const BROWSER_SCRIPTS: Readonly<Record<string, string>> = {
  "/assets/search.js": "src/browser/search.ts",
};

/**
 * Browsers the scripts are written for: the versions that shipped text fragments (Chrome 80,
 * Safari 16.1, Firefox 131) and Pagefind's component UI.
 */
const TARGETS = ["chrome100", "firefox115", "safari16"];

/** The page scripts, and the hash of every file they were bundled from (project-relative paths). */
export interface BundledScripts {
  files: { path: string; bytes: Buffer }[];
  inputs: Record<string, string>;
}

const hashOf = (file: string): string | undefined => {
  try {
    return createHash("sha1")
      .update(readFileSync(join(PROJECT_ROOT, file)))
      .digest("hex");
  } catch {
    return undefined;
  }
};

/** Whether a bundle was made of the files as they are now. */
const stillCurrent = (bundle: BundledScripts) =>
  Object.keys(bundle.inputs).length > 0 &&
  Object.entries(bundle.inputs).every(([file, sha]) => hashOf(file) === sha);

/** Every page script as a site path and its bundled bytes: `last`, if none of its sources changed. */
export async function browserScripts(last?: BundledScripts): Promise<BundledScripts> {
  if (last && stillCurrent(last)) return last;
  const { build } = await import("esbuild");
  const files = [];
  const inputs: Record<string, string> = {};
  for (const [path, entry] of Object.entries(BROWSER_SCRIPTS)) {
    const result = await build({
      entryPoints: [join(PROJECT_ROOT, entry)],
      absWorkingDir: PROJECT_ROOT,
      bundle: true,
      write: false,
      metafile: true,
      format: "iife",
      platform: "browser",
      target: TARGETS,
      minify: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
    const [output] = result.outputFiles;
    if (!output) throw new Error(`${entry}: esbuild wrote nothing`);
    files.push({ path, bytes: Buffer.from(output.contents) });
    for (const input of Object.keys(result.metafile.inputs)) inputs[input] = hashOf(input) ?? "";
  }
  return { files, inputs };
}
