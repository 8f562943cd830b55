import iconv from "iconv-lite";
import type { DecodedText, DecodeHints } from "./html/types.ts";

/**
 * Raw bytes → text, without mojibake. The choice is made top-down, most trusted first:
 *
 *   1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — it cannot be there by accident;
 *   2. the charset of a Content-Type header, when the bytes came over HTTP;
 *   3. a declaration in the document: `<meta charset>` / `http-equiv` for HTML, the XML
 *      declaration for XML (and for XHTML served as HTML), in the first {@link PRESCAN_BYTES};
 *   4. VALIDATION of whatever 2–3 declared, because declarations lie: a page declared single-byte
 *      that is valid UTF-8 with multibyte sequences is UTF-8; a page declared UTF-8 that is not
 *      valid UTF-8 is detected; a page declared Latin or one Cyrillic code page whose bytes read far
 *      better as another Cyrillic code page is that code page;
 *   5. detection: valid UTF-8 is UTF-8; otherwise Cyrillic single-byte encodings are scored by
 *      how Russian/Ukrainian the decoded text looks (letter frequencies, letter case inside words,
 *      stray symbols); when none looks Cyrillic, windows-1252 (the web's de-facto Latin default);
 *   6. with nothing to go on and nothing wrong, UTF-8.
 *
 * Decoding uses the WHATWG TextDecoder (Node ships full ICU: windows-1251, koi8-r, koi8-u,
 * iso-8859-5, …), except windows-1252 (see decodeWith). UTF-32, which WHATWG does not define, is
 * decoded here by hand.
 */

/** How far into a document to look for a declaration: HTML's prescan is 1024 bytes, but real
 * pages put long comments and scripts first, so we look further (the cost is negligible). */
const PRESCAN_BYTES = 4096;

/** Single-byte code pages that Russian and Ukrainian text is found in, most common first (ties go
 * to the earlier one: koi8-r before koi8-u when a text has no Ukrainian letters). */
const CYRILLIC_CANDIDATES = ["windows-1251", "koi8-r", "koi8-u", "iso-8859-5", "ibm866", "x-mac-cyrillic"];

/** Declarations we second-guess with Cyrillic scoring: the Cyrillic code pages themselves, and the
 * Latin defaults that CMSs and servers stamp on pages whatever their real encoding. */
const SECOND_GUESSABLE = new Set([...CYRILLIC_CANDIDATES, "windows-1252", "iso-8859-1", "us-ascii"]);

/** Fewest Cyrillic letters before a statistical guess is trusted: below this, a handful of
 * accented Latin letters could pass for Cyrillic. Calibrated on the test fixtures: a Russian
 * sentence has 40+ letters; one French word with two accents has 2. */
const MIN_CYRILLIC_LETTERS = 12;

/** Lowest score for a decoding to count as Cyrillic text at all. Correct decodings of Russian and
 * Ukrainian news text score about −3.0 (mean log letter frequency); wrong code pages score below
 * −4.5 (wrong case inside words, rare letters, box-drawing symbols). */
const MIN_CYRILLIC_SCORE = -4.2;

/** How much better another Cyrillic decoding must score than the declared one to overrule the
 * declaration (a wrong code page loses by 1.5 or more on the fixtures; noise is below 0.2). */
const OVERRULE_MARGIN = 0.5;

/** Decodes `bytes` (see the module comment for the order of evidence). Never throws. */
export function decodeBytes(bytes: Uint8Array, hints: DecodeHints): DecodedText {
  const bom = sniffBom(bytes);
  if (bom)
    return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding, via: "bom" };

  const declared = declaredEncoding(bytes, hints);
  if (declared) return validateDeclared(bytes, declared.encoding, declared.via);

  const unmarkedUtf = sniffUnmarkedUtf16or32(bytes);
  if (unmarkedUtf) return { text: decodeWith(unmarkedUtf, bytes), encoding: unmarkedUtf, via: "detected" };

  if (isValidUtf8(bytes)) return { text: decodeWith("utf-8", bytes), encoding: "utf-8", via: "default" };
  const guess = detectSingleByte(bytes);
  return { text: decodeWith(guess, bytes), encoding: guess, via: "detected" };
}

/** The WHATWG name for an encoding label ("CP1251" → "windows-1251"), or undefined if unknown. */
export function canonicalEncoding(label: string): string | undefined {
  const trimmed = label.trim().toLowerCase();
  if (/^(utf-?32|ucs-?4)(le)?$/.test(trimmed)) return "utf-32le";
  if (/^(utf-?32|ucs-?4)be$/.test(trimmed)) return "utf-32be";
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return undefined;
  }
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", length: 3 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: "utf-32be", length: 4 };
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: "utf-32le", length: 4 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", length: 2 };
  return undefined;
}

