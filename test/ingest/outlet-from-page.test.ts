import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/front-matter.ts";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import { siteNameFromTitle } from "../../src/ingest/html/metadata.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";
import { savedFromUrl } from "../../src/ingest/readers/html.ts";

/**
 * Issue 13: a saved page without a URL never fails for want of an outlet. The outlet comes from
 * the address its browser wrote into it, the registry by the page's site name, a new outlet of that
 * name, or the one "unknown outlet", with a warning.
 */

const PROSE =
  "The regional administration said three new call-up points opened on Saturday in the city. ".repeat(12);
const page = (head: string, before = "", title = "Call-up points open") =>
  `${before}<!doctype html><html lang="en"><head><title>${title}</title>${head}</head><body><article><h1>Call-up points open</h1><p>${PROSE}</p><p>${PROSE}</p></article></body></html>`;

async function run(html: string): Promise<{
  status: string;
  warnings: string[];
  article?: ReturnType<typeof parseArticle>;
  registry: string;
}> {
  const dir = mkdtempSync(join(tmpdir(), "outlet-"));
  cpSync(REGISTRY_DIR, join(dir, "registry"), { recursive: true });
  const file = join(dir, "saved.html");
  writeFileSync(file, html);
  const options: IngestOptions = {
    outDir: join(dir, "articles"),
    dryRun: false,
    registries: loadRegistries(join(dir, "registry")),
    registryFile: join(dir, "registry", "sources.yaml"),
    toolVersion: "0.1.0",
    now: new Date("2026-01-01T00:00:00Z"),
  };
  const [item] = (await ingestInputs([file], options)).items;
  const registry = readFileSync(join(dir, "registry", "sources.yaml"), "utf8");
  if (!item?.path) return { status: item?.status ?? "none", warnings: item?.warnings ?? [], registry };
  return {
    status: item.status,
    warnings: item.warnings,
    article: parseArticle(readFileSync(item.path, "utf8"), item.path),
    registry,
  };
}

describe("the outlet of a saved page without a URL", () => {
  it("reads the address Chrome, Edge or SingleFile wrote into the page", () => {
    expect(
      savedFromUrl("<!-- saved from url=(0052)https://www.themoscowtimes.com/2024/03/22/call-up -->\n<html>"),
    ).toBe("https://www.themoscowtimes.com/2024/03/22/call-up");
    expect(
      savedFromUrl(
        "<!--\n Page saved with SingleFile \n url: https://kyivindependent.com/call-up/ \n saved date: x\n--><html>",
      ),
    ).toBe("https://kyivindependent.com/call-up/");
    expect(savedFromUrl("<html><!-- saved from url=(0010)javascript:alert(1) -->")).toBeUndefined();
  });

  it("takes outlet, URL and date from that address", async () => {
    const out = await run(
      page("", "<!-- saved from url=(0052)https://www.themoscowtimes.com/2024/03/22/call-up -->\n"),
    );
    expect(out.status).toBe("written");
    expect(out.article).toMatchObject({
      source: "moscow-times",
      url: "https://www.themoscowtimes.com/2024/03/22/call-up",
      date: "2024-03-22T00:00:00+00:00",
      date_source: "url",
    });
  });

  it("finds a registered outlet by the page's site name", async () => {
    const out = await run(page('<meta property="og:site_name" content="The Moscow Times">'));
    expect(out.status).toBe("written");
    expect(out.article?.source).toBe("moscow-times");
  });

  it("registers an outlet by a site name the registry does not know, with a warning", async () => {
    const out = await run(page('<meta property="og:site_name" content="Kharkiv Daily Example">'));
    expect(out.status).toBe("written");
    expect(out.article?.source).toBe("kharkiv-daily-example");
    expect(out.warnings.join("\n")).toMatch(
      /unknown outlet "Kharkiv Daily Example" \(a page without a URL\): created source/,
    );
    expect(out.registry).toMatch(/id: kharkiv-daily-example\n\s+name: Kharkiv Daily Example/);
  });

  it("names the outlet by the site its title ends with, and keeps that name out of the title", async () => {
    const out = await run(page("", "", "Call-up points open in the city | Kharkiv Evening Post"));
    expect(out.status).toBe("written");
    expect(out.article?.source).toBe("kharkiv-evening-post");
    expect(out.article?.title).toBe("Call-up points open in the city");
    expect(out.warnings.join("\n")).toMatch(/unknown outlet "Kharkiv Evening Post" \(a page without a URL\)/);
  });

  it("finds a registered outlet by its JSON-LD publisher", async () => {
    const out = await run(
      page(
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Call-up points open","publisher":{"@type":"Organization","name":"The Kyiv Independent"}}</script>',
      ),
    );
    expect(out.article?.source).toBe("kyiv-independent");
  });

  it.each([
    ["Call-up points open in the city | Kharkiv Evening Post", "Kharkiv Evening Post"],
    ["Трамп выиграл праймериз в Айове — Новая газета", "Новая газета"],
    ["Russia - Ukraine talks resume in Istanbul - Reuters", "Reuters"],
    ["Using the Fetch API - Web APIs | MDN", "MDN"],
    ["Market report for Tuesday · example.org", "example.org"],
    ["Russia-Ukraine war - live updates", undefined],
    ["The full impact of meditation on mind and body | Opinion", undefined],
    ["Best Apps to Learn a Language in 2025 – Top 10 Picks", undefined],
    ["Allbirds Wool Runners, Men's | Reviews, Sizing Info", undefined],
    ["Call-up | Post", undefined],
    ["Call-up points open", undefined],
  ])("reads %j as the site %j", (title, expected) => {
    expect(siteNameFromTitle(title)).toBe(expected);
  });

  it("files a page that names no outlet at all under the unknown outlet, never failing", async () => {
    const out = await run(page(""));
    expect(out.status).toBe("written");
    expect(out.article?.source).toBe("unknown-outlet");
    expect(out.warnings.join("\n")).toMatch(
      /no URL and no site name in it: filed under "unknown-outlet" \(created in .*sources\.yaml\)\. Pass --source ID/,
    );
  });
});
