import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentErrors } from "../../src/content/errors.ts";
import { loadSources } from "../../src/content/registry.ts";
import { intervalMs, loadSubscriptions, subscriptionsFile } from "../../src/content/subscriptions.ts";
import { projectRoot } from "../helpers/shared.ts";

/** Writes `text` as a subscriptions.yaml and loads it; returns the subscriptions or the error messages. */
function load(text: string, outlets = new Set(["kyiv-independent", "moscow-times"])) {
  const file = join(mkdtempSync(join(tmpdir(), "subscriptions-")), "subscriptions.yaml");
  writeFileSync(file, text);
  try {
    return { file, subscriptions: loadSubscriptions(file, outlets), problems: [] as string[] };
  } catch (error) {
    if (!(error instanceof ContentErrors)) throw error;
    return { file, subscriptions: [], problems: error.errors.map((e) => e.message) };
  }
}

const VALID = `subscriptions:
  - id: kyiv-news
    kind: feed
    url: https://kyivindependent.com/feed/
    outlet: kyiv-independent
    every: 1h
    full_text: true
  - id: mt-opml
    kind: opml
    url: https://example.org/feeds.opml
    every: 1d
`;

describe("registry/subscriptions.yaml", () => {
  it("the project's file loads against the project's outlets (an empty list: a fresh clone polls nothing)", () => {
    const outlets = new Set(loadSources(join(projectRoot, "registry", "sources.yaml")).map((s) => s.id));
    expect(loadSubscriptions(subscriptionsFile(join(projectRoot, "registry")), outlets)).toEqual([]);
  });

  it("loads feeds, pages and OPML lists with their outlet, interval and full-text choice", () => {
    const { subscriptions, problems } = load(VALID);
    expect(problems).toEqual([]);
    expect(subscriptions).toEqual([
      {
        id: "kyiv-news",
        kind: "feed",
        url: "https://kyivindependent.com/feed/",
        outlet: "kyiv-independent",
        every: "1h",
        everyMs: 3_600_000,
        full_text: true,
      },
      {
        id: "mt-opml",
        kind: "opml",
        url: "https://example.org/feeds.opml",
        every: "1d",
        everyMs: 86_400_000,
        full_text: false,
      },
    ]);
  });

  it("a missing file is no subscription", () => {
    expect(loadSubscriptions(join(tmpdir(), "no-such-folder", "subscriptions.yaml"))).toEqual([]);
  });

  it("reads intervals in minutes, hours and days only", () => {
    expect([intervalMs("30m"), intervalMs("2h"), intervalMs(" 1d ")]).toEqual([
      1_800_000, 7_200_000, 86_400_000,
    ]);
    expect([intervalMs("1w"), intervalMs("1.5h"), intervalMs("h"), intervalMs("")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("names the file and line of every problem, with the fix", () => {
    const { file, problems } = load(`subscriptions:
  - id: kyiv-news
    kind: rss
    url: ftp://kyivindependent.com/feed/
    outlet: kyiv-independent
    every: 1w
  - id: mt
    kind: feed
    url: https://www.themoscowtimes.com/rss/news
    outlet: moscow-times
    every: 5m
    full_text: "yes"
    colour: blue
`);
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}:3: subscriptions\\.0\\.kind: is not a kind of subscription \\(known: feed, page, opml\\)\\. Fix this subscription`,
        ),
      ),
      expect.stringMatching(new RegExp(`^${file}:4: subscriptions\\.0\\.url: is not an http\\(s\\) URL`)),
      expect.stringMatching(new RegExp(`^${file}:6: subscriptions\\.0\\.every: is not an interval`)),
      expect.stringMatching(new RegExp(`^${file}:11: subscriptions\\.1\\.every: is shorter than 15 minutes`)),
      expect.stringMatching(new RegExp(`^${file}:12: subscriptions\\.1\\.full_text: must be true or false`)),
      `${file}:13: subscriptions.1: has unknown field colour (known: id, kind, url, outlet, every, full_text). Fix this subscription (the file's header shows the format).`,
    ]);
  });

  it("refuses duplicate ids and URLs, unknown outlets, and feeds without an outlet, each at its line", () => {
    const { file, problems } = load(`subscriptions:
  - { id: a, kind: feed, url: "https://example.org/a.xml", outlet: moscow-times, every: 1h }
  - { id: a, kind: feed, url: "https://example.org/b.xml", outlet: moscow-times, every: 1h }
  - { id: c, kind: page, url: "https://example.org/a.xml", outlet: moscow-times, every: 1h }
  - { id: d, kind: feed, url: "https://example.org/d.xml", outlet: meduza, every: 1h }
  - { id: e, kind: feed, url: "https://example.org/e.xml", every: 1h }
`);
    expect(problems).toEqual([
      `${file}:3: subscriptions.1.id: "a" is already the id of subscriptions.0. Give each subscription its own id.`,
      `${file}:4: subscriptions.2.url: https://example.org/a.xml is already polled by subscriptions.0. Keep one subscription per URL.`,
      `${file}:5: subscriptions.3.outlet: "meduza" is not an outlet in sources.yaml (known: kyiv-independent, moscow-times). Use a known outlet id, or add the outlet to sources.yaml first.`,
      `${file}:6: subscriptions.4.outlet: is missing: a feed needs its outlet. Add \`outlet: ID\` with an id from sources.yaml.`,
    ]);
  });

  it("reports broken YAML at its line", () => {
    const { file, problems } = load("subscriptions:\n  - id: a\n    kind: [feed\n");
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${file}:\\d+: is not valid YAML`))]);
  });
});
