import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itNeedsShared, projectRoot, sharedPath } from "../helpers/shared.ts";

/** The CLI as `npm run ingest` runs it (scripts/run.mjs), without the npx wrapper (a second less per run). */
const CLI_TIMEOUT = 30_000;

function ingest(args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/run.mjs", "src/cli/ingest.ts", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SEED = ["seed", "moscow-times-kharkiv-mobilization.txt"];

describe("npm run ingest", () => {
  it(
    "leaves the project's registry alone when it writes articles elsewhere, unless given --registry",
    () => {
      const registryFile = join(projectRoot, "registry", "sources.yaml");
      const before = readFileSync(registryFile, "utf8");
      const out = mkdtempSync(join(tmpdir(), "cli-elsewhere-"));
      try {
        const page = join(projectRoot, "test/fixtures/ingest/article.html");
        const result = ingest([page, "--out", out, "--json"]);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).counts.written).toBe(1);
        expect(result.stderr).toMatch(/for this run only \(not saved: .*pass --registry DIR/);
      } finally {
        const after = readFileSync(registryFile, "utf8");
        if (after !== before) writeFileSync(registryFile, before);
        expect(after).toBe(before);
      }
    },
    2 * CLI_TIMEOUT,
  );

  it(
    "holds a page that is not an article, lists it with --held and publishes it with --publish",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "cli-held-"));
      cpSync(join(projectRoot, "registry"), join(dir, "registry"), { recursive: true });
      const out = join(dir, "articles");
      const page = join(projectRoot, "test/fixtures/html/listing.html");
      const first = ingest([page, "--out", out, "--registry", join(dir, "registry"), "--json"]);
      expect(first.code).toBe(0);
      const [item] = JSON.parse(first.stdout).items;
      expect(item).toMatchObject({ status: "held" });
      const listed = ingest(["--held", "--out", out, "--json"]);
      expect(JSON.parse(listed.stdout).held).toEqual([
        expect.objectContaining({ id: item.id, reason: 'not an article (page kind "listing")' }),
      ]);
      expect(ingest(["--publish", item.id, "--out", out]).code).toBe(0);
      expect(readFileSync(item.path, "utf8")).not.toMatch(/^held:/m);
      const unknown = ingest(["--publish", item.id, "--out", out]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/is not a held draft .* There are none\./);
    },
    4 * CLI_TIMEOUT,
  );

  itNeedsShared(
    "ingests the seed with --json (exit 0), then reports it unchanged",
    SEED,
    () => {
      const out = mkdtempSync(join(tmpdir(), "cli-"));
      const args = [
        sharedPath(...SEED),
        "--source",
        "moscow-times",
        "--date",
        "2024-03-22",
        "--out",
        out,
        "--json",
      ];
      const first = ingest(args);
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout);
      expect(Object.keys(report)).toEqual(["items", "counts", "stories"]);
      expect(report.counts).toEqual({
        written: 1,
        unchanged: 0,
        held: 0,
        duplicate: 0,
        failed: 0,
        skipped: 0,
      });
      expect(report.stories).toEqual({ new: 1, joined: 0, near_duplicates: 0 });
      expect(Object.keys(report.items[0])).toEqual(["input", "status", "path", "id", "reason", "story"]);
      expect(report.items[0].story).toMatchObject({
        id: expect.stringMatching(/^2024-03-22-/),
        outcome: "new",
      });
      expect(report.items[0].path).toBe(join(out, "2024/03", `${report.items[0].id}.md`));
      expect(first.stderr).toContain("1 written, 0 unchanged, 0 duplicate, 0 failed");
      expect(JSON.parse(ingest(args).stdout).counts.unchanged).toBe(1);
    },
    CLI_TIMEOUT,
  );

  itNeedsShared(
    "writes nothing with --dry-run and says what would be written",
    SEED,
    () => {
      const out = mkdtempSync(join(tmpdir(), "cli-"));
      const result = ingest([
        sharedPath(...SEED),
        "--source",
        "moscow-times",
        "--date",
        "2024-03-22",
        "--out",
        out,
        "--dry-run",
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^would write: .* → .*2024\/03\/.*\.md$/m);
      expect(result.stdout).toContain("dry run (nothing written)");
      expect(readdirSync(out)).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 1 when an input fails, naming the file",
    () => {
      const result = ingest(["missing.txt", "--source", "moscow-times", "--json"]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.items[0]).toMatchObject({ input: "missing.txt", status: "failed", path: null });
      expect(report.items[0].reason).toContain("missing.txt: cannot read the file");
      expect(report.counts.failed).toBe(1);
    },
    CLI_TIMEOUT,
  );

  it.each([
    [["a.txt", "--date", "2026-02-30"], /--date "2026-02-30" has day 30/],
    [["a.txt", "--date", "22/03/2024"], /not a date in the form YYYY-MM-DD/],
    [["a.txt", "--colour"], /Unknown option '--colour'/],
    [[], /no input files given/],
    [["--held", "--out", "no-such-folder"], /--out no-such-folder does not exist/],
    [["--publish", "x", "--out", "no-such-folder"], /--out no-such-folder does not exist/],
  ])(
    "exits 2 with the usage for %j",
    (args, message) => {
      const result = ingest(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain("usage: npm run ingest");
      expect(result.stdout).toBe("");
    },
    CLI_TIMEOUT,
  );

  it(
    "says how to start a registry when --registry names a folder without one",
    () => {
      const empty = mkdtempSync(join(tmpdir(), "cli-no-registry-"));
      const result = ingest(["a.txt", "--registry", empty, "--out", join(empty, "articles")]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot load the registries\n.*topics\.yaml/);
      expect(result.stderr).toContain("copy the project's registry/ to");
    },
    CLI_TIMEOUT,
  );

  it(
    "adds an outlet it meets first to the --registry folder's sources.yaml, not the project's",
    () => {
      const work = mkdtempSync(join(tmpdir(), "cli-registry-"));
      const registry = join(work, "registry");
      cpSync(join(projectRoot, "registry"), registry, { recursive: true });
      const projectSources = readFileSync(join(projectRoot, "registry", "sources.yaml"), "utf8");
      const paragraph =
        "The regional council met on Tuesday to discuss the new bus routes, the budget for road repairs and the winter schedule of the city's schools.";
      const feed = join(work, "feed.xml");
      writeFileSync(
        feed,
        `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Gazette</title><link>https://news.example.org/</link><language>en</language>
<item><title>Council agrees new bus routes</title><link>https://news.example.org/2024/03/22/bus-routes</link>
<pubDate>Fri, 22 Mar 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[${`<p>${paragraph}</p>`.repeat(6)}]]></content:encoded></item>
</channel></rss>`,
      );
      const result = ingest([feed, "--out", join(work, "articles"), "--registry", registry, "--json"]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).counts.written).toBe(1);
      expect(readFileSync(join(registry, "sources.yaml"), "utf8")).toContain("news.example.org");
      expect(readFileSync(join(projectRoot, "registry", "sources.yaml"), "utf8")).toBe(projectSources);
    },
    CLI_TIMEOUT,
  );

  it.each([
    [["a.txt", "--new-source", "id=verstka"], /--new-source "id=verstka" is missing name, url, language/],
    [
      [
        "a.txt",
        "--source",
        "meduza",
        "--new-source",
        "id=verstka,name=Verstka,url=https://verstka.media,language=ru",
      ],
      /--source meduza and --new-source id=verstka name two outlets; give one/,
    ],
  ])(
    "exits 2 before reading anything for a bad --new-source: %j",
    (args, message) => {
      const result = ingest(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe("");
    },
    CLI_TIMEOUT,
  );

  itNeedsShared(
    "refuses an unknown --source once, as a usage error naming the close matches, and reads nothing",
    SEED,
    () => {
      const out = mkdtempSync(join(tmpdir(), "cli-"));
      const result = ingest([
        sharedPath(...SEED),
        sharedPath(...SEED),
        "--source",
        "moscowtimes",
        "--out",
        out,
      ]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(
        'ingest: --source "moscowtimes" is not in registry/sources.yaml. Did you mean: moscow-times? To add a new outlet, give its details instead: --new-source "id=moscowtimes,name=…,url=https://…,language=…"',
      );
      expect(result.stderr.match(/is not in registry/g)).toHaveLength(1);
      expect(result.stderr).toContain("usage: npm run ingest");
      expect(readdirSync(out)).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  itNeedsShared(
    "registers an outlet with --new-source (not in a dry run), dates captures from their text in one run",
    SEED,
    () => {
      const work = mkdtempSync(join(tmpdir(), "cli-new-source-"));
      const registry = join(work, "registry");
      cpSync(join(projectRoot, "registry"), registry, { recursive: true });
      const sourcesFile = join(registry, "sources.yaml");
      const before = readFileSync(sourcesFile, "utf8");
      const seed = readFileSync(sharedPath(...SEED), "utf8");
      const captures = ["2024-03-21", "2024-03-22"].map((day, i) => {
        const file = join(work, `capture-${i}.txt`);
        const text = seed
          .replace("Kremlin Planning", `Day ${i}: Kremlin Planning`)
          .replace("Russia is", `On day ${i}, Russia is`);
        writeFileSync(file, `URL: https://verstka.media/mobilization-${i}\nDate: ${day}\n\n${text}`);
        return file;
      });
      const spec = "id=verstka,name=Verstka,url=https://verstka.media,language=ru";
      const articles = join(work, "articles");
      const run = (...extra: string[]) =>
        ingest([
          ...captures,
          "--new-source",
          spec,
          "--registry",
          registry,
          "--out",
          articles,
          "--json",
          ...extra,
        ]);

      const dry = run("--dry-run");
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stderr).toContain(
        'new source "verstka" (Verstka, verstka.media, ru) for this run only (dry run: not saved)',
      );
      expect(JSON.parse(dry.stdout).counts.written).toBe(2);
      expect(readFileSync(sourcesFile, "utf8")).toBe(before);

      const first = run();
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toContain(
        `new source "verstka" (Verstka, verstka.media, ru) added to ${sourcesFile}`,
      );
      const report = JSON.parse(first.stdout);
      expect(report.counts.written).toBe(2);
      const written = report.items.map((item: { path: string }) => readFileSync(item.path, "utf8"));
      expect(written.map((text: string) => /^date: (\S+)/m.exec(text)?.[1]?.slice(0, 10))).toEqual([
        "2024-03-21",
        "2024-03-22",
      ]);
      for (const text of written) {
        expect(text).toMatch(/^source: verstka$/m);
        expect(text).toMatch(/^date_source: text$/m);
      }
      const after = readFileSync(sourcesFile, "utf8");
      expect(after.startsWith(before.trimEnd())).toBe(true);
      expect(after).toMatch(
        /# added by ingest --new-source on \d{4}-\d{2}-\d{2}; check its name, domains and language\n\s+- id: verstka\n\s+name: Verstka\n\s+domains: \[verstka\.media\]\n\s+language: ru\n/,
      );

      const again = run();
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).counts.unchanged).toBe(2);
      expect(readFileSync(sourcesFile, "utf8")).toBe(after);

      const clash = ingest([
        captures[0] ?? "",
        "--registry",
        registry,
        "--out",
        articles,
        "--new-source",
        spec.replace("name=Verstka", "name=Vyorstka"),
      ]);
      expect(clash.code).toBe(2);
      expect(clash.stderr).toContain(
        '"verstka" is already in the registry as name "Verstka", domains verstka.media, language ru',
      );
    },
    CLI_TIMEOUT * 3,
  );

  it(
    "prints the usage for --help",
    () => {
      const result = ingest(["--help"]);
      expect(result.code).toBe(0);
      for (const option of [
        "--dry-run",
        "--fetch",
        "--force",
        "--allow-non-article",
        "--concurrency",
        "--no-cache",
        "--registry",
        "--new-source",
        "URL:",
        "Date:",
      ])
        expect(result.stdout).toContain(option);
    },
    CLI_TIMEOUT,
  );
});
