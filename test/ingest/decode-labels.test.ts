import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/front-matter.ts";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import { canonicalEncoding, decodeBytes } from "../../src/ingest/decode.ts";
import { ingestInputs } from "../../src/ingest/pipeline.ts";
import { describeWithShared, hasShared, sharedPath } from "../helpers/shared.ts";

/**
 * Issue 13, "nothing garbled": every label of the WHATWG Encoding Standard, and the legacy labels
 * real pages declare that WHATWG lacks (IBM855, cp866, koi8-u, cp1125, mac-cyrillic, cp437…),
 * decodes as it says; a label nothing decodes is reported, never silently read as windows-1252.
 * The Cyrillic cases are real text (AEB's Russian pages, a Bulgarian Google Scholar page from WCXB)
 * encoded with iconv-lite into each code page and declared every way a page can declare it.
 */

/** The WHATWG Encoding Standard's encodings and every label of each (encodings.json). */
const WHATWG_LABELS: Record<string, string[]> = {
  "utf-8": ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"],
  ibm866: ["866", "cp866", "csibm866", "ibm866"],
  "iso-8859-2": [
    "csisolatin2",
    "iso-8859-2",
    "iso-ir-101",
    "iso8859-2",
    "iso88592",
    "iso_8859-2",
    "iso_8859-2:1987",
    "l2",
    "latin2",
  ],
  "iso-8859-3": [
    "csisolatin3",
    "iso-8859-3",
    "iso-ir-109",
    "iso8859-3",
    "iso88593",
    "iso_8859-3",
    "iso_8859-3:1988",
    "l3",
    "latin3",
  ],
  "iso-8859-4": [
    "csisolatin4",
    "iso-8859-4",
    "iso-ir-110",
    "iso8859-4",
    "iso88594",
    "iso_8859-4",
    "iso_8859-4:1988",
    "l4",
    "latin4",
  ],
  "iso-8859-5": [
    "csisolatincyrillic",
    "cyrillic",
    "iso-8859-5",
    "iso-ir-144",
    "iso8859-5",
    "iso88595",
    "iso_8859-5",
    "iso_8859-5:1988",
  ],
  "iso-8859-6": [
    "arabic",
    "asmo-708",
    "csiso88596e",
    "csiso88596i",
    "csisolatinarabic",
    "ecma-114",
    "iso-8859-6",
    "iso-8859-6-e",
    "iso-8859-6-i",
    "iso-ir-127",
    "iso8859-6",
    "iso88596",
    "iso_8859-6",
    "iso_8859-6:1987",
  ],
  "iso-8859-7": [
    "csisolatingreek",
    "ecma-118",
    "elot_928",
    "greek",
    "greek8",
    "iso-8859-7",
    "iso-ir-126",
    "iso8859-7",
    "iso88597",
    "iso_8859-7",
    "iso_8859-7:1987",
    "sun_eu_greek",
  ],
  "iso-8859-8": [
    "csiso88598e",
    "csisolatinhebrew",
    "hebrew",
    "iso-8859-8",
    "iso-8859-8-e",
    "iso-ir-138",
    "iso8859-8",
    "iso88598",
    "iso_8859-8",
    "iso_8859-8:1988",
    "visual",
  ],
  "iso-8859-8-i": ["csiso88598i", "iso-8859-8-i", "logical"],
  "iso-8859-10": ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"],
  "iso-8859-13": ["iso-8859-13", "iso8859-13", "iso885913"],
  "iso-8859-14": ["iso-8859-14", "iso8859-14", "iso885914"],
  "iso-8859-15": ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"],
  "iso-8859-16": ["iso-8859-16"],
  "koi8-r": ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"],
  "koi8-u": ["koi8-ru", "koi8-u"],
  macintosh: ["csmacintosh", "mac", "macintosh", "x-mac-roman"],
  "windows-874": ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"],
  "windows-1250": ["cp1250", "windows-1250", "x-cp1250"],
  "windows-1251": ["cp1251", "windows-1251", "x-cp1251"],
  "windows-1252": [
    "ansi_x3.4-1968",
    "ascii",
    "cp1252",
    "cp819",
    "csisolatin1",
    "ibm819",
    "iso-8859-1",
    "iso-ir-100",
    "iso8859-1",
    "iso88591",
    "iso_8859-1",
    "iso_8859-1:1987",
    "l1",
    "latin1",
    "us-ascii",
    "windows-1252",
    "x-cp1252",
  ],
  "windows-1253": ["cp1253", "windows-1253", "x-cp1253"],
  "windows-1254": [
    "cp1254",
    "csisolatin5",
    "iso-8859-9",
    "iso-ir-148",
    "iso8859-9",
    "iso88599",
    "iso_8859-9",
    "iso_8859-9:1989",
    "l5",
    "latin5",
    "windows-1254",
    "x-cp1254",
  ],
  "windows-1255": ["cp1255", "windows-1255", "x-cp1255"],
  "windows-1256": ["cp1256", "windows-1256", "x-cp1256"],
  "windows-1257": ["cp1257", "windows-1257", "x-cp1257"],
  "windows-1258": ["cp1258", "windows-1258", "x-cp1258"],
  "x-mac-cyrillic": ["x-mac-cyrillic", "x-mac-ukrainian"],
  gbk: [
    "chinese",
    "csgb2312",
    "csiso58gb231280",
    "gb2312",
    "gb_2312",
    "gb_2312-80",
    "gbk",
    "iso-ir-58",
    "x-gbk",
  ],
  gb18030: ["gb18030"],
  big5: ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"],
  "euc-jp": ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"],
  "iso-2022-jp": ["csiso2022jp", "iso-2022-jp"],
  shift_jis: ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j", "x-sjis"],
  "euc-kr": [
    "cseuckr",
    "csksc56011987",
    "euc-kr",
    "iso-ir-149",
    "korean",
    "ks_c_5601-1987",
    "ks_c_5601-1989",
    "ksc5601",
    "ksc_5601",
    "windows-949",
  ],
  replacement: ["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"],
  "utf-16be": ["unicodefffe", "utf-16be"],
  "utf-16le": ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"],
  "x-user-defined": ["x-user-defined"],
};

