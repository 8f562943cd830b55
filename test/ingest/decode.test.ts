import { readdirSync, readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { cyrillicPlausibility, decodeBytes } from "../../src/ingest/decode.ts";
import { describeWithShared, sharedPath } from "../helpers/shared.ts";

const RUSSIAN =
  "Мобилизованные из Харькова: в четверг власти объявили о новом призыве. 'Мы ждём ответа', - сказал Пётр Ильич. Съезд, объём, подъезд и щёки.";
const UKRAINIAN =
  "Мобілізовані з Харкова: у четвер влада оголосила про новий призов. 'Ми чекаємо на відповідь', - сказав їхній ґазда Євген.";

const page = (body: string, declaration: string) =>
  `<!doctype html><html><head>${declaration}<title>т</title></head><body><p>${body}</p></body></html>`;
const textOf = (html: string) => /<p>(.*)<\/p>/s.exec(html)?.[1];

const CASES: Array<[string, string, string]> = [
  ["windows-1251", RUSSIAN, "ru"],
  ["windows-1251", UKRAINIAN, "uk"],
  ["koi8-r", RUSSIAN, "ru"],
  ["koi8-u", UKRAINIAN, "uk"],
  ["iso-8859-5", RUSSIAN, "ru"],
  ["utf-8", RUSSIAN, "ru"],
  ["utf-8", UKRAINIAN, "uk"],
];

describe("decodeBytes: Russian and Ukrainian in every encoding", () => {
  for (const [encoding, text, lang] of CASES) {
    it(`${encoding} (${lang}) with a correct declaration`, () => {
      const bytes = iconv.encode(page(text, `<meta charset="${encoding}">`), encoding);
      const decoded = decodeBytes(bytes, { kind: "html" });
      expect(textOf(decoded.text)).toBe(text);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.via).toBe("meta");
    });
    it(`${encoding} (${lang}) with no declaration`, () => {
      const bytes = iconv.encode(page(text, ""), encoding);
      const decoded = decodeBytes(bytes, { kind: "html" });
      expect(textOf(decoded.text)).toBe(text);
      // koi8-r and koi8-u agree on every Russian letter; either is a faithful decoding.
      if (encoding.startsWith("koi8")) expect(decoded.encoding).toMatch(/^koi8-/);
      else expect(decoded.encoding).toBe(encoding);
    });
    for (const lie of ["windows-1252", "utf-8", "koi8-r", "windows-1251"].filter((l) => l !== encoding)) {
      it(`${encoding} (${lang}) whose <meta> says ${lie}`, () => {
        const bytes = iconv.encode(
          page(text, `<meta http-equiv="Content-Type" content="text/html; charset=${lie}">`),
          encoding,
        );
        const decoded = decodeBytes(bytes, { kind: "html" });
        expect(textOf(decoded.text)).toBe(text);
        expect(decoded.text).not.toContain("\ufffd");
      });
    }
  }

  it("trusts a Content-Type header over <meta>, and still validates it", () => {
    const bytes = iconv.encode(page(RUSSIAN, '<meta charset="koi8-r">'), "windows-1251");
    const decoded = decodeBytes(bytes, { kind: "html", contentType: "text/html; charset=windows-1251" });
    expect(decoded).toMatchObject({ encoding: "windows-1251", via: "http" });
    const lying = decodeBytes(iconv.encode(RUSSIAN, "utf-8"), {
      kind: "text",
      contentType: "text/plain; charset=windows-1251",
    });
    expect(lying).toMatchObject({ text: RUSSIAN, encoding: "utf-8", via: "detected" });
  });

  it("reads UTF-16 with a BOM, either byte order", () => {
    for (const encoding of ["utf-16le", "utf-16be"]) {
      const bytes = iconv.encode(page(UKRAINIAN, ""), encoding, { addBOM: true });
      const decoded = decodeBytes(bytes, { kind: "html" });
      expect(textOf(decoded.text)).toBe(UKRAINIAN);
      expect(decoded).toMatchObject({ encoding, via: "bom" });
    }
  });

  it("reads XML declarations for feeds", () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><title>${RUSSIAN}</title></rss>`;
    const decoded = decodeBytes(iconv.encode(xml, "windows-1251"), { kind: "xml" });
    expect(decoded).toMatchObject({ text: xml, encoding: "windows-1251", via: "xml-declaration" });
  });

  it("leaves genuine Latin-1 pages alone (French is not Cyrillic)", () => {
    const french = "Élève à l'école: «déjà vu», garçon, théâtre, forêt, où, naïve, cœur. Ça coûte très cher.";
    const decoded = decodeBytes(iconv.encode(page(french, '<meta charset="iso-8859-1">'), "windows-1252"), {
      kind: "html",
    });
    expect(textOf(decoded.text)).toBe(french);
    const undeclared = decodeBytes(iconv.encode(page(french, ""), "windows-1252"), { kind: "html" });
    expect(textOf(undeclared.text)).toBe(french);
  });

  it("defaults to UTF-8 for plain ASCII", () => {
    expect(decodeBytes(new TextEncoder().encode("hello"), { kind: "text" })).toEqual({
      text: "hello",
      encoding: "utf-8",
      via: "default",
    });
  });

  it("scores a correct decoding of Russian far above a wrong one", () => {
    const bytes = iconv.encode(RUSSIAN, "windows-1251");
    const right = cyrillicPlausibility(new TextDecoder("windows-1251").decode(bytes)).score;
    for (const other of ["koi8-r", "iso-8859-5", "ibm866"]) {
      const wrong = cyrillicPlausibility(new TextDecoder(other).decode(bytes)).score;
      expect(right - wrong, other).toBeGreaterThan(1.5);
    }
    expect(right).toBeGreaterThan(-3.5);
  });
});

describeWithShared(
  "decodeBytes over feedparser's encoding corpus",
  ["corpora", "feedparser", "encoding"],
  () => {
    const folder = sharedPath("corpora", "feedparser", "encoding");
    // Files whose own header says the bytes are broken or undecodable on purpose.
    const genuinelyBroken = (header: string) => /Expect:\s*bozo/i.test(header);
    it("decodes every file without replacement characters unless the file is broken on purpose", () => {
      const failures: string[] = [];
      let checked = 0;
      for (const name of readdirSync(folder).sort()) {
        const bytes = readFileSync(`${folder}/${name}`);
        const sniff = new TextDecoder("latin1").decode(bytes.subarray(0, 600)).replace(/\0/g, "");
        const header = /Header:\s*Content-type:\s*([^\n]+)/i.exec(sniff)?.[1]?.trim();
        const decoded = decodeBytes(bytes, header ? { kind: "xml", contentType: header } : { kind: "xml" });
        if (genuinelyBroken(`${name} ${sniff}`)) continue;
        checked += 1;
        if (decoded.text.includes("\ufffd") || !decoded.text.includes("<"))
          failures.push(`${name} (${decoded.encoding} via ${decoded.via})`);
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(60);
    });
  },
);

describe("decodeBytes repairs double-encoded UTF-8 and drops controls, for every kind of input", () => {
  const intended = "Мобилизация — “второй этап”, café";
  const doubled = Buffer.from(Buffer.from(intended, "utf8").toString("latin1"), "utf8");
  it.each(["html", "xml", "text"] as const)("%s", (kind) => {
    const decoded = decodeBytes(doubled, { kind });
    expect(decoded.text).toBe(intended);
    expect(decoded.warnings?.join()).toMatch(/repaired \d+ double-encoded UTF-8 sequence/);
  });

  it("reads windows-1252 bytes in a UTF-8 page (“demoronize”) and drops C0/C1 controls but NUL", () => {
    const decoded = decodeBytes(Buffer.from("don\u0092t\u0007 \u0081x\u0000", "utf8"), { kind: "text" });
    expect(decoded.text).toBe("don’t x\u0000");
  });

  it("reads a UTF-8 page with one stray windows-1252 byte as UTF-8, with a warning", () => {
    const bytes = Buffer.concat([
      Buffer.from(`<p>${RUSSIAN} `),
      Buffer.from([0x96]),
      Buffer.from(" конец</p>"),
    ]);
    const decoded = decodeBytes(bytes, { kind: "html", contentType: "text/html; charset=utf-8" });
    expect(decoded.text).toBe(`<p>${RUSSIAN} – конец</p>`);
    expect(decoded.warnings?.join()).toMatch(/1 byte\(s\) were not valid UTF-8/);
  });
});
