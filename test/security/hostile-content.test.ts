import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { parseArticle } from "../../src/content/front-matter.ts";
import { urls } from "../../src/content/paths.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { ingestInputs } from "../../src/ingest/pipeline.ts";
import type { ItemReport } from "../../src/ingest/report.ts";
import { buildSite } from "../../src/site/build.ts";
import { headersFor, readHeaderRules } from "../../src/site/netlify-headers.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { type StaticServer, serveStatic } from "../../src/site/serve.ts";
import { launchHeadlessShell, serveLikeNetlify } from "../helpers/browser.ts";
import { xmllintErrors } from "../helpers/feeds.ts";
import {
  BLNS,
  DOMPURIFY,
  HOSTILE_CAPTURE_SOURCE,
  HOSTILE_DAY,
  type HostileInput,
  hostileInputs,
  INPUT_KINDS,
  loadPayloads,
  writeArticleInputs,
  writeHostileRegistry,
} from "../helpers/hostile.ts";
import { canRun, chromium, xmllint } from "../helpers/requirements.ts";
import { describeWithShared } from "../helpers/shared.ts";
import { tempDir } from "../helpers/site.ts";

/**
 * Issue 7: every payload of the DOMPurify XSS corpus and the Big List of Naughty Strings, in every
 * field an input can reach, goes through the real ingest pipeline (text captures, saved HTML pages,
 * RSS/Atom feed items) or serializeArticle (fields no input reaches), is built in batches, and
 * Chromium (its headless shell, the same engine: `launchHeadlessShell`) visits every built page,
 * served with the production headers. Nothing may run, the build
 * may not break, nothing may be lost: an input ingest refuses is reported with a reason.
 *
 * One visit per page proves both layers. The production CSP must arrive on every page and nothing
 * may run under it; and nothing may even try what the CSP forbids (an inline script or handler, a
 * `javascript:` URL, an off-origin load): each such try is a `securitypolicyviolation` the hooks
 * record, so a payload that escaping let through fails the test although the CSP stopped it.
 * Every way a payload could run without the CSP either is allowed by the CSP (and then runs here
 * too, and is caught) or is blocked by it (and then is reported as a violation), so this covers
 * what an extra visit without the CSP would, at half the cost (issue 11: the suite's time).
 * Every input kind runs every DOMPurify payload; the naughty strings are dealt out a third to
 * captures, a third to article files and a third to HTML pages and feed items (`third` in
 * test/helpers/hostile.ts), so each of them reaches the renderers once.
 */

/** Inputs per build: a build of this many takes seconds, and fewer builds repeat fewer listing pages. */
const BATCH_SIZE = 800;
/** Tabs visiting pages at once; 2 cores gain little beyond this. */
const TABS = 4;

interface Batch {
  index: number;
  inputs: HostileInput[];
  articlesDir: string;
  outputDir: string;
  report: ItemReport[];
  /** Reports of the HTML pages and feed files, with the input kind each came from. */
  pageAndFeedReports: { kind: string; item: ItemReport }[];
  buildError?: unknown;
}

const htmlPages = (dir: string): string[] => {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) found.push(`/${relative(dir, full).split(sep).join("/")}`);
    }
  };
  walk(dir);
  return found.sort().map((p) => p.replace(/index\.html$/, ""));
};

/** The name of the input kind (a row of INPUT_KINDS) an input is. */
const INPUT_KIND_OF = (input: HostileInput): string =>
  input.kind === "text-capture"
    ? "text capture"
    : input.kind === "article-file"
      ? "article file (serializeArticle)"
      : input.inputKind;

const filesWithExtension = (dir: string, extension: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(extension))
    .map((f) => join(dir, f));

