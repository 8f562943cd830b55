import { join } from "node:path";
import { PROJECT_ROOT } from "../project.ts";

/**
 * The site's scripts, written in TypeScript under src/browser/ and bundled here, at each build,
 * into one self-contained file per page script: esbuild resolves their imports (labels and URL
 * owners shared with the build), strips types and writes a plain script (no module loader, so the
 * Content-Security-Policy's `script-src 'self'` is all it needs). Deterministic: the same sources
 * give the same bytes, so an incremental build rewrites nothing.
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

/** Every page script as a site path and its bundled bytes. */
export async function browserScripts(): Promise<{ path: string; bytes: Buffer }[]> {
  const { build } = await import("esbuild");
  const bundled = [];
  for (const [path, entry] of Object.entries(BROWSER_SCRIPTS)) {
    const result = await build({
      entryPoints: [join(PROJECT_ROOT, entry)],
      bundle: true,
      write: false,
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
    bundled.push({ path, bytes: Buffer.from(output.contents) });
  }
  return bundled;
}
