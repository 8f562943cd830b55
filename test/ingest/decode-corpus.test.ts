import { readdirSync, readFileSync } from "node:fs";
import { parseFeed } from "feedsmith";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { canonicalEncoding, decodeBytes } from "../../src/ingest/decode.ts";
import { repairText } from "../../src/ingest/repair.ts";
import { describeWithShared, sharedPath } from "../helpers/shared.ts";

/**
 * Universal Feed Parser's 82 encoding test feeds (corpora/feedparser/encoding) through decodeBytes,
 * checked against what each file's header says feedparser expects (`Expect:`, a Python expression):
 * `encoding == '…'` (the text must be what that encoding gives), `feed['title'] == '…'`,
 * `entries[0]['description'] == '…'`, `ord(entries[0]['description']) == N` (read with feedsmith,
 * the feed reader's parser, then repairText, as the pipeline does).
 */

const FOLDER = ["corpora", "feedparser", "encoding"];

/** A Python string literal's value ('…' or "…", with \uXXXX, \xXX and \\ escapes). */
function pythonString(literal: string): string {
  const body = literal.replace(/^u?(['"])([\s\S]*)\1$/, "$2");
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, sequence: string) =>
    sequence.length > 1 ? String.fromCharCode(Number.parseInt(sequence.slice(1), 16)) : sequence,
  );
}

/** Numeric character references decoded as HTML does (128–159 as windows-1252, via repairText). */
const htmlReferences = (text: string) =>
  text.replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) =>
    String.fromCodePoint(n[0] === "x" || n[0] === "X" ? Number.parseInt(n.slice(1), 16) : Number(n)),
  );

interface Corpus {
  name: string;
  bytes: Buffer;
  contentType: string | undefined;
  expect: string;
}

function readCorpus(): Corpus[] {
  const folder = sharedPath(...FOLDER);
  return readdirSync(folder)
    .sort()
    .map((name) => {
      const bytes = readFileSync(`${folder}/${name}`);
      const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1200)).replace(/\0/g, "");
      return {
        name,
        bytes,
        contentType: /Header:\s*Content-type:\s*([^\n]+)/i.exec(head)?.[1]?.trim(),
        expect: /Expect:\s*([^\n]+)/.exec(head)?.[1]?.trim() ?? "",
      };
    });
}

/** What feedsmith reads from the decoded feed: the title and the first item's description. */
function fields(text: string): { title?: string; description?: string } {
  try {
    const { feed } = parseFeed(text) as { feed: { title?: string; items?: Array<{ description?: string }> } };
    return {
      ...(feed.title !== undefined ? { title: feed.title } : {}),
      ...(feed.items?.[0]?.description !== undefined ? { description: feed.items[0].description } : {}),
    };
  } catch {
    return {};
  }
}

describeWithShared("feedparser's encoding corpus through decodeBytes", FOLDER, () => {
  const corpus = readCorpus();

  it("has the 82 files", () => expect(corpus).toHaveLength(82));

  it("decodes as feedparser expects every file whose Expect: says an encoding, a title or a description", () => {
    const failures: string[] = [];
    let encodings = 0;
    let texts = 0;
    for (const file of corpus) {
      const decoded = decodeBytes(file.bytes, {
        kind: "xml",
        ...(file.contentType ? { contentType: file.contentType } : {}),
      });
      const expectedEncoding = /\bencoding == '([^']+)'/.exec(file.expect)?.[1];
      if (expectedEncoding) {
        encodings += 1;
        // The same text as the expected encoding gives (feedparser says "us-ascii" for text/xml
        // without a charset, RFC 3023; those files are ASCII, so any ASCII superset reads them alike).
        const name = canonicalEncoding(expectedEncoding) ?? expectedEncoding;
        const bom = /^(?:\ufeff)/;
        const reference = iconv.decode(file.bytes, name === "gbk" ? "gb18030" : name).replace(bom, "");
        if (decoded.text !== repairText(reference, { keepNul: true }))
          failures.push(`${file.name}: decoded as ${decoded.encoding}, not as ${expectedEncoding} expects`);
      }
      const check = /(feed\['title'\]|entries\[0\]\['description'\]) == (u?'(?:[^'\\]|\\.)*')/.exec(
        file.expect,
      );
      const ord = /ord\(entries\[0\]\['description'\]\) == (\d+)/.exec(file.expect);
      if (check || ord) {
        texts += 1;
        const got = fields(decoded.text);
        const value = repairText(
          htmlReferences(check?.[1]?.startsWith("feed") ? (got.title ?? "") : (got.description ?? "")),
        );
        const wanted = check?.[2]
          ? htmlReferences(pythonString(check[2]))
          : String.fromCodePoint(Number(ord?.[1]));
        if (value !== wanted)
          failures.push(`${file.name}: ${JSON.stringify(value)} ≠ ${JSON.stringify(wanted)}`);
      }
    }
    console.log(
      `feedparser encoding corpus: ${encodings} expected encodings and ${texts} expected texts checked, ${failures.length} wrong`,
    );
    expect(failures).toEqual([]);
    expect(encodings).toBeGreaterThanOrEqual(60);
    expect(texts).toBeGreaterThanOrEqual(8);
  });

  it("leaves no control character (but NUL) and no U+FFFD in any file not broken on purpose", () => {
    const failures: string[] = [];
    for (const file of corpus) {
      const decoded = decodeBytes(file.bytes, {
        kind: "xml",
        ...(file.contentType ? { contentType: file.contentType } : {}),
      });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
      if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/.test(decoded.text))
        failures.push(`${file.name}: control character`);
      if (!/^bozo/.test(file.expect) && decoded.text.includes("\ufffd"))
        failures.push(`${file.name}: U+FFFD`);
    }
    expect(failures).toEqual([]);
  });

  it("reports the bogus declaration, and reads UTF-8 with a stray byte better than feedparser does", () => {
    const byName = new Map(corpus.map((f) => [f.name, f]));
    const bogus = byName.get("bozo_bogus_encoding.xml");
    expect(decodeBytes(bogus?.bytes ?? Buffer.alloc(0), { kind: "xml" }).warnings?.[0]).toContain('"bogus"');
    // feedparser expects mojibake here ('\xe2\u20ac\u2122…'); the valid sequences are ’ and ”
    const noise = decodeBytes(byName.get("bozo_linenoise.xml")?.bytes ?? Buffer.alloc(0), { kind: "xml" });
    expect(fields(noise.text).description).toBe("’<>”©");
    expect(noise.warnings?.join()).toMatch(/1 byte\(s\) were not valid UTF-8/);
  });
});
