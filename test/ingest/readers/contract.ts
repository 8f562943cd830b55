import { createHash } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/content/front-matter.ts";
import { loadRegistries } from "../../../src/content/registry.ts";
import { assembleDraft } from "../../../src/ingest/draft.ts";
import type { RawInput, Reader, ReadItem } from "../../../src/ingest/readers/types.ts";
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
  /**
   * How to read an input, when not by calling `reader.read` directly: the URL reader serves the
   * bytes from a local server and reads what it fetches; a text capture is made a document by the
   * outlet stage after it is read. Items must name the input (its file name).
   */
  read?: (raw: RawInput) => Promise<ReadItem[]> | ReadItem[];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const documents = (items: ReadItem[]) => items.flatMap((i) => (i.kind === "document" ? [i.document] : []));

export function describeReaderContract(
  reader: Pick<Reader, "name" | "accepts"> & Partial<Reader>,
  cases: ContractCase,
): void {
  const readItems = async (raw: RawInput): Promise<ReadItem[]> => {
    if (cases.read) return cases.read(raw);
    if (!reader.read) throw new Error(`${reader.name}: give the contract a read function`);
    return reader.read(raw);
  };
  const garbage: RawInput[] = [
    { input: `empty${cases.extension}`, bytes: new Uint8Array() },
    { input: `nul${cases.extension}`, bytes: new Uint8Array(512) },
    { input: `random${cases.extension}`, bytes: garbageBytes(4096) },
    {
      input: `png${cases.extension}`,
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...garbageBytes(256, 7)]),
    },
    ...cases.valid.map((raw) => ({
      input: join(dirname(raw.input), `truncated-${basename(raw.input)}`),
      bytes: raw.bytes.subarray(0, Math.floor(raw.bytes.length / 3)),
    })),
  ];

  describe(`reader contract: ${reader.name}`, () => {
    it("accepts the inputs it is meant to read", () => {
      // Through an adapter (URLs), the reader is chosen per response; nothing to check here.
      if (cases.read) return;
      for (const raw of cases.valid) expect(reader.accepts(raw), raw.input).toBe(true);
    });

    it("reads every valid input into documents with provenance: the input and the sha256 of its raw bytes", async () => {
      for (const raw of cases.valid) {
        const docs = documents(await readItems(raw));
        expect(docs.length, raw.input).toBeGreaterThan(0);
        for (const doc of docs) {
          expect(doc.provenance.sha256).toBe(sha256(raw.bytes));
          expect(doc.provenance.input).toBe(doc.input);
          expect(doc.input).toContain(basename(raw.input));
          expect(doc.provenance.extractor).toMatch(/^[a-z-]+@\d+/);
        }
      }
    });

    it("yields documents that make valid articles: title, text, no raw HTML", async () => {
      for (const raw of cases.valid) {
        for (const doc of documents(await readItems(raw))) {
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

    it("is deterministic: the same bytes give the same items", async () => {
      for (const raw of cases.valid) expect(await readItems(raw)).toEqual(await readItems(raw));
    });

    it("never throws on garbage bytes, and reports each as failed or skipped with a reason naming it", async () => {
      for (const raw of garbage) {
        let items: ReadItem[] = [];
        try {
          items = await readItems(raw);
        } catch (error) {
          expect.fail(`${raw.input}: threw ${(error as Error).message}`);
        }
        expect(items.length, raw.input).toBeGreaterThan(0);
        for (const item of items) {
          if (item.kind === "failed" || item.kind === "skipped")
            expect(item.reason).toContain(basename(raw.input));
        }
        if (!basename(raw.input).startsWith("truncated-")) expect(documents(items), raw.input).toEqual([]);
      }
    });
  });
}