/** Encodings whose repertoire of letters is built from iconv-lite's table (an independent one). */
function lettersOf(encoding: string): string {
  const high = new Uint8Array(128).map((_, i) => 0x80 + i);
  const letters = [...iconv.decode(Buffer.from(high), encoding)].filter((c) => /\p{L}/u.test(c));
  const roundTrips = letters.filter((c) => iconv.decode(iconv.encode(c, encoding), encoding) === c);
  // words of five letters, as text has them
  const words: string[] = [];
  for (let i = 0; i < roundTrips.length; i += 5) words.push(roundTrips.slice(i, i + 5).join(""));
  return words.join(" ");
}

/** Sample text for the multibyte encodings (written here: no corpus page is in these). */
const CJK: Record<string, string> = {
  gbk: "中华人民共和国 新闻 报道",
  gb18030: "中华人民共和国 新闻 报道",
  big5: "中華民國 新聞 報導",
  "euc-jp": "日本語 の ニュース 記事",
  shift_jis: "日本語 の ニュース 記事",
  "euc-kr": "한국어 뉴스 기사",
};

const page = (declaration: string, body: string) =>
  `<!doctype html><html><head>${declaration}<title>t</title></head><body><p>${body}</p></body></html>`;
const paragraph = (html: string) => /<p>(.*)<\/p>/s.exec(html)?.[1];

/** The English of the seed capture's first lines (windows-1252's “smart quotes”, – and ’ in it). */
const ENGLISH = hasShared("seed", "moscow-times-kharkiv-mobilization.txt")
  ? readFileSync(sharedPath("seed", "moscow-times-kharkiv-mobilization.txt"), "utf8")
      .split(/\r?\n/)
      .filter((line) => /[“’–]/.test(line))
      .slice(0, 3)
      .join(" ")
  : "“We’re 300,000 snouts short, that’s why everything’s ready” – a source said.";

