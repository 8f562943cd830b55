import { copyFileSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import {
  htmlNestingDepth,
  MAX_FEED_ITEMS,
  MAX_HTML_DEPTH,
  MAX_INPUT_BYTES,
} from "../../src/ingest/limits.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";
import type { RunReport } from "../../src/ingest/report.ts";
import { cpuTimed } from "../helpers/cpu-time.ts";

/**
 * Issue 7, "limits", for the HTML and feed readers: every hostile input below is generated here,
 * goes through the real pipeline (ingestInputs), and must end in a clear report within bounded
 * time and memory. The text reader's limits (MAX_INPUT_BYTES, undecodable bytes) and the YAML
 * alias bomb are tested in ingest-robustness.test.ts and bad-content.test.ts.
 */

/** Generous bounds for a loaded 2-core machine; the measured figures are printed. */
const MAX_SECONDS = 30;
const MAX_RSS_GROWTH_MB = 512;

function folder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function options(): IngestOptions {
  const registryFile = join(folder("limits-registry-"), "sources.yaml");
  copyFileSync(join(REGISTRY_DIR, "sources.yaml"), registryFile);
  return {
    outDir: folder("limits-out-"),
    dryRun: false,
    registries: loadRegistries(REGISTRY_DIR),
    // unknown outlets would go here, never into the repository's registry
    registryFile,
    toolVersion: "0.0.0",
    now: new Date("2026-01-01T00:00:00Z"),
    day: "2024-05-01",
  };
}

/** Ingests one file, measuring CPU time (see `cpu-time.ts`) and RSS growth; prints the figures and the report. */
async function measured(
  name: string,
  file: string,
): Promise<{ report: RunReport; seconds: number; rssMb: number }> {
  // The registries are loaded first: what is measured is the input's cost, not theirs.
  const runOptions = options();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const { value: report, ms } = await cpuTimed(() => ingestInputs([file], runOptions));
  const seconds = ms / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rssMb = (peak - rss0) / 1024 / 1024;
  const tally = new Map<string, number>();
  for (const item of report.items) tally.set(item.status, (tally.get(item.status) ?? 0) + 1);
  console.log(
    `reader limits, ${name}: ${seconds.toFixed(2)} s of CPU, RSS +${rssMb.toFixed(0)} MB, ${report.items.length} report entries (${[...tally].map(([s, n]) => `${n} ${s}`).join(", ")}); first: ${report.items[0]?.status} ${report.items[0]?.reason?.slice(0, 240) ?? ""}`,
  );
  return { report, seconds, rssMb };
}

const PARAGRAPH = `<p>${"A sentence of the article inside the nested page, long enough to count. ".repeat(4)}</p>`;

/** A sparse file of `bytes` bytes starting with `head`: no disk is spent on the size. */
function sparseFile(name: string, head: string, bytes: number): string {
  const file = join(folder("limits-in-"), name);
  writeFileSync(file, head);
  truncateSync(file, bytes);
  return file;
}

/** An input over MAX_INPUT_BYTES fails with a reason naming the limit, refused on its size: the file
 * was never read, so nothing near its size was allocated. */
async function expectRefusedOnSize(name: string, file: string): Promise<void> {
  const { report, seconds, rssMb } = await measured(name, file);
  expect(report.items).toHaveLength(1);
  expect(report.items[0]?.status).toBe("failed");
  expect(report.items[0]?.reason).toMatch(/is 11\.0 MB, over the 10\.0 MB limit .*MAX_INPUT_BYTES/);
  expect(seconds).toBeLessThan(2);
  expect(rssMb).toBeLessThan(10);
}

describe("HTML reader limits", () => {
  it("counts nesting depth linearly, skipping void elements, optional end tags, comments and scripts", () => {
    expect(htmlNestingDepth("<div><div><p>a<p>b<br><img src=x></div></div>")).toBe(2);
    expect(htmlNestingDepth("<div><!-- <div><div> --><script>'<div><div>'</script><span/></div>")).toBe(1);
    expect(htmlNestingDepth("<div>".repeat(5000), 600)).toBe(601);
  });

  it("handles deeply nested HTML (100,000 levels) within bounded memory and time, with a clear report", async () => {
    const levels = 100_000;
    const file = join(folder("limits-in-"), "nested.html");
    writeFileSync(
      file,
      `<!doctype html><html lang="en"><head><title>Nested page</title><meta property="og:type" content="article"><link rel="canonical" href="https://nested.example/a"></head><body>${"<div>".repeat(levels)}<article><h1>Nested page</h1>${PARAGRAPH}${PARAGRAPH}</article>${"</div>".repeat(levels)}</body></html>`,
    );
    const { report, seconds, rssMb } = await measured(`${levels} nested <div>s`, file);
    expect(report.items).toHaveLength(1);
    expect(report.items[0]?.status).toBe("failed");
    expect(report.items[0]?.reason).toContain(`more than ${MAX_HTML_DEPTH} levels deep (MAX_HTML_DEPTH`);
    expect(seconds).toBeLessThan(MAX_SECONDS);
    expect(rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 60_000);

  it("still extracts a page nested just under the limit", async () => {
    const levels = 200;
    const file = join(folder("limits-in-"), "nested-ok.html");
    writeFileSync(
      file,
      `<!doctype html><html lang="en"><head><title>Nested page</title><meta property="og:type" content="article"><link rel="canonical" href="https://nested.example/b"></head><body>${"<div>".repeat(levels)}<article><h1>Nested page</h1>${PARAGRAPH}${PARAGRAPH}</article>${"</div>".repeat(levels)}</body></html>`,
    );
    const { report } = await measured(`${levels} nested <div>s`, file);
    expect(report.items.map((i) => i.status)).toEqual(["written"]);
  }, 30_000);

  it("refuses an HTML page over MAX_INPUT_BYTES before parsing it", async () => {
    const file = sparseFile(
      "huge.html",
      "<!doctype html><html><head><title>Huge</title>",
      MAX_INPUT_BYTES + 1024 * 1024,
    );
    await expectRefusedOnSize("11 MB page", file);
  });
});

describe("feed reader limits", () => {
  it("reads a billion-laughs XML feed without expanding its entities, with a clear report", async () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    const file = join(folder("limits-in-"), "lolz.xml");
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${entities.join("\n")}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lol9;</content:encoded></item></channel></rss>`,
    );
    const { report, seconds, rssMb } = await measured("billion laughs (10^9 'lol's if expanded)", file);
    // feedsmith (fast-xml-parser) leaves custom entities unexpanded: "&lol9;" stays six characters,
    // so the item is a summary-only item without a link, skipped with a reason.
    expect(report.items).toHaveLength(1);
    expect(report.items[0]?.status).toBe("skipped");
    expect(report.items[0]?.reason).toContain("summary-only item without a link");
    expect(JSON.stringify(report).length).toBeLessThan(10_000);
    expect(seconds).toBeLessThan(5);
    expect(rssMb).toBeLessThan(100);
  });

  it("refuses a feed item whose content nests 100,000 levels deep, and reads the feed's other item", async () => {
    const deep = `${"<div>".repeat(100_000)}${PARAGRAPH}${PARAGRAPH}${"</div>".repeat(100_000)}`;
    const file = join(folder("limits-in-"), "deep.rss");
    const item = (n: number, content: string) =>
      `<item><title>Item ${n}</title><link>https://deep.example/${n}</link><content:encoded><![CDATA[${content}]]></content:encoded></item>`;
    writeFileSync(
      file,
      `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Deep</title>${item(1, deep)}${item(2, PARAGRAPH.repeat(3))}</channel></rss>`,
    );
    const { report, seconds } = await measured("feed item nested 100,000 deep", file);
    expect(report.items.map((i) => i.status)).toEqual(["failed", "written"]);
    expect(report.items[0]?.reason).toContain(
      `item-1: the item's content: elements nest more than ${MAX_HTML_DEPTH}`,
    );
    expect(seconds).toBeLessThan(MAX_SECONDS);
  }, 60_000);

  it("handles a feed with 100,000 items within bounded memory and time, with a clear report", async () => {
    const count = 100_000;
    const items: string[] = [];
    for (let i = 1; i <= count; i++)
      items.push(`<item><title>Item ${i}</title><link>https://m.example/${i}</link></item>`);
    const file = join(folder("limits-in-"), "many.xml");
    // ~5 MB: under MAX_INPUT_BYTES, so the item cap, not the size limit, is what is tested
    writeFileSync(
      file,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Many</title>${items.join("")}</channel></rss>`,
    );
    const { report, seconds, rssMb } = await measured(`${count} items`, file);
    // every item has exactly one entry: the first MAX_FEED_ITEMS are read (here: headlines whose
    // links are not fetched without the network, so briefs), the rest skipped for the cap, none dropped
    expect(report.items).toHaveLength(count);
    const capped = report.items.filter((i) => i.reason?.includes("(MAX_FEED_ITEMS)"));
    expect(capped).toHaveLength(count - MAX_FEED_ITEMS);
    expect(capped[0]?.input).toBe(`${file}#item-${MAX_FEED_ITEMS + 1}`);
    expect(capped[0]?.reason).toContain(`the feed has ${count} items; only the first ${MAX_FEED_ITEMS}`);
    expect(capped.every((i) => i.status === "skipped")).toBe(true);
    const briefs = report.items.filter((i) => i.status === "written");
    expect(briefs).toHaveLength(MAX_FEED_ITEMS);
    expect(briefs.every((i) => i.warnings.some((w) => w.startsWith("a brief:")))).toBe(true);
    expect(seconds).toBeLessThan(MAX_SECONDS);
    expect(rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  }, 60_000);

  it("refuses a feed over MAX_INPUT_BYTES before parsing it", async () => {
    const file = sparseFile(
      "huge.xml",
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>',
      MAX_INPUT_BYTES + 1024 * 1024,
    );
    await expectRefusedOnSize("11 MB feed", file);
  });
});
