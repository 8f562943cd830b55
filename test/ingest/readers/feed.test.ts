import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FeedError, FULL_TEXT_MIN_CHARS, feedReader } from "../../../src/ingest/readers/feed.ts";
import type { ReadItem } from "../../../src/ingest/readers/types.ts";
import { itNeedsShared, sharedPath } from "../../helpers/shared.ts";
import { describeReaderContract } from "./contract.ts";
import { fixtureInput } from "./helpers.ts";

describeReaderContract(feedReader, {
  valid: [fixtureInput("full.rss"), fixtureInput("feed.json")],
  extension: ".xml",
});

describe("feed reader", () => {
  it("makes an article of an RSS item that carries the full text, with feed date, byline and link", () => {
    const [first] = feedReader.read(fixtureInput("full.rss"));
    if (first?.kind !== "document") throw new Error(`expected a document, got ${JSON.stringify(first)}`);
    const doc = first.document;
    expect(doc.title).toBe("Kremlin Prepares New Mobilization Wave for Kharkiv Push");
    expect(doc.markdown).toContain("as many as 300,000 reservists over the summer");
    expect(doc.markdown).not.toMatch(/<script|alert\(1\)/);
    expect(doc.markdown).toContain("(https://www.example-news.com/more)");
    expect(doc.dates[0]).toEqual({ value: "Fri, 22 Mar 2024 10:15:00 +0300", source: "feed" });
    expect(doc.byline).toBe("Anna Petrova");
    expect(doc.siteName).toBe("Example News");
    expect(doc.url).toContain("example-news.com/2024/03/22/kremlin-mobilization-kharkiv");
  });

  it(`asks to fetch the link of a summary-only item (content under ${FULL_TEXT_MIN_CHARS} characters)`, () => {
    const items = feedReader.read(fixtureInput("full.rss"));
    expect(items[1]).toMatchObject({
      kind: "follow",
      url: "https://www.example-news.com/2024/03/23/summary-only",
      reason: "summary-only",
    });
    expect(feedReader.read(fixtureInput("summary.atom"))).toMatchObject([
      { kind: "follow", url: "https://www.example-news.com/2024/03/22/kremlin-mobilization-kharkiv" },
    ]);
  });

  it('keeps the title of an Atom entry and feed written with type="text"/"html" (parsed as { value, type })', () => {
    const body = "<p>Paragraph of the Atom entry, long enough to be read as the full text.</p>".repeat(10);
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Typed Feed</title><id>urn:f</id><updated>2024-05-01T09:00:00Z</updated><entry><title type="html">Typed &lt;b&gt;Entry&lt;/b&gt; Title</title><link href="https://typed.example/a"/><id>urn:e</id><updated>2024-05-01T09:00:00Z</updated><summary type="text">Teaser</summary><content type="html">${body.replace(/</g, "&lt;")}</content></entry></feed>`;
    const [first] = feedReader.read({ input: "typed.atom", bytes: new TextEncoder().encode(atom) });
    if (first?.kind !== "document") throw new Error(`expected a document, got ${JSON.stringify(first)}`);
    expect(first.document.title).toBe("Typed Entry Title");
    expect(first.document.siteName).toBe("Typed Feed");
  });

  it("reads JSON Feed content_html", () => {
    const [item] = feedReader.read(fixtureInput("feed.json"));
    expect(item?.kind === "document" && item.document.dates[0]).toEqual({
      value: "2024-03-22T10:15:00+03:00",
      source: "feed",
    });
  });

  it("turns an OPML list into feeds to follow, nested outlines included", () => {
    expect(feedReader.read(fixtureInput("feeds.opml")).map((i) => i.kind === "follow" && i.url)).toEqual([
      "https://www.example-news.com/feed.rss",
      "https://other.example.org/atom.xml",
    ]);
  });

  it("reports an ill-formed feed as a FeedError naming the file, and an empty feed as 'no items'", () => {
    const broken = feedReader.read({
      input: "broken.xml",
      bytes: new TextEncoder().encode("<rss><channel><item>"),
    });
    expect(broken[0]?.kind === "failed" || broken[0]?.kind === "skipped").toBe(true);
    expect((broken[0] as { reason: string }).reason).toMatch(/^broken\.xml: /);
    const notFeed = feedReader.read({
      input: "x.xml",
      bytes: new TextEncoder().encode("<html><body>hi</body></html>"),
    });
    expect(notFeed[0]).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/^x\.xml: not a feed that can be read/),
    });
    expect(notFeed[0]?.kind === "failed" && notFeed[0].error).toBeInstanceOf(FeedError);
    const empty = feedReader.read({
      input: "e.rss",
      bytes: new TextEncoder().encode(
        '<rss version="2.0"><channel><title>t</title><link>https://a.example/</link><description>d</description></channel></rss>',
      ),
    });
    expect(empty).toEqual([{ kind: "skipped", input: "e.rss", reason: "e.rss: the rss feed has no items" }]);
  });
});

/** Every file of feedparser's test corpus: ill-formed, encodings, every format and namespace. */
const CORPUS = ["corpora", "feedparser"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

describe("feedparser corpus smoke test", () => {
  itNeedsShared(
    "reads every file without a crash: documents, links to follow, a typed failure or an explicit 'no items'",
    CORPUS,
    () => {
      const files = ["wellformed", "illformed", "encoding"].flatMap((d) =>
        filesUnder(sharedPath(...CORPUS, d)),
      );
      const tally = {
        files: files.length,
        documents: 0,
        capture: 0,
        follow: 0,
        failed: 0,
        feedErrors: 0,
        skipped: 0,
        crashes: 0,
        silent: 0,
      };
      const crashes: string[] = [];
      for (const file of files) {
        let items: ReadItem[];
        try {
          items = feedReader.read({ input: file, bytes: readFileSync(file) });
        } catch (error) {
          tally.crashes++;
          crashes.push(`${file}: ${(error as Error).message}`);
          continue;
        }
        if (items.length === 0) tally.silent++;
        for (const item of items) {
          if (item.kind === "document") tally.documents++;
          else tally[item.kind]++;
          if (item.kind === "failed") {
            expect(item.reason).toMatch(
              /not a feed that can be read|cannot be extracted|no title or no text|cut short/,
            );
            if (item.error instanceof FeedError) tally.feedErrors++;
          }
        }
      }
      console.info(`feedparser corpus: ${JSON.stringify(tally)}`);
      expect(crashes).toEqual([]);
      expect(tally.silent).toBe(0);
      expect(tally.files).toBeGreaterThan(1800);
    },
    120_000,
  );
});
