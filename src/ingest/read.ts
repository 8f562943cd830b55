import { feedReader } from "./readers/feed.ts";
import { htmlReader } from "./readers/html.ts";
import { textReader } from "./readers/text.ts";
import type { RawInput, Reader, ReadItem } from "./readers/types.ts";

/**
 * Ingest's second stage (src/ingest/pipeline.ts lists them all): an input's bytes → documents, one
 * reader per kind of input (src/ingest/readers/). A large run does this on its second thread too
 * (src/ingest/helper-worker.ts).
 */

/** Readers in the order they are asked whether an input is theirs. */
export const READERS: readonly Reader[] = [textReader, htmlReader, feedReader];

/** The reader for an input: by content type or name, then by sniffing the bytes. */
export function readerFor(raw: RawInput): Reader | undefined {
  const { contentType: _ignored, ...sniffable } = raw;
  return READERS.find((r) => r.accepts(raw)) ?? READERS.find((r) => r.accepts(sniffable));
}

/** Runs the reader; a reader that throws (it must not) becomes a failed item, never a crash. */
export function readInput(raw: RawInput): ReadItem[] {
  const reader = readerFor(raw);
  if (!reader)
    return [
      {
        kind: "failed",
        input: raw.input,
        reason: `${raw.input}: not a kind of input ingest reads. Give a .txt capture, an .html/.htm page (or .gz of one), a feed (RSS, Atom, JSON Feed, OPML) or an http(s) URL.`,
      },
    ];
  try {
    return reader.read(raw);
  } catch (error) {
    return [
      {
        kind: "failed",
        input: raw.input,
        reason: `${raw.input}: the ${reader.name} reader failed (${(error as Error).message}). This is a bug; please report it with the file.`,
      },
    ];
  }
}
