import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRegistries } from "../../../src/content/registry.ts";
import { type CaptureContext, captureDocument } from "../../../src/ingest/outlets.ts";
import { textReader } from "../../../src/ingest/readers/text.ts";
import type { RawInput, ReadItem } from "../../../src/ingest/readers/types.ts";
import { projectRoot } from "../../helpers/shared.ts";

/** Reader fixtures in test/fixtures/ingest/. */
export const fixturePath = (name: string) => join(projectRoot, "test/fixtures/ingest", name);

/** A fixture as a raw input named by its path. */
export function fixtureInput(name: string): RawInput {
  return { input: fixturePath(name), bytes: readFileSync(fixturePath(name)) };
}

/**
 * A text capture read, then made a document by the outlet stage, as a run does it: each capture
 * item becomes a document (or a failure) cleaned by `context`'s outlet and learned lines.
 */
export function captureItems(raw: RawInput, context: Partial<CaptureContext> = {}): ReadItem[] {
  const full: CaptureContext = { registries: loadRegistries(), recurring: () => new Set(), ...context };
  return textReader.read(raw).map((item): ReadItem => {
    if (item.kind !== "capture") return item;
    const document = captureDocument(item.input, item.capture, full);
    return "failed" in document
      ? { kind: "failed", input: item.input, reason: document.failed }
      : { kind: "document", document };
  });
}
