import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { siteNameFromTitle } from "../../../src/ingest/html/metadata.ts";
import { describeWithShared, sharedPath } from "../../helpers/shared.ts";

/**
 * Issue 13: a saved page that names its site nowhere else (no URL, no og:site_name, no JSON-LD
 * publisher) is filed under the name its <title> ends with ("Headline | Site"). Checked on every
 * real page of the corpora (AEB, WCXB dev, Readability's test pages) against the og:site_name of the
 * pages that have one: the name from the title must be that name (or contain it, or be contained
 * in it: "BHF" and "British Heart Foundation" are counted as different).
 */

const attribute = (tag: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i")
    .exec(tag)
    ?.slice(2)
    .find((v) => v !== undefined);

const ENTITIES: Record<string, string> = {
  amp: "&",
  apos: "'",
  quot: '"',
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  middot: "·",
  raquo: "»",
  bull: "•",
};

/** The page's <title> and og:site_name, read from its markup without a DOM (enough to compare). */
function titleAndSiteName(html: string): { title: string | undefined; siteName: string | undefined } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i
    .exec(html)?.[1]
    ?.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(
      /&(amp|apos|quot|nbsp|ndash|mdash|middot|raquo|bull);/g,
      (_, name: string) => ENTITIES[name] ?? "",
    )
    .replace(/\s+/g, " ")
    .trim();
  const meta = html.match(/<meta\b[^>]*>/gi) ?? [];
  const og = meta.find((tag) =>
    /og:site_name/i.test(attribute(tag, "property") ?? attribute(tag, "name") ?? ""),
  );
  return { title, siteName: og ? attribute(og, "content")?.trim() || undefined : undefined };
}

function pages(): string[] {
  const gz = (folder: string) =>
    readdirSync(folder).map((file) => gunzipSync(readFileSync(join(folder, file))).toString("utf8"));
  const readability = sharedPath("corpora", "readability", "test-pages");
  return [
    ...gz(sharedPath("corpora", "aeb", "html")),
    ...gz(sharedPath("corpora", "wcxb-dev", "html")),
    ...readdirSync(readability).map((name) => readFileSync(join(readability, name, "source.html"), "utf8")),
  ];
}

const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");

describeWithShared("the site's name from the page's title, on real pages", ["corpora", "wcxb-dev"], () => {
  it("agrees with og:site_name on at least 90% of the pages that have both, and names 230 more", () => {
    let both = 0;
    let agree = 0;
    let onlyFromTitle = 0;
    const disagreeing: string[] = [];
    for (const html of pages()) {
      const { title, siteName } = titleAndSiteName(html);
      const fromTitle = siteNameFromTitle(title);
      if (!fromTitle) continue;
      if (!siteName) {
        onlyFromTitle++;
        continue;
      }
      both++;
      const [a, b] = [squash(fromTitle), squash(siteName)];
      if (a === b || a.includes(b) || b.includes(a)) agree++;
      else disagreeing.push(`${fromTitle} / ${siteName}`);
    }
    console.log(
      `site name from the title: ${agree} of ${both} agree with og:site_name (${((100 * agree) / both).toFixed(1)}%); ${onlyFromTitle} pages have no og:site_name`,
    );
    expect(both).toBeGreaterThan(600);
    expect(agree / both, disagreeing.join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(onlyFromTitle).toBeGreaterThanOrEqual(230);
  });
});
