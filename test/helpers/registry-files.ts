import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContentErrors } from "../../src/content/errors.ts";

/** A registry file with `text`, alone in a new temporary folder. */
export function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "registry-")), name);
  writeFileSync(file, text);
  return file;
}

/** The messages of the problems a loader refuses a file with; fails when it accepts the file. */
export function errorsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ContentErrors) return error.errors.map((e) => e.message);
    throw error;
  }
  throw new Error("expected the registry to be refused");
}