/** UTF-16/32 without a BOM, recognised by the zero bytes around a leading "<" (XML 1.0 appendix F). */
function sniffUnmarkedUtf16or32(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return "utf-32be";
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return "utf-32le";
  if (a === 0 && b === 0x3c && c === 0 && d !== 0) return "utf-16be";
  if (a === 0x3c && b === 0 && c !== 0 && d === 0) return "utf-16le";
  return undefined;
}

function declaredEncoding(
  bytes: Uint8Array,
  hints: DecodeHints,
): { encoding: string; via: "http" | "meta" | "xml-declaration" } | undefined {
  const fromHeader = hints.contentType ? charsetParameter(hints.contentType) : undefined;
  const header = fromHeader ? canonicalEncoding(fromHeader) : undefined;
  if (header) return { encoding: header, via: "http" };
  if (hints.kind === "text") return undefined;

  // The prescan reads bytes as Latin-1: declarations are ASCII in every encoding we accept here.
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const fromXml = xml?.[1] ? canonicalEncoding(xml[1]) : undefined;
  if (hints.kind === "xml")
    return fromXml ? { encoding: asciiCompatible(fromXml), via: "xml-declaration" } : undefined;

  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const fromMeta = meta?.[1] ? canonicalEncoding(meta[1]) : undefined;
  if (fromMeta) return { encoding: asciiCompatible(fromMeta), via: "meta" };
  if (fromXml) return { encoding: asciiCompatible(fromXml), via: "xml-declaration" };
  return undefined;
}

/** A declaration read from ASCII bytes cannot truthfully say UTF-16/32 (HTML spec: use UTF-8). */
function asciiCompatible(encoding: string): string {
  return /^utf-(16|32)/.test(encoding) ? "utf-8" : encoding;
}

function charsetParameter(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match?.[1];
}

function validateDeclared(
  bytes: Uint8Array,
  declared: string,
  via: "http" | "meta" | "xml-declaration",
): DecodedText {
  if (declared === "utf-8") {
    if (isValidUtf8(bytes)) return { text: decodeWith("utf-8", bytes), encoding: "utf-8", via };
    const guess = detectSingleByte(bytes);
    return { text: decodeWith(guess, bytes), encoding: guess, via: "detected" };
  }
  if (declared.startsWith("utf-16") || declared.startsWith("utf-32")) {
    return { text: decodeWith(declared, bytes), encoding: declared, via };
  }
  if (hasMultibyteUtf8(bytes) && isValidUtf8(bytes)) {
    return { text: decodeWith("utf-8", bytes), encoding: "utf-8", via: "detected" };
  }
  if (SECOND_GUESSABLE.has(declared)) {
    const best = bestCyrillic(bytes);
    if (best) {
      const declaredScore = CYRILLIC_CANDIDATES.includes(declared)
        ? cyrillicPlausibility(decodeWith(declared, bytes)).score
        : Number.NEGATIVE_INFINITY;
      if (best.encoding !== declared && best.score - declaredScore > OVERRULE_MARGIN) {
        return { text: decodeWith(best.encoding, bytes), encoding: best.encoding, via: "detected" };
      }
    }
  }
  return { text: decodeWith(declared, bytes), encoding: declared, via };
}

/** Not UTF-8: the most plausible Cyrillic code page, else windows-1252. */
function detectSingleByte(bytes: Uint8Array): string {
  return bestCyrillic(bytes)?.encoding ?? "windows-1252";
}

/** The Cyrillic code page whose decoding looks most like Russian/Ukrainian, if any does. */
function bestCyrillic(bytes: Uint8Array): { encoding: string; score: number } | undefined {
  let best: { encoding: string; score: number } | undefined;
  for (const encoding of CYRILLIC_CANDIDATES) {
    const { letters, score } = cyrillicPlausibility(decodeWith(encoding, bytes));
    if (letters < MIN_CYRILLIC_LETTERS || score < MIN_CYRILLIC_SCORE) continue;
    if (!best || score > best.score + 1e-9) best = { encoding, score };
  }
  return best;
}

/** Relative letter frequencies of Russian news text, with the Ukrainian-only letters (і ї є ґ)
 * added at their Ukrainian frequencies, so either language scores well in a correct decoding. */
