import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  mojibakeMarkers,
  repairMojibake,
  repairText,
  WINDOWS_1252_HIGH,
  windows1252Controls,
  withoutControlCharacters,
} from "../../src/ingest/repair.ts";
import { describeWithShared, sharedPath } from "../helpers/shared.ts";

/**
 * src/ingest/repair.ts: double-encoded UTF-8 repaired (once or twice, through windows-1252 or
 * ISO-8859-1), legitimate Latin-1 text left alone, and nothing YAML or XML forbid let through.
 */

/** `text` as UTF-8 bytes read by a browser as windows-1252 (the WHATWG table: undefined bytes stay
 * C1 controls), which is how "â€”" and "Ð¼Ð¾" come about. */
function readAsWindows1252(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8"))
    out += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
  return out;
}
/** `text` as UTF-8 bytes read as ISO-8859-1 (C1 controls where windows-1252 has punctuation). */
const readAsLatin1 = (text: string) => Buffer.from(text, "utf8").toString("latin1");

const LAYERS: Array<[string, (text: string) => string]> = [
  ["windows-1252", readAsWindows1252],
  ["ISO-8859-1", readAsLatin1],
  ["windows-1252 twice", (t) => readAsWindows1252(readAsWindows1252(t))],
  ["ISO-8859-1 then windows-1252", (t) => readAsWindows1252(readAsLatin1(t))],
  ["windows-1252 then ISO-8859-1", (t) => readAsLatin1(readAsWindows1252(t))],
];

describe("repairMojibake: the examples of issue 13", () => {
  it.each([
    ["â€”", "—"],
    ["Ã©", "é"],
    ["Ð¼Ð¾Ð±Ð¸Ð»Ð¸Ð·Ð°Ñ†Ð¸Ñ\u008f", "мобилизация"],
    ["â€œquotedâ€\u009d", "“quoted”"],
    ["Ã¢â‚¬â€œ", "–"],
    ["Â£5 and 20Â°C", "£5 and 20°C"],
  ])("%j → %j", (broken, intended) => {
    expect(repairMojibake(broken)).toBe(intended);
    expect(repairText(broken)).toBe(intended);
  });

  it("reads a right quotation mark whose 0x9D a strict decoder replaced (â€�, the commonest case)", () => {
    expect(repairMojibake("â€œWe’re shortâ€\ufffd")).toBe("“We’re short”");
  });

  it("reads windows-1252 bytes left as C1 controls (feedparser's demoronize case)", () => {
    expect(windows1252Controls("don\u0092t")).toBe("don’t");
    expect(repairText("\u0093quoted\u0094 \u0096 \u0085")).toBe("“quoted” – …");
    // the five bytes windows-1252 leaves undefined are controls, and go
    expect(repairText("a\u0081b\u008dc\u008fd\u0090e\u009df")).toBe("abcdef");
  });
});

describe("repairMojibake leaves legitimate text alone", () => {
  const LEGIT = [
    "NÃO ACEITAMOS. São Paulo, Ã la carte",
    "Þór og Ísland, fjörð; FJÖRÐ” and ÐÆÞ",
    "CAFÉ… CAFÉ” «déjà vu» Fuß“ garçon, théâtre, forêt, naïve, cœur",
    "Österreich: Ärger über Übung; ½ × ¾ ± 2°",
    "Ñandú, AÑO», ÑOÑO”, Ñª y 1º, ÑªÁ (ordinals after a capital)",
    "Мобилизация в Харькове, «щёки», съезд — и т. д.",
    "Мобілізовані з Харкова: їхній ґазда Євген",
    "中文 العربية 😀 Ελληνικά",
    "é…” Â ÃÃ â€",
  ];
  it.each(LEGIT)("%j", (text) => {
    expect(repairMojibake(text)).toBe(text);
    expect(repairText(text)).toBe(text);
  });
});

