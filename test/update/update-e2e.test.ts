import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";
import {
  atomFeed,
  fixtureItems,
  jsonFeed,
  NEW_ATOM_ITEM,
  rssFeed,
  type Served,
  serveFeeds,
} from "./feed-server.ts";

/**
 * Issue 15, end to end on this machine: a local server serves three feeds (RSS, Atom, JSON Feed);
 * `npm run update` ingests them and builds; a second run changes nothing (304s, nothing written);
 * one new item in one feed gives exactly one new article, its page and updated feeds, and leaves
 * the pages it does not touch unwritten.
 */

const CLI_TIMEOUT = 120_000;

/** Every file under `dir`: relative path → time and bytes. */
function snapshot(dir: string): Map<string, { mtimeMs: number; text: Buffer }> {
  const files = new Map<string, { mtimeMs: number; text: Buffer }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(dir, file), { mtimeMs: statSync(file).mtimeMs, text: readFileSync(file) });
  }
  return files;
}

/** The build's mark on the output folder (src/site/output-folder.ts), written by every build: not a page. */
const BUILD_STAMP = ".media-digest-build";

/** Paths whose file was written (time changed) or appeared between two snapshots. */
function touched(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>): string[] {
  return [...after]
    .filter(([path, file]) => path !== BUILD_STAMP && before.get(path)?.mtimeMs !== file.mtimeMs)
    .map(([path]) => path)
    .sort();
}

