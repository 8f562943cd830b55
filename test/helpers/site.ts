import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";
import { PROJECT_ROOT, type SiteOptions } from "../../src/site/plugin.ts";

export const FIXTURE_ARTICLES = resolve(PROJECT_ROOT, "test/fixtures/articles");

/** A temporary folder removed after the test file's last test. */
export function tempDir(prefix = "media-digest-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Site options for a temporary output folder, reading articles from `articlesDir`. */
export function siteOptions(articlesDir = FIXTURE_ARTICLES): SiteOptions {
  return {
    articlesDir,
    outputDir: join(tempDir("media-digest-site-"), "_site"),
    siteUrl: "https://digest.test/",
  };
}

/** A writable copy of the fixture articles, to add a bad file to. */
export function copyOfFixtures(): string {
  const dir = join(tempDir("media-digest-articles-"), "articles");
  cpSync(FIXTURE_ARTICLES, dir, { recursive: true });
  return dir;
}

/** One page of each type, as readers reach them. */
export const PAGE_TYPES = {
  home: "/",
  article: "/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/",
  topic: "/topics/mobilization/",
  "topics index": "/topics/",
  place: "/places/kharkiv/",
  "places index": "/places/",
  watch: "/watches/kharkiv-mobilization/",
  "watches index": "/watches/",
  "day issue": "/digest/2024/03/23/",
  "week issue": "/digest/2024/w12/",
  "issues index": "/digest/",
  archive: "/archive/",
  "archive month": "/archive/2024/03/",
  source: "/sources/kyiv-independent/",
  "sources index": "/sources/",
  search: "/search/",
  "not found": "/404.html",
} as const;