describeWithShared("repairMojibake on real text", ["seed", "moscow-times-kharkiv-mobilization.txt"], () => {
  const seed = readFileSync(sharedPath("seed", "moscow-times-kharkiv-mobilization.txt"), "utf8");

  it("leaves the seed capture as it is (real English with “smart quotes”, – dashes and ’)", () => {
    expect(repairText(seed)).toBe(seed.replace(/\r\n?/g, "\n"));
  });

  for (const [name, layer] of LAYERS)
    it(`repairs the whole seed capture read as ${name}`, () => {
      const broken = layer(seed);
      expect(mojibakeMarkers(broken)).toBeGreaterThan(10);
      expect(repairText(broken)).toBe(seed.replace(/\r\n?/g, "\n"));
    });
});

describeWithShared("repairMojibake on real Russian text", ["corpora", "aeb", "ground-truth.json"], () => {
  // wday.ru and vse-diety.com articles in the AEB benchmark (real Russian news-site prose)
  const truth = JSON.parse(readFileSync(sharedPath("corpora", "aeb", "ground-truth.json"), "utf8")) as Record<
    string,
    { articleBody?: string }
  >;
  const russian = ["c82b3d1d540bbbd6081bdfb78b4c068c583aa766bcaaefe7ad16d24e5413a829"].map(
    (key) => truth[key]?.articleBody ?? "",
  );
  it("has the texts", () =>
    expect(russian.every((t) => /[а-я]{100}/i.test(t.replace(/[^а-я]/gi, "")))).toBe(true));

  for (const [name, layer] of LAYERS)
    it(`repairs Russian read as ${name} ("Ð¼Ð¾…" → "мо…")`, () => {
      for (const text of russian) expect(repairText(layer(text))).toBe(withoutControlCharacters(text));
    });

  it("leaves the correctly decoded Russian text alone", () => {
    for (const text of russian) expect(repairText(text)).toBe(withoutControlCharacters(text));
  });
});

describe("withoutControlCharacters", () => {
  it("removes C0 controls but tab and line breaks, DEL, C1 controls, U+FFFE/U+FFFF and lone surrogates", () => {
    const dirty =
      "a\u0000b\u0001c\u0007d\u001be\u001ff\u007fg\u0080h\u0085i\u009fj\ufffek\uffffl\ud800m\udc00n";
    expect(withoutControlCharacters(dirty)).toBe("abcdefghijklmn");
  });

  it("keeps tab, LF, real surrogate pairs, U+FFFD and every printable character", () => {
    const clean = "tab\there\nnext 😀 \ufffd «ёж» – “’” NBSP\u00a0 ZWJ\u200d LS\u2028";
    expect(withoutControlCharacters(clean)).toBe(clean);
  });

  it("turns CRLF and CR into LF, vertical tab and form feed into spaces", () => {
    expect(withoutControlCharacters("a\r\nb\rc\u000bd\u000ce")).toBe("a\nb\nc d e");
  });

  it("keeps NUL only when asked (decoding keeps it so a reader can tell a binary file)", () => {
    expect(withoutControlCharacters("a\u0000b", { keepNul: true })).toBe("a\u0000b");
    expect(withoutControlCharacters("a\u0000b")).toBe("ab");
  });

  it("leaves nothing a strict YAML parser rejects, whatever the input", () => {
    // YAML 1.2 c-printable (what PyYAML checks), minus U+0085, which we remove too
    const yamlPrintable = /^[\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
    let all = "";
    for (let code = 0; code < 0x10000; code += 1) all += String.fromCharCode(code);
    expect(yamlPrintable.test(withoutControlCharacters(all))).toBe(true);
    expect(yamlPrintable.test(repairText(all))).toBe(true);
  });

  it("is idempotent, with repairText", () => {
    const text = "Ã©\u0092\u0000\r\nx";
    expect(repairText(repairText(text))).toBe(repairText(text));
  });
});
