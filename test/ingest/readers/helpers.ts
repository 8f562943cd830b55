import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RawInput } from "../../../src/ingest/readers/types.ts";
import { projectRoot } from "../../helpers/shared.ts";

/** Reader fixtures in test/fixtures/ingest/. */
export const fixturePath = (name: string) => join(projectRoot, "test/fixtures/ingest", name);

/** A fixture as a raw input named by its path. */
export function fixtureInput(name: string): RawInput {
  return { input: fixturePath(name), bytes: readFileSync(fixturePath(name)) };
}