describe("every WHATWG label", () => {
  it("names the WHATWG encoding it belongs to", () => {
    const wrong: string[] = [];
    for (const [encoding, labels] of Object.entries(WHATWG_LABELS))
      for (const label of labels)
        for (const spelling of [label, label.toUpperCase(), ` ${label} `])
          if (canonicalEncoding(spelling) !== encoding)
            wrong.push(`${spelling} → ${canonicalEncoding(spelling)}`);
    expect(wrong).toEqual([]);
  });

  for (const [encoding, labels] of Object.entries(WHATWG_LABELS)) {
    if (["replacement", "utf-16le", "utf-16be", "x-user-defined", "iso-2022-jp", "utf-8"].includes(encoding))
      continue;
    const text =
      encoding === "windows-1252"
        ? ENGLISH
        : (CJK[encoding] ??
          (["ibm866", "iso-8859-5", "koi8-r", "koi8-u", "windows-1251", "x-mac-cyrillic"].includes(encoding)
            ? "Мобилизованные из Харькова: в четверг власти объявили о новом призыве"
            : lettersOf(encoding)));
    it(`decodes ${encoding} declared by each of its ${labels.length} labels in <meta charset>`, () => {
      const bytes = iconv.encode(
        page(`<meta charset="LABEL">`, text),
        encoding === "x-mac-cyrillic" ? "maccyrillic" : encoding,
      );
      for (const label of labels) {
        const declared = Buffer.from(bytes.toString("latin1").replace("LABEL", label), "latin1");
        const decoded = decodeBytes(declared, { kind: "html" });
        // NFC: WHATWG's macintosh has Ω (U+03A9) where iconv-lite's older table has the Ohm sign
        expect(paragraph(decoded.text)?.normalize("NFC"), label).toBe(text.normalize("NFC"));
        expect(decoded.encoding, label).toBe(encoding);
        expect(decoded.warnings, label).toBeUndefined();
      }
    });
  }

  it("keeps WHATWG's deliberate mappings: iso-8859-1, latin1, ascii and us-ascii are windows-1252", () => {
    const bytes = iconv.encode(page('<meta charset="iso-8859-1">', ENGLISH), "windows-1252");
    for (const label of ["iso-8859-1", "latin1", "ascii", "us-ascii", "ISO_8859-1:1987"]) {
      const html = bytes.toString("latin1").replace("iso-8859-1", label);
      const decoded = decodeBytes(Buffer.from(html, "latin1"), { kind: "html" });
      expect(decoded).toMatchObject({ encoding: "windows-1252", via: "meta" });
      expect(paragraph(decoded.text)).toBe(ENGLISH);
    }
  });

  it("decodes UTF-8 by each of its labels", () => {
    const text = "Мобилизованные — “quoted” 中文 😀";
    for (const label of WHATWG_LABELS["utf-8"] ?? []) {
      const decoded = decodeBytes(Buffer.from(page(`<meta charset="${label}">`, text)), { kind: "html" });
      expect(paragraph(decoded.text), label).toBe(text);
      expect(decoded.encoding).toBe("utf-8");
    }
  });

  it("decodes UTF-16 labels from a Content-Type header, and treats them as UTF-8 in a <meta> (HTML rule)", () => {
    const text = "Мобилизованные из Харькова";
    for (const [encoding, labels] of [
      ["utf-16le", WHATWG_LABELS["utf-16le"] ?? []],
      ["utf-16be", WHATWG_LABELS["utf-16be"] ?? []],
    ] as const) {
      for (const label of labels) {
        const bytes = iconv.encode(`<rss><title>${text}</title></rss>`, encoding);
        const decoded = decodeBytes(bytes, {
          kind: "xml",
          contentType: `application/rss+xml; charset=${label}`,
        });
        expect(decoded.text, label).toBe(`<rss><title>${text}</title></rss>`);
        expect(decoded.encoding).toBe(encoding);
        const meta = decodeBytes(Buffer.from(page(`<meta charset="${label}">`, text)), { kind: "html" });
        expect(paragraph(meta.text), label).toBe(text);
        expect(meta.encoding).toBe("utf-8");
      }
    }
  });

  it("decodes ISO-2022-JP (Node's decoder; iconv-lite has none to encode with)", () => {
    // 日本 in JIS X 0208 between the escape sequences that switch to it and back to ASCII
    const jis = [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42];
    const html = Buffer.concat([
      Buffer.from('<html><head><meta charset="csiso2022jp"></head><body><p>'),
      Buffer.from(jis),
      Buffer.from("</p></body></html>"),
    ]);
    const decoded = decodeBytes(html, { kind: "html" });
    expect(paragraph(decoded.text)).toBe("日本");
    expect(decoded.encoding).toBe("iso-2022-jp");
  });

  it("decodes x-user-defined from a header as WHATWG says, and as windows-1252 in a <meta> (HTML rule)", () => {
    const bytes = Buffer.from([0x61, 0x80, 0xff]);
    expect(
      decodeBytes(bytes, { kind: "text", contentType: "text/plain; charset=x-user-defined" }),
    ).toMatchObject({
      text: "a\uf780\uf7ff",
      encoding: "x-user-defined",
    });
    const meta = Buffer.concat([
      Buffer.from('<meta charset="x-user-defined"><p>'),
      Buffer.from([0x93, 0x61, 0x94]),
      Buffer.from("</p>"),
    ]);
    expect(paragraph(decodeBytes(meta, { kind: "html" }).text)).toBe("“a”");
  });

  it("reports the labels WHATWG maps to the replacement encoding, naming the label and where", () => {
    for (const label of WHATWG_LABELS.replacement ?? []) {
      const decoded = decodeBytes(Buffer.from(page(`<meta charset="${label}">`, "plain ASCII text")), {
        kind: "html",
      });
      expect(decoded.warnings?.join(), label).toContain(`"${label}" in a <meta> tag`);
      expect(decoded.warnings?.join(), label).toMatch(/refuses to decode/);
      expect(paragraph(decoded.text)).toBe("plain ASCII text");
    }
  });
});

