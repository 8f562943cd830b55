import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readFrontMatter } from "../../src/content/front-matter.ts";
import { handEditedArticle } from "../helpers/article-fixture.ts";
import { cpuTimed } from "../helpers/cpu-time.ts";
import { projectRoot } from "../helpers/shared.ts";
import { copyOfFixtures, tempDir } from "../helpers/site.ts";

/**
 * Issue 7, "bad content is refused with a clear message": `npm run build` (scripts/build.ts, as a
 * process) on a folder with one hand-edited bad article exits 1 and names the file, the field and
 * the fix; nothing in the file is executed. Also: YAML alias bombs are refused quickly.
 */

const FILE = "bad-article-12345678.md";

/** Runs `npm run build`'s script (scripts/run.mjs, no npx wrapper) on the fixtures plus one bad file. */
function buildWith(text: string) {
  const articles = copyOfFixtures();
  writeFileSync(join(articles, "2024/03", FILE), text);
  const output = join(tempDir("media-digest-bad-build-"), "_site");
  const result = spawnSync(process.execPath, ["scripts/run.mjs", "scripts/build.ts"], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, DIGEST_ARTICLES: articles, DIGEST_OUTPUT: output },
  });
  return { code: result.status, stderr: result.stderr, file: join(articles, "2024/03", FILE) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("npm run build with a bad hand-edited article", () => {
  const cases: [string, string, RegExp][] = [
    [
      "an impossible date (2026-02-30)",
      handEditedArticle().replace("date: 2024-03-22T10:00:00+03:00", "date: 2026-02-30T10:00:00+03:00"),
      /: date: has day 30, but that month has 28 days\. Fix the field in the file's front matter\./,
    ],
    [
      "an unknown topic",
      handEditedArticle().replace("topics: []", "topics: [helth]"),
      /: topics\[0\]: "helth" is not a known topic \(known: mobilization, kharkiv, elections\)\. Fix the file or add the topic to registry\/topics\.yaml\./,
    ],
    [
      "a missing title",
      handEditedArticle().replace("title: A title\n", ""),
      /: title: .+\. Fix the field in the file's front matter\./,
    ],
    [
      "a ---js block",
      `---js\n{ title: (require("node:fs").writeFileSync("/tmp/media-digest-pwned", "1"), "x") }\n---\nBody\n`,
      /: front matter: is written as "---js"; only YAML front matter is accepted and nothing in an article is executed\. Rewrite the block as YAML/,
    ],
    [
      "broken YAML",
      handEditedArticle().replace("title: A title", "title: [unclosed"),
      /: front matter: cannot be read \(.+\)\. Fix the YAML so that it parses/,
    ],
  ];

  it.each(cases)("stops on %s (exit 1) naming the file, the field and the fix", (_name, text, message) => {
    const result = buildWith(text);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`Build stopped: .*${escapeRegExp(result.file)}`, "s"));
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("never ran the ---js block", () => {
    expect(spawnSync("test", ["-e", "/tmp/media-digest-pwned"]).status).toBe(1);
  });
});

describe("YAML alias bombs (billion laughs) in front matter", () => {
  const bomb = [
    "---",
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from({ length: 8 }, (_, i) => {
      const me = String.fromCharCode(98 + i);
      const prev = String.fromCharCode(97 + i);
      return `${me}: &${me} [${Array(9).fill(`*${prev}`).join(",")}]`;
    }),
    "title: *i",
    "---",
    "Body",
  ].join("\n");

  it("are refused in well under a second, with the file named", async () => {
    const { ms } = await cpuTimed(() =>
      expect(() => readFrontMatter(bomb, "articles/2024/03/bomb.md")).toThrow(
        /articles\/2024\/03\/bomb\.md: front matter: cannot be read \(.*alias/i,
      ),
    );
    expect(ms).toBeLessThan(1_000);
  });

  it("would expand without the guard (the test's bomb is real)", () => {
    const yaml = bomb.split("\n").slice(1, -2).join("\n");
    expect(() => parseYaml(yaml, { maxAliasCount: -1 })).not.toThrow();
    expect(() => parseYaml(yaml, { maxAliasCount: 100 })).toThrow(/alias/i);
  });
});
