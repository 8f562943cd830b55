import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const PREFIX = "media-digest-tests-";

/**
 * Vitest's global setup: every temporary folder a test makes (its articles, registries, sites, and
 * those of the processes it starts) goes under one folder of this run, removed when the run ends,
 * so the suite leaves nothing behind in the system's temporary folder however its tests end.
 * Tests keep calling `tmpdir()`, which reads TMPDIR; the test processes start after this and
 * inherit it.
 */
export default function setup(): () => void {
  // Each of the config's projects runs this: the first one's folder serves them all.
  if (basename(tmpdir()).startsWith(PREFIX)) return () => {};
  const outer = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), PREFIX));
  process.env.TMPDIR = root;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    rmSync(root, { recursive: true, force: true });
  };
}