describeWithShared("hostile corpora: DOMPurify payloads", DOMPURIFY, () => {
  describeWithShared("hostile corpora: DOMPurify payloads and naughty strings", BLNS, () => {
    // HOSTILE_LIMIT=n runs the first n payloads only: for measuring, never in CI.
    const payloads = loadPayloads().slice(0, Number(process.env.HOSTILE_LIMIT ?? Number.POSITIVE_INFINITY));
    const { inputs, skipped } = hostileInputs(payloads);
    const batches: Batch[] = [];
    /** Built article URL → the input kind it came from, to count visits and executions per kind. */
    const kindOfUrl = new Map<string, string>();
    const registries = loadRegistries();
    const started = performance.now();

    beforeAll(async () => {
      for (const note of skipped) console.warn(`hostile inputs skipped: ${note}`);
      const root = tempDir("media-digest-hostile-");
      for (let start = 0, index = 0; start < inputs.length; start += BATCH_SIZE, index++) {
        const dir = join(root, `batch-${index}`);
        const batch: Batch = {
          index,
          inputs: inputs.slice(start, start + BATCH_SIZE),
          articlesDir: join(dir, "articles"),
          outputDir: join(dir, "_site"),
          report: [],
          pageAndFeedReports: [],
        };
        const captures = join(dir, "captures");
        const registryDir = join(dir, "registry");
        mkdirSync(captures, { recursive: true });
        mkdirSync(registryDir, { recursive: true });
        mkdirSync(batch.articlesDir, { recursive: true });
        const captureFiles = batch.inputs.flatMap((input) => {
          if (input.kind !== "text-capture") return [];
          const file = join(captures, input.fileName);
          writeFileSync(file, input.text);
          return [file];
        });
        writeHostileRegistry(batch.inputs, registryDir);
        batch.report = (
          await ingestInputs(captureFiles, {
            outDir: batch.articlesDir,
            source: HOSTILE_CAPTURE_SOURCE,
            day: HOSTILE_DAY,
            dryRun: false,
            registries,
            toolVersion: "0.0.0",
            now: new Date("2026-01-01T00:00:00Z"),
          })
        ).items;
        // Pages and feeds: no --source, so each outlet is resolved from the URL and created from
        // its site name / channel title, into this batch's registry, never the repository's.
        const pageFiles = new Map<string, string>();
        for (const input of batch.inputs) {
          if (input.kind !== "page-or-feed") continue;
          const file = join(captures, input.fileName);
          writeFileSync(file, input.text);
          pageFiles.set(file, input.inputKind);
        }
        if (pageFiles.size > 0) {
          const report = (
            await ingestInputs([...pageFiles.keys()], {
              outDir: batch.articlesDir,
              day: HOSTILE_DAY,
              dryRun: false,
              registries,
              registryFile: join(registryDir, "sources.yaml"),
              toolVersion: "0.0.0",
              now: new Date("2026-01-01T00:00:00Z"),
            })
          ).items;
          batch.pageAndFeedReports = report.map((item) => ({
            kind: pageFiles.get(item.input.replace(/#item-\d+$/, "")) ?? "?",
            item,
          }));
        }
        writeArticleInputs(batch.inputs, batch.articlesDir);
        try {
          await buildSite({
            articlesDir: batch.articlesDir,
            outputDir: batch.outputDir,
            registryDir,
            siteUrl: "https://digest.test/",
          });
        } catch (error) {
          batch.buildError = error;
        }
        batches.push(batch);
        for (const { kind, item } of batch.pageAndFeedReports)
          if (item.status === "written" && item.path)
            kindOfUrl.set(urls.article(parseArticle(readFileSync(item.path, "utf8"), item.path)), kind);
        for (const input of batch.inputs)
          if (input.kind === "article-file")
            kindOfUrl.set(urls.article(input.article), "article file (serializeArticle)");
        for (const item of batch.report)
          if (item.status === "written" && item.path)
            kindOfUrl.set(
              urls.article(parseArticle(readFileSync(item.path, "utf8"), item.path)),
              "text capture",
            );
      }
      for (const kind of INPUT_KINDS) {
        const ofKind = inputs.filter((i) => INPUT_KIND_OF(i) === kind.name);
        const reports = batches.flatMap((b) =>
          kind.name === "text capture"
            ? b.report
            : b.pageAndFeedReports.filter((r) => r.kind === kind.name).map((r) => r.item),
        );
        const tally = new Map<string, number>();
        for (const item of reports) tally.set(item.status, (tally.get(item.status) ?? 0) + 1);
        console.log(
          `hostile ${kind.name}: ${new Set(ofKind.map((i) => `${i.payload.corpus}${i.payload.index}`)).size} payloads, ${ofKind.length} inputs, ` +
            (kind.name === "article file (serializeArticle)"
              ? `${ofKind.length} written directly`
              : `ingested: ${[...tally].map(([status, n]) => `${n} ${status}`).join(", ") || "nothing"}`),
        );
        for (const item of reports.filter((r) => r.status !== "written"))
          console.log(`  refused ${kind.name}: ${item.status}: ${(item.reason ?? "").slice(0, 300)}`);
      }
      console.log(
        `hostile corpora: ${payloads.length} payloads → ${inputs.length} inputs in ${batches.length} builds, ingested and built in ${Math.round((performance.now() - started) / 1000)} s`,
      );
    }, 900_000);

    // Input kinds without a reader: switched on by giving the kind a `make` in test/helpers/hostile.ts.
    for (const kind of INPUT_KINDS.filter((k) => !k.make))
      it.todo(`runs no payload placed in a ${kind.name} (${kind.fields.join(", ")}): ${kind.todo}`);

    /** Articles on disk: captures and pages/feeds that ingest wrote, and every article file. */
    const writtenArticles = () =>
      batches.reduce(
        (n, b) =>
          n +
          b.report.filter((i) => i.status === "written").length +
          b.pageAndFeedReports.filter((r) => r.item.status === "written").length +
          b.inputs.filter((i) => i.kind === "article-file").length,
        0,
      );

    it("ingests or refuses every HTML page and feed item with a reason: one report entry each, no reader crash", () => {
      const reports = batches.flatMap((b) => b.pageAndFeedReports);
      const pagesAndFeeds = inputs.filter((i) => i.kind === "page-or-feed");
      // one page or one single-item feed per input: exactly one entry each, none lost
      expect(reports).toHaveLength(pagesAndFeeds.length);
      expect(reports.filter((r) => r.kind === "?")).toEqual([]);
      const unexplained = reports.filter(
        ({ item }) =>
          !["written", "held", "skipped", "failed"].includes(item.status) ||
          (item.status !== "written" && !item.reason) ||
          /This is a bug/.test(item.reason ?? ""),
      );
      expect(unexplained.map(({ item }) => `${item.input}: ${item.status} ${item.reason ?? ""}`)).toEqual([]);
      // most are written: a refusal is fine, a reader that refuses everything is not
      for (const kind of ["HTML page", "feed item"]) {
        const ofKind = reports.filter((r) => r.kind === kind);
        expect(ofKind.filter((r) => r.item.status === "written").length, kind).toBeGreaterThan(
          ofKind.length * 0.8,
        );
      }
    });

    it("ingests every hostile capture (no crash, no failed item)", () => {
      const items = batches.flatMap((b) => b.report);
      const bad = items.filter((item) => item.status !== "written");
      expect(bad.map((item) => `${item.input}: ${item.status} ${item.reason ?? ""}`)).toEqual([]);
      expect(items).toHaveLength(inputs.filter((i) => i.kind === "text-capture").length);
    });

    it("builds every batch and writes a page for every article", () => {
      expect(batches.map((b) => b.buildError)).toEqual(batches.map(() => undefined));
      let articles = 0;
      const missing: string[] = [];
      for (const batch of batches) {
        for (const file of listArticleFiles(batch.articlesDir)) {
          const article = parseArticle(readFileSync(join(batch.articlesDir, file), "utf8"), file);
          // A held draft (a page that does not look like an article) is kept, not published.
          if (article.held !== undefined) continue;
          articles++;
          const page = join(batch.outputDir, urls.article(article), "index.html");
          try {
            readFileSync(page);
          } catch {
            missing.push(page);
          }
        }
      }
      expect(missing).toEqual([]);
      expect(articles).toBe(writtenArticles());
    });

    it("gives every article a distinct id and URL", () => {
      const seen = new Map<string, string>();
      for (const batch of batches)
        for (const file of listArticleFiles(batch.articlesDir)) {
          const url = urls.article(parseArticle(readFileSync(join(batch.articlesDir, file), "utf8"), file));
          expect(seen.get(url), `${file} and ${seen.get(url)} share ${url}`).toBeUndefined();
          expect(url).toMatch(/^\/articles\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/);
          seen.set(url, file);
        }
      // Held drafts too: kept on disk, with an id and a URL of their own for when they are published.
      const held = batches.reduce(
        (n, b) => n + b.pageAndFeedReports.filter((r) => r.item.status === "held").length,
        0,
      );
      expect(seen.size).toBe(writtenArticles() + held);
    });

    it.runIf(canRun(xmllint))("keeps every feed and the sitemap well-formed XML", () => {
      const problems = batches.flatMap((b) =>
        filesWithExtension(b.outputDir, ".xml").flatMap((file) => {
          const errors = xmllintErrors(file);
          return errors ? [`${file}: ${errors.slice(0, 500)}`] : [];
        }),
      );
      expect(problems).toEqual([]);
    });

    describe.runIf(canRun(chromium))("in Chromium, every built page", () => {
      let browser: Browser;
      beforeAll(async () => {
        browser = await launchHeadlessShell(FAST_NAVIGATION_ARGS);
      });
      afterAll(async () => {
        await browser?.close();
      });

      /** What the visits saw: script executions, CSP violations, off-origin requests, missing headers. */
      interface Visits {
        pages: number;
        /** Pages visited per input kind (article pages) and "other" (listings, sources, topics). */
        perKind: Map<string, number>;
        executions: string[];
        violations: string[];
        offOrigin: string[];
        missingHeaders: string[];
      }

      const noVisits = (): Visits => ({
        pages: 0,
        perKind: new Map(),
        executions: [],
        violations: [],
        offOrigin: [],
        missingHeaders: [],
      });

      /**
       * Visits every page of every batch, served like Netlify, with alert/confirm/prompt/print and
       * CSP violations hooked in every frame and off-origin requests aborted.
       */
      async function visitAll(): Promise<Visits> {
        const visits = noVisits();
        for (const batch of batches) {
          const server = await serveLikeNetlify(batch.outputDir);
          const context = await browser.newContext();
          try {
            await hookExecutions(context, server.url, visits);
            const queue = htmlPages(batch.outputDir);
            await Promise.all(
              Array.from({ length: TABS }, async () => {
                const page = await context.newPage();
                page.on("dialog", (dialog) => {
                  visits.executions.push(`native ${dialog.type()} on ${page.url()}: ${dialog.message()}`);
                  void dialog.dismiss().catch(() => {});
                });
                for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
                  const response = await page.goto(`${server.url}${encodeURI(path)}`, { waitUntil: "load" });
                  visits.pages++;
                  const kind = kindOfUrl.get(path) ?? "other";
                  visits.perKind.set(kind, (visits.perKind.get(kind) ?? 0) + 1);
                  if (!response?.headers()["content-security-policy"]) visits.missingHeaders.push(path);
                  for (const frame of page.frames()) {
                    const marks = await frame
                      .evaluate(READ_MARKS)
                      .catch(() => ({ calls: [], violations: [] }));
                    for (const call of marks.calls) visits.executions.push(`marker ${call} on ${path}`);
                    for (const violation of marks.violations)
                      visits.violations.push(`marker ${violation} on ${path}`);
                  }
                }
                await page.close();
              }),
            );
          } finally {
            await context.close();
            await server.close();
          }
        }
        return visits;
      }

      let visits: Visits;
      beforeAll(async () => {
        const t0 = performance.now();
        visits = await visitAll();
        const articles = writtenArticles();
        console.log(
          `hostile corpora in Chromium: ${payloads.length} payloads, ${articles} articles, ` +
            `${visits.pages} pages visited with the production headers in ${Math.round((performance.now() - t0) / 1000)} s: ` +
            `${visits.executions.length} executions, ${visits.violations.length} CSP violations, ` +
            `${visits.offOrigin.length} off-origin requests aborted`,
        );
        const ofKind = (found: string[], kind: string) =>
          found.filter((e) => [...kindOfUrl].some(([url, k]) => k === kind && e.includes(url))).length;
        const others = (found: string[]) =>
          found.length - INPUT_KINDS.reduce((n, k) => n + ofKind(found, k.name), 0);
        for (const kind of [...INPUT_KINDS.map((k) => k.name), "other"])
          console.log(
            `hostile ${kind} in Chromium: ${visits.perKind.get(kind) ?? 0} pages visited ` +
              `(${kind === "other" ? others(visits.executions) : ofKind(visits.executions, kind)} executions, ` +
              `${kind === "other" ? others(visits.violations) : ofKind(visits.violations, kind)} CSP violations)`,
          );
      }, 1_200_000);

      it("visits every page, each article page of every input kind included", () => {
        expect(visits.pages).toBeGreaterThan(writtenArticles());
        for (const [kind, count] of new Map(
          INPUT_KINDS.map((k) => [k.name, [...kindOfUrl.values()].filter((v) => v === k.name).length]),
        ))
          expect(visits.perKind.get(kind) ?? 0, kind).toBe(count);
      });

      it("runs no payload under the production CSP, which arrived on every page", () => {
        expect(visits.missingHeaders).toEqual([]);
        expect(visits.executions).toEqual([]);
      });

      it("lets no payload even try what the CSP forbids: no violation on any page (escaping alone holds)", () => {
        expect(visits.violations).toEqual([]);
      });

      it("makes no off-origin request", () => {
        expect(visits.offOrigin).toEqual([]);
      });

      /** One page of the first batch, served by `serve`, with the hooks on; `check` looks at it. */
      async function withPage(
        serve: (dir: string) => Promise<StaticServer>,
        check: (page: import("playwright-core").Page, visits: Visits, url: string) => Promise<void>,
      ): Promise<void> {
        const server = await serve((batches[0] as Batch).outputDir);
        const context = await browser.newContext();
        const visits = noVisits();
        try {
          await hookExecutions(context, server.url, visits);
          await check(await context.newPage(), visits, server.url);
        } finally {
          await context.close();
          await server.close();
        }
      }

      /** Injects an onerror handler, an inline script and an off-origin image into the page. */
      const inject = (page: import("playwright-core").Page) =>
        page.evaluate(() => {
          const w = window as unknown as { __inlineRan?: boolean; __violations?: string[] };
          w.__violations = [];
          document.addEventListener("securitypolicyviolation", (e) =>
            w.__violations?.push(e.violatedDirective),
          );
          document.body.insertAdjacentHTML(
            "beforeend",
            `<img src="/missing.png" onerror="alert('control')">`,
          );
          document.body.insertAdjacentHTML("beforeend", `<img src="https://evil.example/pixel.png">`);
          const script = document.createElement("script");
          script.textContent = "window.__inlineRan = true";
          document.body.append(script);
        });

      it("would notice an execution and an off-origin request: the controls fire without the CSP", async () => {
        await withPage(
          (dir) => serveStatic(dir),
          async (page, visits, url) => {
            await page.goto(`${url}/`);
            await inject(page);
            await expect.poll(() => visits.executions.length).toBeGreaterThan(0);
            expect(visits.executions[0]).toContain("alert(control)");
            await expect.poll(() => visits.offOrigin).toEqual(["https://evil.example/pixel.png"]);
            expect(await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan)).toBe(true);
          },
        );
      });

      it("would notice a payload the CSP stopped: an injected handler is recorded as a violation", async () => {
        await withPage(serveLikeNetlify, async (page, visits, url) => {
          await page.goto(`${url}/`);
          await inject(page);
          await expect.poll(() => visits.violations.length).toBeGreaterThan(0);
          expect(visits.violations.join("\n")).toContain("script-src-attr");
          expect(visits.executions).toEqual([]);
        });
      });

      it("receives netlify.toml's headers in the browser and blocks injected inline script and handlers", async () => {
        const rules = readHeaderRules(resolve(PROJECT_ROOT, "netlify.toml"));
        await withPage(serveLikeNetlify, async (page, visits, url) => {
          const path = urls.article(
            parseArticle(
              readFileSync(
                join(
                  (batches[0] as Batch).articlesDir,
                  listArticleFiles((batches[0] as Batch).articlesDir)[0] ?? "",
                ),
                "utf8",
              ),
              "first",
            ),
          );
          const response = await page.goto(`${url}${path}`);
          const arrived = response?.headers() ?? {};
          for (const [name, value] of Object.entries(headersFor(rules, path)))
            expect(arrived[name.toLowerCase()], name).toBe(value);
          expect(arrived["content-security-policy"]).toContain("frame-ancestors 'none'");
          await inject(page);
          await expect
            .poll(() => page.evaluate(() => (window as { __violations?: string[] }).__violations ?? []))
            .toEqual(expect.arrayContaining(["script-src-attr", "script-src-elem", "img-src"]));
          expect(
            await page.evaluate(() => (window as { __inlineRan?: boolean }).__inlineRan),
          ).toBeUndefined();
          expect(visits.executions).toEqual([]);
          expect(visits.offOrigin).toEqual([]);
        });
      });
    });
  });
});

