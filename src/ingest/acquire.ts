import { readFileSync, statSync } from "node:fs";
import { checkInputSize, InputRejectedError } from "./limits.ts";
import { decodeTextCapture, type RawDraft } from "./readers/text.ts";
import type { RawInput } from "./readers/types.ts";

/**
 * Ingest's first stage (src/ingest/pipeline.ts lists them all): an input's bytes. A local file is
 * read here, a URL fetched by src/ingest/readers/url.ts.
 */

/** An input that cannot become an article; the message names the file and the fix. */
export class IngestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IngestError";
  }
}

/** Reads a local input's bytes; throws an {@link IngestError} naming the file and the fix. */
export function readLocalInput(input: string): RawInput {
  try {
    checkInputSize(statSync(input).size);
    return { input, bytes: readFileSync(input) };
  } catch (cause) {
    if (cause instanceof InputRejectedError) throw new IngestError(`${input}: ${cause.message}.`, { cause });
    const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new IngestError(`${input}: cannot read the file (${code}). Check the path and permissions.`, {
      cause,
    });
  }
}

/** Reads a text capture (kept for callers of the text-only pipeline). */
export function readCapture(input: string): RawDraft {
  const raw = readLocalInput(input);
  return decodeTextCapture(raw.bytes, input);
}