describe("labels WHATWG lacks, that iconv-lite decodes", () => {
  const LEGACY: Array<[string, string, string]> = [
    // label, the encoding to make the bytes with, the name decode reports
    ["IBM855", "cp855", "cp855"],
    ["cp855", "cp855", "cp855"],
    ["ibm-855", "cp855", "cp855"],
    ["csIBM855", "cp855", "cp855"],
    ["x-IBM855", "cp855", "cp855"],
    ["cp1125", "cp1125", "cp1125"],
    ["koi8-t", "koi8-t", "koi8-t"],
    ["mac-cyrillic", "maccyrillic", "x-mac-cyrillic"],
    ["MacCyrillic", "maccyrillic", "x-mac-cyrillic"],
    ["cp437", "cp437", "cp437"],
    ["IBM850", "cp850", "cp850"],
    ["cp852", "cp852", "cp852"],
    ["iso-8859-16", "iso-8859-16", "iso-8859-16"],
  ];
  for (const [label, maker, name] of LEGACY)
    it(`${label} → ${name}`, () => {
      expect(canonicalEncoding(label)).toBe(name);
      const text = /855|1125|koi8|cyrillic/i.test(label)
        ? "Мобилизованные из Харькова: в четверг власти объявили о новом призыве"
        : lettersOf(maker);
      const decoded = decodeBytes(iconv.encode(page(`<meta charset="${label}">`, text), maker), {
        kind: "html",
      });
      expect(paragraph(decoded.text)).toBe(text);
      expect(decoded).toMatchObject({ encoding: name, via: "meta" });
      expect(decoded.warnings).toBeUndefined();
    });

  it("does not take iconv-lite's non-encodings (base64, hex, binary) for a charset", () => {
    for (const label of ["base64", "hex", "binary"]) expect(canonicalEncoding(label)).toBeUndefined();
  });

  it("reports a label nothing decodes, naming it and where it was declared, and never guesses windows-1252 for UTF-8", () => {
    const text = "Мобилизованные из Харькова — “quoted”";
    const bytes = Buffer.from(page('<meta charset="bogus-8">', text));
    const decoded = decodeBytes(bytes, { kind: "html" });
    expect(paragraph(decoded.text)).toBe(text);
    expect(decoded.warnings).toEqual([
      'the document declares charset "bogus-8" in a <meta> tag, which is not an encoding ingest knows; the declaration was ignored and the text may be garbled',
    ]);
    const header = decodeBytes(bytes, { kind: "html", contentType: "text/html; charset=x-nonsense" });
    expect(header.warnings?.[0]).toContain('"x-nonsense" in the Content-Type header');
    expect(paragraph(header.text)).toBe(text);
    const xml = decodeBytes(
      Buffer.from(`<?xml version="1.0" encoding="bogus"?><rss><title>${text}</title></rss>`),
      {
        kind: "xml",
      },
    );
    expect(xml.warnings?.[0]).toContain('"bogus" in the XML declaration');
    expect(xml.text).toContain(text);
  });
});