/**
 * Chromium's navigation is the cost of this test (thousands of pages): without a fresh renderer
 * document and browsing instance per navigation (features for the back/forward cache, which a
 * test never uses) a visit takes about a fifth less. Compositing on the page's main thread instead
 * of a thread of its own takes another quarter off (47 ms of Chromium's CPU a page against 61 ms,
 * 300 article pages with 4 tabs, twice each): scripts, handlers and the CSP run as before, but
 * screenshots fail in this mode, so the page-type checks keep threaded compositing.
 */
const FAST_NAVIGATION_ARGS = [
  "--disable-back-forward-cache",
  "--disable-features=ProactivelySwapBrowsingInstance,RenderDocument",
  "--disable-threaded-compositing",
];

/** What a frame's hooks marked: dialog calls and CSP violations (read after each load). */
const READ_MARKS = () => {
  const w = window as unknown as { __hostileCalls?: string[]; __hostileViolations?: string[] };
  return { calls: w.__hostileCalls ?? [], violations: w.__hostileViolations ?? [] };
};

/**
 * Records every call of alert/confirm/prompt/print and every CSP violation, in every frame, into
 * `visits`: through bindings to the test and global marker arrays the test reads after each load.
 * The dialog hooks are non-configurable, so a payload cannot restore the originals; the violation
 * listener is in place before any of the page's own markup is parsed. Requests off the local
 * server are aborted and counted.
 */
