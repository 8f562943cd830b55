import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/content/front-matter.ts";
import { loadRegistries } from "../../../src/content/registry.ts";
import { assembleDraft } from "../../../src/ingest/pipeline.ts";
import type { RawInput, Reader, ReaderContext, ReadItem } from "../../../src/ingest/readers/types.ts";
import { compileTopics } from "../../../src/ingest/tag.ts";
import { articleText } from "../../../src/ingest/write.ts";

/**
 * The contract every reader passes (like unjs/unstorage's test/drivers/utils.ts): each reader's
 * test file calls {@link describeReaderContract} with inputs it should read.
 */

const registries = loadRegistries();
const matchers = compileTopics(registries.topics);
const NOW = new Date("2026-01-02T03:04:05Z");

/** Deterministic pseudo-random bytes (a tiny LCG), so a failure reproduces. */
export function garbageBytes(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

export interface ContractCase {
  /** Inputs this reader must read into at least one document. */
  valid: RawInput[];
  /** Name garbage inputs the way this reader's inputs are named (".txt", ".html", ".xml"). */
  extension: string;
  context?: Partial<ReaderContext>;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const documents = (items: ReadItem[]) => items.flatMap((i) => (i.kind === "document" ? [i.document] : []));

export function describeReaderContract(reader: Reader, cases: ContractCase): void {
  const context: ReaderContext = { registries, ...cases.context };
  const garbage: RawInput[] = [
    { input: `empty${cases.extension}`, bytes: new Uint8Array() },
    { input: `nul${cases.extension}`, bytes: new Uint8Array(512) },
    { input: `random${cases.extension}`, bytes: garbageBytes(4096) },
    {
      input: `png${cases.extension}`,
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...garbageBytes(256, 7)]),
    },
    ...cases.valid.map((raw) => ({
      input: `truncated-${raw.input}`,
      bytes: raw.bytes.subarray(0, Math.floor(raw.bytes.length / 3)),
    })),
  ];

  describe(`reader contract: ${reader.name}`, () => {
    it("accepts the inputs it is meant to read", () => {
      for (const raw of cases.valid) expect(reader.accepts(raw), raw.input).toBe(true);
    });

    it("reads every valid input into documents with provenance: the input and the sha256 of its raw bytes", () => {
      for (const raw of cases.valid) {
        const docs = documents(reader.read(raw, context));
        expect(docs.length, raw.input).toBeGreaterThan(0);
        for (const doc of docs) {
          expect(doc.provenance.sha256).toBe(sha256(raw.bytes));
          expect(doc.provenance.input).toBe(doc.input);
          expect(doc.input.startsWith(raw.input)).toBe(true);
          expect(doc.provenance.extractor).toMatch(/^[a-z-]+@\d+/);
        }
      }
    });

    it("yields documents that make valid articles: title, text, no raw HTML", () => {
      for (const raw of cases.valid) {
        for (const doc of documents(reader.read(raw, context))) {
          expect(doc.title.trim()).not.toBe("");
          expect(doc.paragraphs.length).toBeGreaterThan(0);
          expect(doc.markdown).not.toMatch(/<\/?(?:p|div|script|span|a|img|iframe)\b/i);
          const source = doc.source ?? registries.sources[0];
          if (!source) throw new Error("the registry has no sources");
          const { draft } = assembleDraft(doc, source, { now: NOW, toolVersion: "0.0.0", matchers });
          expect(() => parseArticle(articleText(draft, undefined, "draft.md"), "draft.md")).not.toThrow();
        }
      }
    });

    it("is deterministic: the same bytes give the same items", () => {
      for (const raw of cases.valid) expect(reader.read(raw, context)).toEqual(reader.read(raw, context));
    });

    it("never throws on garbage bytes, and reports each as failed or skipped with a reason naming it", () => {
      for (const raw of garbage) {
        let items: ReadItem[] = [];
        expect(() => {
          items = reader.read(raw, context);
        }, raw.input).not.toThrow();
        expect(items.length, raw.input).toBeGreaterThan(0);
        for (const item of items) {
          if (item.kind === "failed" || item.kind === "skipped") expect(item.reason).toContain(raw.input);
        }
        if (!raw.input.startsWith("truncated-")) expect(documents(items), raw.input).toEqual([]);
      }
    });
  });
}
