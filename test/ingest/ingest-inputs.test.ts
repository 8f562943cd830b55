import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/front-matter.ts";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import { Fetcher } from "../../src/ingest/fetch.ts";
import { listHeld, publishHeld } from "../../src/ingest/held.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";
import { fixturePath } from "./readers/helpers.ts";

const NOW = new Date("2026-01-02T03:04:05Z");

/** A registry folder of its own (new outlets get appended to its sources.yaml). */
function tempRegistry(): string {
  const dir = mkdtempSync(join(tmpdir(), "registry-"));
  for (const file of ["topics.yaml", "sources.yaml"]) copyFileSync(join(REGISTRY_DIR, file), join(dir, file));
  return dir;
}

function options(overrides: Partial<IngestOptions> = {}): IngestOptions {
  const registryDir = tempRegistry();
  return {
    outDir: mkdtempSync(join(tmpdir(), "ingest-")),
    dryRun: false,
    registries: loadRegistries(registryDir),
    registryFile: join(registryDir, "sources.yaml"),
    toolVersion: "0.1.0",
    now: NOW,
    ...overrides,
  };
}

const read = (path: string | undefined) => parseArticle(readFileSync(path ?? "", "utf8"), path ?? "");

describe("ingesting a saved HTML page", () => {
  it("writes the article with meta date, byline, normalised URL, and creates the unknown outlet with a warning", async () => {
    const opts = options();
    const report = await ingestInputs([fixturePath("article.html")], opts);
    expect(report.items).toHaveLength(1);
    const [item] = report.items;
    expect(item?.status).toBe("written");
    const article = read(item?.path);
    expect(article).toMatchObject({
      title: "Kremlin Prepares New Mobilization Wave for Kharkiv Push",
      date: "2024-03-22T10:15:00+03:00",
      date_source: "meta",
      byline: "Anna Petrova",
      url: "https://www.example-news.com/2024/03/22/kremlin-mobilization-kharkiv",
      source: "example-news",
      language: "en",
    });
    expect(article.topics).toContain("mobilization");
    expect(article.body).toContain("as many as 300,000 reservists");
    expect(article.provenance.extractor).toMatch(/^html@1\//);
    expect(item?.warnings.join("\n")).toMatch(
      /unknown outlet example-news\.com: created source "example-news"/,
    );
    const registry = readFileSync(opts.registryFile ?? "", "utf8");
    expect(registry).toContain("# The source (outlet) registry."); // the operator's comments survive
    expect(registry).toMatch(
      /# added by ingest on 2026-01-02 from https:\/\/www\.example-news\.com\/.*\n\s+- id: example-news\n\s+name: Example News\n\s+domains: \[example-news\.com\]\n\s+language: en/,
    );
    expect(loadRegistries(join(opts.registryFile ?? "", "..")).sourceById.get("example-news")).toBeTruthy();
  });

  it("leaves the registry alone in a dry run", async () => {
    const opts = options({ dryRun: true });
    const before = readFileSync(opts.registryFile ?? "", "utf8");
    const report = await ingestInputs([fixturePath("article.html")], opts);
    expect(report.items[0]?.warnings.join()).toMatch(/for this run only \(dry run: not saved\)/);
    expect(readFileSync(opts.registryFile ?? "", "utf8")).toBe(before);
  });

  it("keeps a page that is not an article as a held draft, lists it, and publishes it with one call", async () => {
    const opts = options();
    const held = await ingestInputs([fixturePath("listing.html")], opts);
    expect(held.items[0]).toMatchObject({ status: "held" });
    expect(held.items[0]?.reason).toMatch(
      /listing\.html: held, not published: not an article \(page kind "listing"\)\. Publish it with npm run ingest -- --publish /,
    );
    const path = held.items[0]?.path ?? "";
    expect(read(path).held).toBe('not an article (page kind "listing")');
    expect(listHeld(opts.outDir)).toEqual([
      expect.objectContaining({ id: read(path).id, path, reason: 'not an article (page kind "listing")' }),
    ]);
    // Published: the field is gone, and it is no hand edit (a re-ingest leaves it published).
    publishHeld(opts.outDir, read(path).id);
    expect(read(path).held).toBeUndefined();
    expect(listHeld(opts.outDir)).toEqual([]);
    const again = await ingestInputs([fixturePath("listing.html")], {
      ...opts,
      registries: loadRegistries(join(opts.registryFile ?? "", "..")),
    });
    expect(again.items[0]?.status).toBe("unchanged");
    expect(read(path).held).toBeUndefined();
    expect(() => publishHeld(opts.outDir, "no-such-draft")).toThrow(
      /is not a held draft .* There are none\./,
    );
  });

  it("publishes a page that is not an article at once, flagged, with allowNonArticle", async () => {
    const allowed = await ingestInputs(
      [fixturePath("listing.html")],
      options({ allowNonArticle: true, source: "moscow-times" }),
    );
    expect(allowed.items[0]?.status).toBe("written");
    expect(allowed.items[0]?.warnings.join()).toMatch(/NOT AN ARTICLE/);
    expect(read(allowed.items[0]?.path).held).toBeUndefined();
  });
});

describe("hand edits", () => {
  it("are never overwritten by re-ingest unless forced; editor fields survive either way", async () => {
    const opts = options();
    const path = (await ingestInputs([fixturePath("article.html")], opts)).items[0]?.path ?? "";
    const edited = readFileSync(path, "utf8")
      .replace("as many as 300,000 reservists", "as many as 300 000 reservists (corrected)")
      .replace("\nsummary:", "\ntopics_override:\n  add: []\n  remove:\n    - kharkiv\nsummary:");
    writeFileSync(path, edited);
    const again = await ingestInputs([fixturePath("article.html")], {
      ...opts,
      registries: loadRegistries(join(opts.registryFile ?? "", "..")),
    });
    expect(again.items[0]).toMatchObject({ status: "skipped" });
    expect(again.items[0]?.reason).toMatch(
      /was edited by hand since ingest wrote it; left as it is\. Pass --force/,
    );
    expect(readFileSync(path, "utf8")).toBe(edited);
    const forced = await ingestInputs([fixturePath("article.html")], {
      ...opts,
      force: true,
      registries: loadRegistries(join(opts.registryFile ?? "", "..")),
    });
    expect(forced.items[0]?.status).toBe("written");
    const article = read(path);
    expect(article.body).not.toContain("(corrected)");
    expect(article.topics_override).toEqual({ add: [], remove: ["kharkiv"] });
  });
});

describe("ingesting feeds", () => {
  it("writes full-text items, and summary-only items as briefs linking to the article, without --fetch", async () => {
    const report = await ingestInputs([fixturePath("full.rss")], options());
    expect(report.items.map((i) => i.status)).toEqual(["written", "written"]);
    expect(read(report.items[0]?.path)).toMatchObject({
      date: "2024-03-22T10:15:00+03:00",
      date_source: "feed",
      byline: "Anna Petrova",
      source: "example-news",
    });
    expect(read(report.items[0]?.path).brief).toBeUndefined();
    const brief = read(report.items[1]?.path);
    expect(brief).toMatchObject({
      title: "Summary Only Item",
      brief: true,
      url: "https://www.example-news.com/2024/03/23/summary-only",
      source: "example-news",
    });
    expect(brief.provenance.extractor).toBe("feed-brief@1");
    expect(report.items[1]?.warnings.join()).toMatch(
      /a brief: the feed gives its title.* only, not the article's text \(pass --fetch to fetch it\)/,
    );
  });

  it("says when a large run goes on to its stories and its writes", async () => {
    const items = Array.from(
      { length: 500 },
      (_, i) => `<item><title>Council report number ${i} on the city budget</title>
<link>https://www.example-news.com/2024/03/${String((i % 28) + 1).padStart(2, "0")}/report-${i}</link>
<pubDate>${new Date(Date.UTC(2024, 2, (i % 28) + 1, 9)).toUTCString()}</pubDate>
<description>The council published report ${i} on the city budget for the year, with figures for each district.</description></item>`,
    );
    const feed = join(mkdtempSync(join(tmpdir(), "feed-")), "large.rss");
    writeFileSync(
      feed,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>https://www.example-news.com/</link>${items.join("\n")}</channel></rss>`,
    );
    const stages: string[] = [];
    const progress = {
      start() {},
      add() {},
      tick() {},
      stage: (line: string) => stages.push(line),
      done() {},
    };
    const report = await ingestInputs([feed], options({ dryRun: true, progress }));
    expect(report.items).toHaveLength(500);
    expect(stages).toEqual(["Deciding the stories of 500 articles", "Checking 500 articles"]);
    // A small run says nothing more than its inputs.
    stages.length = 0;
    await ingestInputs([fixturePath("full.rss")], options({ progress }));
    expect(stages).toEqual([]);
  });

  it("reports an article that could not be written as failed, naming the file", async () => {
    const opts = options();
    // The item's year folder cannot be made: a file holds its name.
    writeFileSync(join(opts.outDir, "2024"), "not a folder\n");
    const report = await ingestInputs([fixturePath("full.rss")], opts);
    const [item] = report.items;
    expect(item?.status).toBe("failed");
    expect(item?.reason).toMatch(/2024\/03\/.*\.md could not be written: .*(ENOTDIR|EEXIST)/);
  });
});

describe.each([
  ["each run reading every article", false],
  ["with the archive index kept between runs", true],
])("folders, globs and text captures learned across runs, %s", (_name, indexed) => {
  const runOptions = (overrides: Partial<IngestOptions> = {}) =>
    options({
      ...(indexed ? { indexCache: mkdtempSync(join(tmpdir(), "ingest-index-")) } : {}),
      ...overrides,
    });
  const capture = (n: number) =>
    [
      `Headline number ${n} about the city budget`,
      "",
      `The city council approved budget number ${n} on Tuesday after a long debate about schools and roads.`,
      "",
      "Help us keep the lights on: chip in today",
      "",
      `Officials said plan number ${n} would be reviewed again in the autumn session, https://www.themoscowtimes.com/${n}.`,
      "",
    ].join("\n");

  it("expands a folder, and learns an appeal after it recurs in 3 captures of one outlet", async () => {
    const folder = mkdtempSync(join(tmpdir(), "captures-"));
    mkdirSync(join(folder, "more"));
    writeFileSync(join(folder, "1.txt"), capture(1));
    writeFileSync(join(folder, "more", "2.txt"), capture(2));
    writeFileSync(join(folder, "notes.pdf"), "not ingested");
    const opts = runOptions({ day: "2024-03-22" });
    const first = await ingestInputs([folder], opts);
    expect(first.items.map((i) => [i.input.replace(folder, ""), i.status])).toEqual([
      ["/1.txt", "written"],
      ["/more/2.txt", "written"],
    ]);
    expect(read(first.items[0]?.path).body).toContain("chip in today"); // seen twice: not yet boilerplate

    writeFileSync(join(folder, "3.txt"), capture(3));
    const second = await ingestInputs([join(folder, "**/*.txt")], opts);
    expect(second.items.map((i) => i.status)).toEqual(["written", "written", "written"]);
    for (const item of second.items) {
      expect(read(item.path).body).not.toContain("chip in today");
      expect(item.removed).toContainEqual(
        expect.objectContaining({
          text: "Help us keep the lights on: chip in today",
          reason: expect.stringMatching(/^recurring line/),
        }),
      );
    }
  });

  it("learns a capture's lines for the outlet it is cleaned as: its URL line's, not a domain it links to", async () => {
    const folder = mkdtempSync(join(tmpdir(), "captures-"));
    // Three captures of an outlet new to the registry (their URL line names it) that link to the
    // Moscow Times, and one Moscow Times capture with the same appeal: the appeal recurs in three
    // captures of the new outlet, but in only one of the Moscow Times.
    for (const n of [1, 2, 3])
      writeFileSync(join(folder, `${n}.txt`), `URL: https://new-outlet.example/story-${n}\n\n${capture(n)}`);
    writeFileSync(join(folder, "4.txt"), `URL: https://www.themoscowtimes.com/story-4\n\n${capture(4)}`);
    const report = await ingestInputs([folder], runOptions({ day: "2024-03-22", dryRun: true }));
    expect(report.items.map((i) => i.status)).toEqual(["written", "written", "written", "written"]);
    const [, , , moscowTimes] = report.items;
    expect(moscowTimes?.removed.map((r) => r.text)).not.toContain(
      "Help us keep the lights on: chip in today",
    );
  });

  it("reports a glob that matches nothing and an unknown kind of file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "odd-"));
    writeFileSync(join(dir, "image.png"), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const report = await ingestInputs([join(dir, "*.nothing"), join(dir, "image.png")], runOptions());
    expect(report.items.map((i) => i.status)).toEqual(["failed", "failed"]);
    expect(report.items[0]?.reason).toMatch(/the pattern matches no files/);
    expect(report.items[1]?.reason).toMatch(/image\.png: not a kind of input ingest reads/);
  });

  it("learns from the captures of earlier runs: a third capture alone drops the appeal the first two had", async () => {
    const folder = mkdtempSync(join(tmpdir(), "captures-"));
    for (const n of [1, 2, 3]) writeFileSync(join(folder, `${n}.txt`), capture(n));
    const opts = runOptions({ day: "2024-03-22" });
    await ingestInputs([join(folder, "1.txt"), join(folder, "2.txt")], opts);
    const third = await ingestInputs([join(folder, "3.txt")], opts);
    expect(third.items.map((i) => i.status)).toEqual(["written"]);
    expect(read(third.items[0]?.path).body).not.toContain("chip in today");
  });

  it("knows the bodies written by earlier runs: the same text under another headline is a duplicate", async () => {
    const folder = mkdtempSync(join(tmpdir(), "captures-"));
    writeFileSync(join(folder, "1.txt"), capture(1));
    const opts = runOptions({ day: "2024-03-22" });
    const first = await ingestInputs([join(folder, "1.txt")], opts);
    expect(first.items.map((i) => i.status)).toEqual(["written"]);
    // Twice: the second time the archive index (when kept) answers from its cache.
    for (const name of ["again.txt", "once-more.txt"]) {
      writeFileSync(join(folder, name), capture(1).replace("Headline number 1", `Another headline ${name}`));
      const again = await ingestInputs([join(folder, name)], opts);
      expect(again.items.map((i) => [i.status, i.reason])).toEqual([
        ["duplicate", expect.stringMatching(/same body text from the same outlet as .*\.md/)],
      ]);
    }
  });
});

describe("URLs (local server)", () => {
  let server: Server;
  let base: string;
  const served: string[] = [];
  beforeAll(async () => {
    const page = readFileSync(fixturePath("article.html"));
    server = createServer((req, res) => {
      served.push(req.url ?? "");
      if (req.url === "/article") {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(page);
      } else if (req.url === "/feed.atom") {
        res.setHeader("content-type", "application/atom+xml");
        res.end(
          readFileSync(fixturePath("summary.atom"), "utf8").replace(
            "https://www.example-news.com/2024/03/22/kremlin-mobilization-kharkiv",
            `${base}/article`,
          ),
        );
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetcher = () =>
    new Fetcher({ userAgent: "media-digest/test", hostDelayMs: 0, backoffMs: 1, retries: 0 });

  it("fetches a URL argument and reads it by its content type; a 404 is a failed item with the reason", async () => {
    const report = await ingestInputs([`${base}/article`, `${base}/gone`], options({ fetcher: fetcher() }));
    expect(report.items[0]).toMatchObject({ input: `${base}/article`, status: "written" });
    expect(read(report.items[0]?.path).title).toBe("Kremlin Prepares New Mobilization Wave for Kharkiv Push");
    expect(report.items[1]).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/\/gone: HTTP 404/),
    });
  });

  it("with fetch, follows a summary-only feed item to its page and extracts it", async () => {
    const opts = options({ fetcher: fetcher() });
    const without = await ingestInputs([`${base}/feed.atom`], opts);
    expect(without.items.map((i) => i.status)).toEqual(["written"]);
    expect(read(without.items[0]?.path).brief).toBe(true);
    // Fetched later into the same folder, the article's text replaces the brief.
    const withFetch = await ingestInputs([`${base}/feed.atom`], {
      ...opts,
      registries: loadRegistries(join(opts.registryFile ?? "", "..")),
      fetch: true,
    });
    expect(withFetch.items).toHaveLength(1);
    expect(withFetch.items[0]).toMatchObject({
      status: "written",
      input: `${base}/feed.atom#item-1 → ${base}/article`,
    });
    const article = read(withFetch.items[0]?.path);
    expect(article.body).toContain("as many as 300,000 reservists");
    expect(article.brief).toBeUndefined();
    expect(withFetch.items[0]?.path).toBe(without.items[0]?.path);
  });
});

describe("a Russian text capture", () => {
  it("is dated from its date line with the explicit zone, and detected as Russian", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ru-"));
    const input = join(dir, "ru.txt");
    writeFileSync(
      input,
      [
        "Власти готовят новую волну мобилизации",
        "",
        "22 марта 2024 г., 10:15 MSK",
        "",
        "Власти готовят новую волну мобилизации для наступления на Харьков, сообщили источники, близкие к Минобороны.",
        "",
        "Это решение уже принято, его объявят летом, сказал один из собеседников издания.",
      ].join("\n"),
    );
    const report = await ingestInputs([input], options({ source: "moscow-times" }));
    expect(report.items[0]?.status).toBe("written");
    expect(read(report.items[0]?.path)).toMatchObject({
      date: "2024-03-22T10:15:00+03:00",
      date_source: "text",
      language: "ru",
    });
    expect(report.items[0]?.warnings.join()).toMatch(
      /declared language "en" does not match the text; detected "ru"/,
    );
  });
});