describe("npm run update, end to end", () => {
  const work = mkdtempSync(join(tmpdir(), "update-e2e-"));
  const registry = join(work, "registry");
  const articles = join(work, "articles");
  const site = join(work, "_site");
  const items = fixtureItems();
  const files = new Map<string, { body: string; type: string; modified: string }>();
  let server: Awaited<ReturnType<typeof serveFeeds>>;
  let host: string;

  const publish = () => {
    files.set("/courier.rss", {
      body: rssFeed("courier.example", items.rss),
      type: "application/rss+xml",
      modified: "2026-11-21T10:30:00Z",
    });
    files.set("/ledger.atom", {
      body: atomFeed("ledger.example", items.atom),
      type: "application/atom+xml",
      modified: items.atom
        .map((i) => i.date)
        .sort()
        .at(-1) as string,
    });
    files.set("/post.json", {
      body: jsonFeed("post.example", items.json),
      type: "application/feed+json",
      modified: "2026-11-25T12:00:00Z",
    });
  };

  /** The CLI as `npm run update` runs it; asynchronous, so this process's server answers meanwhile. */
  const update = async (...args: string[]) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [join(projectRoot, "scripts/run.mjs"), join(projectRoot, "src/cli/update.ts"), ...args],
      {
        cwd: work,
        env: {
          ...process.env,
          DIGEST_OUTPUT: site,
          DIGEST_CACHE: join(work, ".cache", "build"),
          DIGEST_SITE_URL: "https://digest.example/",
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill(), CLI_TIMEOUT);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(timer);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`  update ${args.slice(4).join(" ")}: exit ${code} in ${seconds} s\n`);
    if (code !== 0) process.stderr.write(stderr);
    return { code, stderr, report: stdout.trim() ? JSON.parse(stdout) : undefined };
  };
  const served = (from: number): Served[] => server.log.slice(from);

  beforeAll(async () => {
    publish();
    server = await serveFeeds(files);
    host = server.base;
    cpSync(join(projectRoot, "registry", "topics.yaml"), join(registry, "topics.yaml"));
    cpSync(join(projectRoot, "registry", "site.yaml"), join(registry, "site.yaml"));
    writeFileSync(
      join(registry, "sources.yaml"),
      `sources:
  - { id: northern-courier, name: Northern Courier, domains: [courier.example], language: en }
  - { id: eastern-ledger, name: Eastern Ledger, domains: [ledger.example], language: en }
  - { id: southern-post, name: Southern Post, domains: [post.example], language: en }
`,
    );
    writeFileSync(
      join(registry, "subscriptions.yaml"),
      `subscriptions:
  - { id: courier, kind: feed, url: "${host}/courier.rss", outlet: northern-courier, every: 1h }
  - { id: ledger, kind: feed, url: "${host}/ledger.atom", outlet: eastern-ledger, every: 1h }
  - { id: post, kind: feed, url: "${host}/post.json", outlet: southern-post, every: 30m, full_text: true }
`,
    );
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const args = ["--registry", registry, "--out", articles, "--json"];
  let afterFirst: { articles: ReturnType<typeof snapshot>; site: ReturnType<typeof snapshot>; state: string };

  it("polls three feeds, ingests and tags their items, and builds the site", async () => {
    const first = await update(...args);
    expect(first.code).toBe(0);
    expect(served(0).map((s) => s.status)).toEqual([200, 200, 200]);
    const byId = Object.fromEntries(first.report.subscriptions.map((s: { id: string }) => [s.id, s]));
    for (const id of ["courier", "ledger", "post"])
      expect(byId[id]).toMatchObject({ status: "updated", new: 2 });
    expect(first.report.counts).toMatchObject({ updated: 3, written: 6, failed: 0 });
    const written = readdirSync(articles, { recursive: true }).filter((f) => String(f).endsWith(".md"));
    expect(written).toHaveLength(6);
    const courier = readFileSync(byId.courier.written[0], "utf8");
    expect(courier).toMatch(/^source: northern-courier$/m);
    expect(courier).toMatch(/^ {2}- mobilization$/m);
    expect(readFileSync(join(site, "feed.xml"), "utf8")).toContain(
      "Election commission sets the runoff date",
    );
    expect(existsSync(join(site, "pagefind"))).toBe(true);
    const state = readFileSync(join(work, "state", "subscriptions.json"), "utf8");
    expect(JSON.parse(state).subscriptions.ledger).toMatchObject({ failures: 0, url: `${host}/ledger.atom` });
    afterFirst = { articles: snapshot(articles), site: snapshot(site), state };
  });

  it("a second run polls again, gets 304s and writes nothing (articles, site)", async () => {
    const from = server.log.length;
    const second = await update(...args, "--all");
    expect(second.code).toBe(0);
    expect(served(from).map((s) => s.status)).toEqual([304, 304, 304]);
    expect(second.report.counts).toMatchObject({ unchanged: 3, written: 0 });
    for (const sub of second.report.subscriptions) expect(sub).toMatchObject({ new: 0, notModified: 1 });
    expect(touched(afterFirst.articles, snapshot(articles))).toEqual([]);
    expect(touched(afterFirst.site, snapshot(site))).toEqual([]);
  });

  it("a run when nothing is due fetches nothing and changes no file, not even the state", async () => {
    const state = readFileSync(join(work, "state", "subscriptions.json"), "utf8");
    const from = server.log.length;
    const third = await update(...args);
    expect(third.code).toBe(0);
    expect(served(from)).toEqual([]);
    expect(third.report.counts).toMatchObject({ "not-due": 3, written: 0 });
    expect(readFileSync(join(work, "state", "subscriptions.json"), "utf8")).toBe(state);
    expect(touched(afterFirst.site, snapshot(site))).toEqual([]);
  });

  it("one new item in one feed: exactly one new article, its page, updated feeds; other pages untouched", async () => {
    const beforeArticles = snapshot(articles);
    const beforeSite = snapshot(site);
    const feedIds = (text: string) => [...text.matchAll(/<id>(tag:[^<]+)<\/id>/g)].map((m) => m[1]);
    const oldIds = feedIds(readFileSync(join(site, "feed.xml"), "utf8"));
    items.atom.unshift(NEW_ATOM_ITEM);
    publish();
    const from = server.log.length;
    const fourth = await update(...args, "--all");
    expect(fourth.code).toBe(0);
    expect(served(from).map((s) => `${s.status} ${s.path}`)).toEqual([
      "304 /courier.rss",
      "200 /ledger.atom",
      "304 /post.json",
    ]);
    expect(fourth.report.counts).toMatchObject({ written: 1, updated: 1, unchanged: 2 });
    const ledger = fourth.report.subscriptions.find((s: { id: string }) => s.id === "ledger");
    expect(ledger).toMatchObject({ new: 1, unchanged: 2 });

    // Articles: one file added, none rewritten.
    const newArticles = touched(beforeArticles, snapshot(articles));
    expect(newArticles).toHaveLength(1);
    expect(newArticles[0]).toMatch(
      /^2026\/12\/turnout-in-the-second-round-of-the-election-falls-[0-9a-f]{8}\.md$/,
    );

    // Site: the new article's page, and the feeds, are written; no other article page is.
    const written = touched(beforeSite, snapshot(site));
    const articlePages = written.filter((p) => p.startsWith("articles/"));
    expect(articlePages).toEqual([
      expect.stringMatching(
        /^articles\/2026\/12\/02\/turnout-in-the-second-round-of-the-election-falls-[0-9a-f]{8}\/index\.html$/,
      ),
    ]);
    expect(written).toEqual(expect.arrayContaining(["feed.xml", "feed.rss", "feed.json"]));
    expect(written).toEqual(
      expect.arrayContaining(["sources/eastern-ledger/feed.xml", "topics/elections/feed.xml"]),
    );
    // Feeds the new item is not in stay as they were (listing pages may change: charts, counts).
    for (const untouched of [
      "sources/northern-courier/feed.xml",
      "sources/southern-post/feed.json",
      "topics/mobilization/feed.xml",
    ])
      expect(written).not.toContain(untouched);

    // Feeds: the new item on top, every earlier item with the id it had.
    const atom = readFileSync(join(site, "feed.xml"), "utf8");
    expect(atom).toContain("Turnout in the second round of the election falls");
    const ids = feedIds(atom);
    expect(ids).toEqual(expect.arrayContaining(oldIds));
    expect(ids).toHaveLength(oldIds.length + 1);
  });

  it("a corrected date moves the article's page: the old URL redirects to the new one, its feed item keeps its id", async () => {
    const atomBefore = readFileSync(join(site, "feed.xml"), "utf8");
    const runoff = items.atom.find((item) => item.slug === "runoff-date-set") as (typeof items.atom)[number];
    runoff.date = "2026-11-21T09:15:00+00:00";
    publish();
    const fifth = await update(...args, "--all");
    expect(fifth.code).toBe(0);
    const ledger = fifth.report.subscriptions.find((s: { id: string }) => s.id === "ledger");
    expect(ledger).toMatchObject({ new: 0, changed: 1 });
    const [from, to] = [
      /\/articles\/2026\/11\/22\/(election-commission-sets-the-runoff-date-[0-9a-f]{8})\//,
      /\/articles\/2026\/11\/21\/(election-commission-sets-the-runoff-date-[0-9a-f]{8})\//,
    ];
    const redirects = readFileSync(join(site, "_redirects"), "utf8");
    const line = redirects.split("\n").find((l) => from.test(l));
    expect(line).toMatch(new RegExp(`^${from.source} ${to.source} 301$`));
    const id = from.exec(line as string)?.[1] as string;
    expect(existsSync(join(site, "articles/2026/11/22", id))).toBe(false);
    expect(existsSync(join(site, "articles/2026/11/21", id, "index.html"))).toBe(true);
    expect(readFileSync(join(work, "state", "redirects"), "utf8")).toBe(redirects);
    // The feed item is the same entry for readers: same id, new link.
    const entryId = (atom: string) => new RegExp(`<id>(tag:[^<]*articles/${id})</id>`).exec(atom)?.[1];
    const atomAfter = readFileSync(join(site, "feed.xml"), "utf8");
    expect(entryId(atomAfter)).toBeDefined();
    expect(entryId(atomAfter)).toBe(entryId(atomBefore));
    expect(atomAfter).toContain(`/articles/2026/11/21/${id}/`);
  });

  it("a dry run reports what would be written and writes nothing: no article, no state, no page", async () => {
    const before = {
      articles: snapshot(articles),
      site: snapshot(site),
      state: snapshot(join(work, "state")),
    };
    items.json.unshift({
      slug: "tram-line-extended",
      title: "The tram line is extended to the new district",
      date: "2026-12-02T08:00:00+00:00",
      author: "Jonas Keller",
      paragraphs: [
        "The city opened a three-kilometre extension of its northern tram line on Tuesday, linking the new residential district to the centre for the first time since the district was built.",
        "Residents had waited six years for the line, which the transport department says will carry twelve thousand passengers a day and replace two bus routes that were often overcrowded.",
        "The department said the next extension, to the hospital on the eastern edge of the city, would be put out to tender in the spring if the council approves the budget in February.",
      ],
    });
    publish();
    const dry = await update(...args, "--all", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.report.subscriptions.find((s: { id: string }) => s.id === "post")).toMatchObject({ new: 1 });
    expect(dry.report.dryRun).toBe(true);
    expect(touched(before.articles, snapshot(articles))).toEqual([]);
    expect(touched(before.site, snapshot(site))).toEqual([]);
    expect(touched(before.state, snapshot(join(work, "state")))).toEqual([]);
  });
});