/** Cyrillic code pages real pages declare, with the label a page writes and the name decode reports. */
const CYRILLIC: Array<{ label: string; iconvName: string; name: string }> = [
  { label: "IBM855", iconvName: "cp855", name: "cp855" },
  { label: "KOI8-R", iconvName: "koi8-r", name: "koi8-r" },
  { label: "KOI8-U", iconvName: "koi8-u", name: "koi8-u" },
  { label: "windows-1251", iconvName: "windows-1251", name: "windows-1251" },
  { label: "ISO-8859-5", iconvName: "iso-8859-5", name: "iso-8859-5" },
  { label: "x-mac-cyrillic", iconvName: "maccyrillic", name: "x-mac-cyrillic" },
  { label: "cp866", iconvName: "cp866", name: "ibm866" },
  { label: "cp1125", iconvName: "cp1125", name: "cp1125" },
];

/** Sentences of `text` with at least 20 Cyrillic letters that every code page above can hold. */
function cyrillicSentences(text: string, count: number): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => (s.match(/[а-яё]/giu)?.length ?? 0) >= 20)
    .filter((s) => CYRILLIC.every((c) => iconv.decode(iconv.encode(s, c.iconvName), c.iconvName) === s))
    .slice(0, count);
}

const DECLARATIONS: Array<
  [string, (label: string, body: string) => { html: string; kind: "html" | "xml"; contentType?: string }]
> = [
  ["<meta charset>", (label, body) => ({ html: page(`<meta charset="${label}">`, body), kind: "html" })],
  [
    "<meta http-equiv>",
    (label, body) => ({
      html: page(`<meta http-equiv="Content-Type" content="text/html; charset=${label}">`, body),
      kind: "html",
    }),
  ],
  [
    "the XML declaration",
    (label, body) => ({
      html: `<?xml version="1.0" encoding="${label}"?>\n<rss><channel><p>${body}</p></channel></rss>`,
      kind: "xml",
    }),
  ],
  [
    "a Content-Type header",
    (label, body) => ({ html: page("", body), kind: "html", contentType: `text/html; charset=${label}` }),
  ],
];

const AEB_RUSSIAN = "c82b3d1d540bbbd6081bdfb78b4c068c583aa766bcaaefe7ad16d24e5413a829";

