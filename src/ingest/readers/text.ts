import { readFileSync, statSync } from "node:fs";
import type { SourceRules } from "../../content/registry.ts";
import { cleanLines } from "../clean.ts";
import { decodeBytes } from "../decode.ts";
import { type CaptureHeader, extractCapture, paragraphsOf, readCaptureHeader } from "../extract.ts";
import { checkInputSize } from "../limits.ts";
import { sha256Hex } from "./shared.ts";
import type { ExtractedDocument, RawInput, Reader, ReadItem } from "./types.ts";

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
 * Share of undecodable or NUL characters above which bytes are not a text capture (a binary file,
 * a wrong encoding): real captures have none; 1% leaves room for a stray bad byte.
 */
export const MAX_UNDECODABLE_SHARE = 0.01;

/** Decodes the bytes of a `.txt` capture (BOM dropped, CRLF/CR normalised) into lines. */
export function decodeTextCapture(bytes: Uint8Array, input: string): RawDraft {
  const text = decodeBytes(bytes, { kind: "text" })
    .text.replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL_CHARACTERS, "");
  return { input, sha256: sha256Hex(bytes), extractor: TEXT_EXTRACTOR, lines: text.split("\n") };
}

/** Reads a `.txt` capture from disk into a {@link RawDraft}; the size is checked before reading. */
export function readTextCapture(file: string): RawDraft {
  checkInputSize(statSync(file).size);
  return decodeTextCapture(readFileSync(file), file);
}

/**
 * A cleaned text capture as a document, or why it holds no article: the capture's own address and
 * date lines are read and set aside ({@link readCaptureHeader}), the outlet's rules, the generic
 * layer and the outlet's learned recurring lines remove boilerplate, then the structure (title,
 * caption, update note, date line, body) is read. `source` is undefined for an outlet not yet in
 * the registry (its URL line names it; the pipeline adds it): only the generic layer cleans. Pure.
 */
export function textDocument(
  raw: RawDraft,
  source: SourceRules | undefined,
  recurring: ReadonlySet<string> = new Set(),
  header: CaptureHeader = readCaptureHeader(raw.lines),
): ExtractedDocument | { failed: string } {
  const lines = raw.lines.map((line, index) => (header.consumed.has(index) ? "" : line));
  const cleaned = cleanLines(lines, source, recurring);
  const extracted = extractCapture(paragraphsOf(cleaned.kept));
  if (!extracted || extracted.body.length === 0)
    return {
      failed: `${raw.input}: no article found after removing boilerplate (need a headline line followed by body paragraphs). Check the capture or the outlet's boilerplate rules in registry/sources.yaml.`,
    };
  const paragraphs = extracted.body.map((p) => p.text);
  const dates = [...header.dates, ...(extracted.dateLine ? [extracted.dateLine] : [])];
  return {
    input: raw.input,
    title: extracted.title,
    markdown: paragraphs.join("\n\n"),
    paragraphs,
    ...(header.url ? { url: header.url } : {}),
    dates: dates.map((value) => ({ value, source: "text" as const })),
    ...(source ? { source } : {}),
    ...(extracted.imageCaption ? { imageCaption: extracted.imageCaption } : {}),
    ...(extracted.imageCredit ? { imageCredit: extracted.imageCredit } : {}),
    ...(extracted.updateNote ? { updateNote: extracted.updateNote } : {}),
    removed: cleaned.discarded,
    warnings: [],
    pageKind: "article",
    provenance: { input: raw.input, sha256: raw.sha256, extractor: raw.extractor },
  };
}

/**
 * Text captures (`.txt`): page text as copied from a browser, boilerplate and all. The reader
 * decodes it and reads its own address and date lines; the outlet stage cleans it by its outlet's
 * rules and learned lines and makes its document (../outlets.ts `captureDocument`).
 */
export const textReader: Reader = {
  name: "text",
  accepts(raw: RawInput): boolean {
    if (raw.contentType) return /^text\/plain\b/i.test(raw.contentType);
    return /\.txt$/i.test(raw.input);
  },
  read(raw: RawInput): ReadItem[] {
    const draft = decodeTextCapture(raw.bytes, raw.input);
    const text = draft.lines.join("\n");
    const bad = (decodeBytes(raw.bytes, { kind: "text" }).text.match(/[\uFFFD\0]/g) ?? []).length;
    if (text.trim() === "" || bad / Math.max(1, text.length) > MAX_UNDECODABLE_SHARE)
      return [
        {
          kind: "failed",
          input: raw.input,
          reason: `${raw.input}: not a text capture (${text.trim() === "" ? "empty" : `${bad} undecodable or NUL characters`}). Check that the file is the page text saved as UTF-8.`,
        },
      ];
    return [
      { kind: "capture", input: raw.input, capture: { draft, header: readCaptureHeader(draft.lines) } },
    ];
  },
};
