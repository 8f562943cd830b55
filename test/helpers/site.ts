import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { PROJECT_ROOT, type SiteOptions } from "../../src/site/plugin.ts";
import { validArticle } from "./article-fixture.ts";

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

export { PAGE_TYPES } from "./page-types.ts";

/** The story of {@link storyArticles}. */
export const STORY = "2024-03-23-kharkiv-opens-new-call-up-points";

/** The fixtures plus the call-up story told by two more outlets, one of them a wire copy. */
export function storyArticles(): string {
  const dir = copyOfFixtures();
  const fixture = join(dir, "2024/03/kharkiv-call-up-points-bb22cc33.md");
  writeFileSync(fixture, readFileSync(fixture, "utf8").replace("\nsummary:", `\nstory: ${STORY}\nsummary:`));
  const report = (id: string, fields: Record<string, unknown>) =>
    writeFileSync(
      join(dir, `2024/03/${id}.md`),
      serializeArticle({
        ...validArticle(),
        id,
        date: "2024-03-23T19:00:00+02:00",
        topics: ["mobilization", "kharkiv"],
        topic_evidence: {},
        places: ["ukraine", "kharkiv"],
        story: STORY,
        ...fields,
      } as never),
    );
  report("kharkiv-queues-at-call-up-points-aa00bb11", {
    title: "Queues form at Kharkiv's new call-up points",
    source: "moscow-times",
    url: "https://www.themoscowtimes.com/2024/03/23/kharkiv-queues",
    summary: "Men queued outside the three call-up points Kharkiv opened on Saturday.",
    story_evidence: {
      matched: "kharkiv-call-up-points-bb22cc33",
      score: 0.41,
      terms: ["kharkiv", "call-up", "three"],
    },
    body: "Men queued outside the three call-up points Kharkiv opened on Saturday.",
  });
  report("kharkiv-call-up-points-copy-cc00dd11", {
    title: "Kharkiv opens new call-up points as mobilization widens",
    date: "2024-03-23T20:00:00+02:00",
    source: "moscow-times",
    url: "https://www.themoscowtimes.com/2024/03/23/kharkiv-call-up-points-wire",
    summary: "The Kharkiv regional administration opened three new call-up points.",
    duplicates: ["https://kyivindependent.com/kharkiv-call-up-points/"],
    body: "The Kharkiv regional administration opened three new call-up points on Saturday.",
  });
  return dir;
}
