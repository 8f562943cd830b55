import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { parseArticle } from "../../src/content/front-matter.ts";
import { urls } from "../../src/content/paths.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { ingestFiles } from "../../src/ingest/pipeline.ts";
import type { ItemReport } from "../../src/ingest/report.ts";
import { buildSite } from "../../src/site/build.ts";
import { headersFor, readHeaderRules } from "../../src/site/netlify-headers.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { type StaticServer, serveStatic } from "../../src/site/serve.ts";
import { launchChromium, serveLikeNetlify } from "../helpers/browser.ts";
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
 * field an input can reach, goes through the real ingest pipeline (captures) or serializeArticle
 * (fields a capture cannot reach), is built in batches, and Chromium visits every built page with
 * and without the production CSP. Nothing may run, the build may not break, nothing may be lost.
 */

/** Inputs per build: a few hundred articles keep one build and its pages within seconds on 2 cores. */
const BATCH_SIZE = 400;
/** Tabs visiting pages at once; 2 cores gain little beyond this. */
const TABS = 4;

interface Batch {
  index: number;
  inputs: HostileInput[];
  articlesDir: string;
  outputDir: string;
  report: ItemReport[];
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
        batch.report = ingestFiles(captureFiles, {
          outDir: batch.articlesDir,
          source: HOSTILE_CAPTURE_SOURCE,
          day: HOSTILE_DAY,
          dryRun: false,
          registries,
          toolVersion: "0.0.0",
          now: new Date("2026-01-01T00:00:00Z"),
        }).items;
        writeArticleInputs(batch.inputs, batch.articlesDir);
        writeHostileRegistry(batch.inputs, registryDir);
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
      }
      console.log(
        `hostile corpora: ${payloads.length} payloads → ${inputs.length} inputs in ${batches.length} builds, ingested and built in ${Math.round((performance.now() - started) / 1000)} s`,
      );
    }, 900_000);

    // Input kinds whose reader does not exist yet: switched on by giving the kind a `make` in
    // test/helpers/hostile.ts.
    for (const kind of INPUT_KINDS.filter((k) => !k.make))
      it.todo(`runs no payload placed in a ${kind.name} (${kind.fields.join(", ")}): ${kind.todo}`);

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
      expect(articles).toBe(inputs.length);
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
      expect(seen.size).toBe(inputs.length);
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
        browser = await launchChromium();
      });
      afterAll(async () => {
        await browser?.close();
      });

      /** What a visit saw: script executions, off-origin requests, missing headers. */
      interface Visits {
        pages: number;
        executions: string[];
        offOrigin: string[];
        missingHeaders: string[];
      }

      /**
       * Visits every page of every batch, served by `serve`, with alert/confirm/prompt/print hooked
       * in every frame and off-origin requests aborted.
       */
      async function visitAll(serve: (dir: string) => Promise<StaticServer>, csp: boolean): Promise<Visits> {
        const visits: Visits = { pages: 0, executions: [], offOrigin: [], missingHeaders: [] };
        for (const batch of batches) {
          const server = await serve(batch.outputDir);
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
                  if (csp && !response?.headers()["content-security-policy"])
                    visits.missingHeaders.push(path);
                  for (const frame of page.frames()) {
                    const calls = await frame
                      .evaluate(
                        () => (window as unknown as { __hostileCalls?: string[] }).__hostileCalls ?? [],
                      )
                      .catch(() => [] as string[]);
                    for (const call of calls) visits.executions.push(`marker ${call} on ${path}`);
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

      let plain: Visits;
      let withCsp: Visits;
      beforeAll(async () => {
        const t0 = performance.now();
        plain = await visitAll((dir) => serveStatic(dir), false);
        const t1 = performance.now();
        withCsp = await visitAll(serveLikeNetlify, true);
        const t2 = performance.now();
        const articles = inputs.length;
        console.log(
          `hostile corpora in Chromium: ${payloads.length} payloads, ${articles} articles, ` +
            `${plain.pages} pages visited without CSP (${plain.executions.length} executions, ${Math.round((t1 - t0) / 1000)} s), ` +
            `${withCsp.pages} pages visited with the production CSP (${withCsp.executions.length} executions, ${Math.round((t2 - t1) / 1000)} s), ` +
            `${plain.offOrigin.length + withCsp.offOrigin.length} off-origin requests aborted`,
        );
      }, 1_200_000);

      it("runs no payload without the CSP", () => {
        expect(plain.pages).toBeGreaterThan(inputs.length);
        expect(plain.executions).toEqual([]);
      });

      it("runs no payload under the production CSP, which arrived on every page", () => {
        expect(withCsp.pages).toBe(plain.pages);
        expect(withCsp.missingHeaders).toEqual([]);
        expect(withCsp.executions).toEqual([]);
      });

      it("makes no off-origin request", () => {
        expect([...plain.offOrigin, ...withCsp.offOrigin]).toEqual([]);
      });

      /** One page of the first batch, served by `serve`, with the hooks on; `check` looks at it. */
      async function withPage(
        serve: (dir: string) => Promise<StaticServer>,
        check: (page: import("playwright-core").Page, visits: Visits, url: string) => Promise<void>,
      ): Promise<void> {
        const server = await serve((batches[0] as Batch).outputDir);
        const context = await browser.newContext();
        const visits: Visits = { pages: 0, executions: [], offOrigin: [], missingHeaders: [] };
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
 * Records every call of alert/confirm/prompt/print, in every frame, into `visits`: through a
 * binding to the test and a global marker array the test reads after each load. The hooks are
 * non-configurable, so a payload cannot restore the originals. Requests off the local server are
 * aborted and counted.
 */
async function hookExecutions(
  context: BrowserContext,
  origin: string,
  visits: { executions: string[]; offOrigin: string[] },
): Promise<void> {
  await context.exposeBinding("__hostileRecord", (source, call: string) => {
    visits.executions.push(`binding ${call} on ${source.frame.url()}`);
  });
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __hostileCalls: string[] };
    w.__hostileCalls = [];
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
  });
  // Only off-origin URLs match, so same-origin requests are never paused (that halves the run).
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await context.route(new RegExp(`^(?!${escaped}/)`), (route) => {
    visits.offOrigin.push(route.request().url());
    return route.abort();
  });
}