async function hookExecutions(
  context: BrowserContext,
  origin: string,
  visits: { executions: string[]; violations: string[]; offOrigin: string[] },
): Promise<void> {
  await context.exposeBinding("__hostileRecord", (source, call: string) => {
    visits.executions.push(`binding ${call} on ${source.frame.url()}`);
  });
  await context.exposeBinding("__hostileViolation", (source, violation: string) => {
    visits.violations.push(`binding ${violation} on ${source.frame.url()}`);
  });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & {
      __hostileCalls: string[];
      __hostileViolations: string[];
    };
    w.__hostileCalls = [];
    w.__hostileViolations = [];
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      const hook = (...args: unknown[]) => {
        const call = `${name}(${String(args[0]).slice(0, 80)})`;
        w.__hostileCalls.push(call);
        (w.__hostileRecord as ((c: string) => void) | undefined)?.(call);
        return name === "confirm" ? false : null;
      };
      try {
        Object.defineProperty(window, name, { value: hook, writable: false, configurable: false });
      } catch {
        // already hooked in this realm
      }
    }
    document.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const violation = `${event.violatedDirective} ${event.blockedURI} ${event.sample}`.slice(0, 200);
        w.__hostileViolations.push(violation);
        (w.__hostileViolation as ((v: string) => void) | undefined)?.(violation);
      },
      true,
    );
  });
  // Only off-origin URLs match, so same-origin requests are never paused (that halves the run).
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await context.route(new RegExp(`^(?!${escaped}/)`), (route) => {
    visits.offOrigin.push(route.request().url());
    return route.abort();
  });
}