const LETTER_FREQUENCY: Record<string, number> = {
  о: 0.1097,
  е: 0.0845,
  а: 0.0801,
  и: 0.0735,
  н: 0.067,
  т: 0.0626,
  с: 0.0547,
  р: 0.0473,
  в: 0.0454,
  л: 0.044,
  к: 0.0349,
  м: 0.0321,
  д: 0.0298,
  п: 0.0281,
  у: 0.0262,
  я: 0.0201,
  ы: 0.019,
  ь: 0.0174,
  г: 0.017,
  з: 0.0165,
  б: 0.0159,
  ч: 0.0144,
  й: 0.0121,
  х: 0.0097,
  ж: 0.0094,
  ш: 0.0073,
  ю: 0.0064,
  ц: 0.0048,
  щ: 0.0036,
  э: 0.0032,
  ф: 0.0026,
  ъ: 0.0004,
  ё: 0.002,
  і: 0.04,
  ї: 0.006,
  є: 0.005,
  ґ: 0.0005,
};
/** Log frequency charged for a Cyrillic letter outside the table (ђ, ћ, џ, ў…: Serbian, Belarusian,
 * Macedonian letters that appear when a Russian text is decoded with the wrong code page). */
const UNLISTED_LETTER_LOG = Math.log(0.0002);
/** Non-letter characters that belong in Russian/Ukrainian typography (quotes, dashes, №, NBSP…). */
const TYPOGRAPHIC = new Set([..."«»„“”‘’‚—–…№•·°§©®™\u00a0\u00ad"]);

/**
 * How much a text looks like Russian/Ukrainian: mean log letter frequency over Cyrillic letters,
 * minus penalties for words whose case is wrong inside them ("пРИВЕТ": a case-flipped code page),
 * for words mixing Cyrillic with other letters (a Latin text read as Cyrillic), and for stray
 * symbols (box drawing, currency signs) where letters should be.
 */
export function cyrillicPlausibility(text: string): { letters: number; score: number } {
  let letters = 0;
  let upper = 0;
  let logSum = 0;
  let cyrillicWords = 0;
  let badCaseWords = 0;
  let mixedWords = 0;
  for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
    let cyr = 0;
    for (const ch of word) {
      if (!CYRILLIC_LETTER.test(ch)) continue;
      cyr += 1;
      const lower = ch.toLowerCase();
      if (lower !== ch) upper += 1;
      const f = LETTER_FREQUENCY[lower];
      logSum += f ? Math.log(f) : UNLISTED_LETTER_LOG;
    }
    if (cyr === 0) continue;
    letters += cyr;
    if (cyr < word.length) {
      mixedWords += 1;
      continue;
    }
    cyrillicWords += 1;
    const rest = word.slice(1);
    const lowerFirst = word[0] === word[0]?.toLowerCase();
    if (rest !== rest.toLowerCase() && (rest !== rest.toUpperCase() || lowerFirst)) badCaseWords += 1;
  }
  let nonAscii = 0;
  let stray = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) <= 0x7f) continue;
    nonAscii += 1;
    if (!/[\p{L}\p{M}\p{N}\s]/u.test(ch) && !TYPOGRAPHIC.has(ch)) stray += 1;
  }
  if (letters === 0) return { letters: 0, score: Number.NEGATIVE_INFINITY };
  const words = cyrillicWords + mixedWords;
  const score =
    logSum / letters -
    3 * (badCaseWords / Math.max(1, cyrillicWords)) -
    3 * Math.max(0, upper / letters - MAX_NATURAL_UPPERCASE) -
    3 * (mixedWords / Math.max(1, words)) -
    10 * (stray / Math.max(1, nonAscii));
  return { letters, score };
}

const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
/** Share of capital letters above which a text looks case-flipped (KOI8 and windows-1251 swap the
 * case halves): running Russian prose has about 5% capitals; all-caps headlines push a page to 20%. */
const MAX_NATURAL_UPPERCASE = 0.35;

function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === "utf-32le" || encoding === "utf-32be") return decodeUtf32(bytes, encoding === "utf-32le");
  // Node 20's TextDecoder("windows-1252") decodes as ISO-8859-1 (0x80–0x9F become C1 controls
  // instead of € ‚ „ … ‘ ’ “ ” – — œ), so that one goes through iconv-lite's table.
  if (encoding === "windows-1252")
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows-1252");
  return new TextDecoder(encoding).decode(bytes);
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    parts.push(code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd");
  }
  return parts.join("");
}

function latin1(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasMultibyteUtf8(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}