describeWithShared(
  "real Russian and Bulgarian text in every Cyrillic code page, declared every way",
  ["corpora"],
  () => {
    const truth = JSON.parse(
      readFileSync(sharedPath("corpora", "aeb", "ground-truth.json"), "utf8"),
    ) as Record<string, { articleBody?: string }>;
    const russian = cyrillicSentences(truth[AEB_RUSSIAN]?.articleBody ?? "", 6).join(" ");
    const scholar = JSON.parse(
      readFileSync(sharedPath("corpora", "wcxb-dev", "ground-truth", "2917.json"), "utf8"),
    ) as {
      ground_truth: { main_content: string };
    };
    // Bulgarian interface lines of a Google Scholar page ("Потвърден имейл адрес", "Съавтори"…)
    const bulgarian = [
      ...new Set(
        scholar.ground_truth.main_content
          .split("\n")
          .flatMap((line) => line.match(/[А-Яа-яЁё][А-Яа-яЁё ]{3,}[А-Яа-яЁё]/gu) ?? []),
      ),
    ].join(". ");

    it("has the real text", () => {
      expect(russian.match(/[а-яё]/giu)?.length ?? 0).toBeGreaterThan(300);
      expect(bulgarian).toContain("Потвърден имейл адрес");
    });

    for (const { label, iconvName, name } of CYRILLIC)
      for (const [how, declare] of DECLARATIONS)
        it(`${label} declared in ${how}`, () => {
          for (const [language, text] of [
            ["ru", russian],
            ["bg", bulgarian],
          ] as const) {
            const { html, kind, contentType } = declare(label, text);
            const decoded = decodeBytes(iconv.encode(html, iconvName), {
              kind,
              ...(contentType ? { contentType } : {}),
            });
            expect(paragraph(decoded.text), `${language} ${label} ${how}`).toBe(text);
            expect(decoded.encoding, `${language} ${label} ${how}`).toBe(name);
            expect(decoded.warnings).toBeUndefined();
          }
        });
  },
);

describeWithShared(
  "an IBM855 page through the HTML reader and ingest",
  ["corpora", "aeb", "ground-truth.json"],
  () => {
    it("writes the article with its Russian title and body, and registers the new outlet by its Russian name", async () => {
      const truth = JSON.parse(
        readFileSync(sharedPath("corpora", "aeb", "ground-truth.json"), "utf8"),
      ) as Record<string, { articleBody?: string }>;
      const sentences = cyrillicSentences(truth[AEB_RUSSIAN]?.articleBody ?? "", 12);
      const title = sentences[0] ?? "";
      const paragraphs = [sentences.slice(1, 5), sentences.slice(5, 9), sentences.slice(9)].map((p) =>
        p.join(" "),
      );
      const siteName = "Журнал Вдень";
      const html = `<!doctype html><html lang="ru"><head><meta charset="IBM855"><title>${title}</title>
<meta property="og:title" content="${title}"><meta property="og:site_name" content="${siteName}">
<meta property="og:type" content="article"><link rel="canonical" href="https://vden.example.ru/articles/1">
<meta property="article:published_time" content="2024-03-22T10:00:00+03:00"></head>
<body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}</article></body></html>`;
      const work = mkdtempSync(join(tmpdir(), "decode-ibm855-"));
      const file = join(work, "page.html");
      writeFileSync(file, iconv.encode(html, "cp855"));
      const registryDir = mkdtempSync(join(tmpdir(), "registry-"));
      for (const name of ["topics.yaml", "sources.yaml"])
        copyFileSync(join(REGISTRY_DIR, name), join(registryDir, name));
      const report = await ingestInputs([file], {
        outDir: join(work, "articles"),
        dryRun: false,
        registries: loadRegistries(registryDir),
        registryFile: join(registryDir, "sources.yaml"),
        toolVersion: "0.1.0",
        now: new Date("2026-01-02T03:04:05Z"),
      });
      expect(report.items[0]?.status, report.items[0]?.reason).toBe("written");
      const article = parseArticle(readFileSync(report.items[0]?.path ?? "", "utf8"), "ibm855");
      expect(article.title).toBe(title);
      for (const p of paragraphs) expect(article.body).toContain(p);
      expect(article.language).toBe("ru");
      const registry = readFileSync(join(registryDir, "sources.yaml"), "utf8");
      expect(registry).toContain(siteName);
      expect(registry).not.toMatch(/[ÐÑ][\u0080-\u00bf]|[\u0080-\u009f]/);
    });
  },
);
