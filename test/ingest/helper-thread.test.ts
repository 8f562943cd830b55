import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import { HELPER_THREAD_BYTES, HelperThread } from "../../src/ingest/helper-thread.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";
import { readerFor, readInput } from "../../src/ingest/read.ts";
import type { RawInput } from "../../src/ingest/readers/types.ts";
import { describeWithShared, sharedPath } from "../helpers/shared.ts";
import { fixturePath } from "./readers/helpers.ts";

/**
 * A large run's second thread (src/ingest/helper-thread.ts) reads pages and feeds ahead and
 * prepares and writes half of the articles: the run's articles and reports must be exactly those of
 * a run on one thread. Real pages: the first 40 of AEB's saved news pages (1.6 MB gzipped).
 */

const NOW = new Date("2026-01-02T03:04:05Z");

function options(helperThread: boolean): IngestOptions {
  return {
    outDir: mkdtempSync(join(tmpdir(), "ingest-helper-")),
    dryRun: false,
    registries: loadRegistries(REGISTRY_DIR),
    toolVersion: "0.1.0",
    now: NOW,
    helperThread,
  };
}

/** Every article file of a folder, by its path inside it. */
function filesOf(dir: string): Map<string, string> {
  return new Map(listArticleFiles(dir).map((file) => [file, readFileSync(join(dir, file), "utf8")]));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describeWithShared("a large run on two threads", ["corpora", "aeb", "html"], () => {
  it("writes the same articles and reports as a run on one", async () => {
    const dir = sharedPath("corpora", "aeb", "html");
    const pages = readdirSync(dir)
      .sort()
      .slice(0, 40)
      .map((name) => join(dir, name));
    const started = vi.spyOn(HelperThread, "start");
    const two = options(true);
    const twoReport = await ingestInputs(pages, two);
    // The pages are enough for a second thread, so it ran.
    expect(started).toHaveBeenCalledTimes(1);
    expect(started.mock.results[0]?.value).toBeInstanceOf(HelperThread);

    const one = options(false);
    const oneReport = await ingestInputs(pages, one);
    expect(started).toHaveBeenCalledTimes(1);

    const written = oneReport.items.filter((item) => item.status === "written").length;
    expect(written).toBeGreaterThan(30);
    const inFolder = (report: typeof oneReport, out: string) =>
      report.items.map((item) => ({ ...item, path: item.path && relative(out, item.path) }));
    expect(inFolder(twoReport, two.outDir)).toEqual(inFolder(oneReport, one.outDir));
    const twoFiles = filesOf(two.outDir);
    expect(twoFiles.size).toBe(written + oneReport.items.filter((item) => item.status === "held").length);
    expect(twoFiles).toEqual(filesOf(one.outDir));
    // No temp file of either writing thread is left behind.
    expect(
      readdirSync(two.outDir, { recursive: true }).filter((name) => String(name).includes(".ingest-")),
    ).toEqual([]);
  }, 120_000);
});

it("starts no second thread for a small run", () => {
  const feed = fixturePath("full.rss");
  const raw: RawInput = { input: feed, bytes: readFileSync(feed) };
  expect(HelperThread.start([raw, raw], readerFor)).toBeUndefined();
  expect(raw.bytes.byteLength).toBeLessThan(HELPER_THREAD_BYTES);
});

it("reads every input as the run's thread would, a text capture too, and leaves the first to the run", async () => {
  const feed = fixturePath("full.rss");
  const capture = join(mkdtempSync(join(tmpdir(), "helper-capture-")), "capture.txt");
  writeFileSync(capture, "Headline\n\nA paragraph of the article.\n");
  const raws: RawInput[] = [feed, capture, feed].map((input) => ({ input, bytes: readFileSync(input) }));
  // Readers resolve nothing: a capture's outlet and cleaning come after reading, on the run's thread.
  const thread = HelperThread.start(raws, readerFor, 0);
  expect(thread).toBeInstanceOf(HelperThread);
  try {
    const capture = await thread?.take(raws[1] as RawInput);
    expect(capture).toEqual(readInput(raws[1] as RawInput));
    expect(capture?.map((item) => item.kind)).toEqual(["capture"]);
    const read = await thread?.take(raws[2] as RawInput);
    expect(read).toEqual(readInput(raws[2] as RawInput));
    expect(read?.length).toBeGreaterThan(0);
    // The first input is the run's own to read, as is one taken twice.
    expect(await thread?.take(raws[0] as RawInput)).toBeUndefined();
    expect(await thread?.take(raws[2] as RawInput)).toBeUndefined();
  } finally {
    await thread?.close();
  }
});
