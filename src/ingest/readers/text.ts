import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { checkInputSize, InputRejectedError } from "../limits.ts";

/** Name and version of this reader, recorded in every article's provenance. */
export const TEXT_EXTRACTOR = "text-capture@1";

/**
 * A capture as read, before anything is judged: its lines exactly as they were (line endings
 * normalised), and what provenance needs to know about the raw bytes.
 */
export interface RawDraft {
  /** The input path as the operator gave it. */
  input: string;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
  extractor: string;
  lines: string[];
}

/**
 * Control characters other than tab and line feed (CR is normalised first): they make feeds
 * invalid XML and never carry article text.
 */
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/gu;

/**
 * Decodes the bytes of a `.txt` capture (UTF-8, BOM dropped, CRLF/CR normalised) into lines.
 * Bytes that are not UTF-8 are refused rather than turned into replacement characters: a capture
 * saved in another encoding would otherwise become an article of mojibake.
 */
export function decodeTextCapture(bytes: Uint8Array, input: string): RawDraft {
  checkInputSize(bytes.byteLength);
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InputRejectedError(
      "is not UTF-8 text (invalid byte sequence). Save the capture as UTF-8 (e.g. iconv -f windows-1251 -t utf-8)",
      { cause },
    );
  }
  const text = decoded
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL_CHARACTERS, "");
  return {
    input,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    extractor: TEXT_EXTRACTOR,
    lines: text.split("\n"),
  };
}

/** Reads a `.txt` capture from disk into a {@link RawDraft}; the size is checked before reading. */
export function readTextCapture(file: string): RawDraft {
  checkInputSize(statSync(file).size);
  return decodeTextCapture(readFileSync(file), file);
}
