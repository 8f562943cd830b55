import iconv from "iconv-lite";
import type { DecodedText, DecodeHints } from "./html/types.ts";
import { mojibakeMarkers, repairText, WINDOWS_1252_HIGH } from "./repair.ts";

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
 * Every label of the WHATWG Encoding Standard is understood as WHATWG says (so "iso-8859-1",
 * "latin1" and "ascii" mean windows-1252, on purpose), and so is every legacy label iconv-lite knows
 * that WHATWG lacks (IBM855/cp855, cp1125, cp437, cp850, cp852, mac-cyrillic, koi8-t, iso-8859-16…).
 * A declared label nothing can decode (a typo, "bogus", or one WHATWG maps to "replacement", such
 * as iso-2022-kr) is skipped for the next piece of evidence and REPORTED in `warnings`, naming the
 * label and where it was declared; it is never silently read as windows-1252.
 *
 * Decoding uses the WHATWG TextDecoder (Node ships full ICU), except where Node 20 departs from the
 * WHATWG index (windows-1252, ibm866) or lacks the encoding (iso-8859-16, x-user-defined, UTF-32,
 * the legacy code pages): see decodeWith.
 *
 * What leaves is repaired (src/ingest/repair.ts): UTF-8 that had been read as windows-1252 and
 * saved again ("â€”", "Ã©", "Ð¼Ð¾"), windows-1252 bytes left as C1 controls, and characters YAML
 * and XML forbid (NUL excepted: it is how a reader tells a binary file from text).
 */

/** How far into a document to look for a declaration: HTML's prescan is 1024 bytes, but real
 * pages put long comments and scripts first, so we look further (the cost is negligible). */
const PRESCAN_BYTES = 4096;

/** Single-byte code pages that Russian and Ukrainian text is found in, most common first (ties go
 * to the earlier one: koi8-r before koi8-u when a text has no Ukrainian letters, ibm866 before its
 * Ukrainian variant cp1125). */
const CYRILLIC_CANDIDATES = [
  "windows-1251",
  "koi8-r",
  "koi8-u",
  "iso-8859-5",
  "ibm866",
  "x-mac-cyrillic",
  "cp855",
  "cp1125",
];

/** Every Cyrillic code page a page may declare (a declared one is scored against the others). */
const CYRILLIC_CODE_PAGES = new Set([...CYRILLIC_CANDIDATES, "koi8-ru", "cp808", "koi8-t"]);

/** Declarations we second-guess with Cyrillic scoring: the Cyrillic code pages themselves, and the
 * Latin defaults that CMSs and servers stamp on pages whatever their real encoding. */
const SECOND_GUESSABLE = new Set([...CYRILLIC_CODE_PAGES, "windows-1252", "iso-8859-1", "us-ascii"]);

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
  const warnings: string[] = [];
  return finish(chooseAndDecode(bytes, hints, warnings), warnings);
}

function chooseAndDecode(bytes: Uint8Array, hints: DecodeHints, warnings: string[]): DecodedText {
  const bom = sniffBom(bytes);
  if (bom)
    return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding, via: "bom" };

  const declared = declaredEncoding(bytes, hints, warnings);
  if (declared) return validateDeclared(bytes, declared.encoding, declared.via, warnings);

  const unmarkedUtf = sniffUnmarkedUtf16or32(bytes);
  if (unmarkedUtf) return { text: decodeWith(unmarkedUtf, bytes), encoding: unmarkedUtf, via: "detected" };

  const utf8 = asUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", via: "default" };
  return detectNotUtf8(bytes, warnings);
}

/** The decoded text repaired (double-encoded UTF-8, C1 controls, forbidden characters), with what
 * was reported on the way. */
function finish(decoded: DecodedText, warnings: string[]): DecodedText {
  const markers = mojibakeMarkers(decoded.text);
  const text = repairText(decoded.text, { keepNul: true });
  if (markers > 0) {
    const repaired = markers - mojibakeMarkers(text);
    if (repaired > 0)
      warnings.push(
        `repaired ${repaired} double-encoded UTF-8 sequence(s) (UTF-8 read as windows-1252 and saved again, e.g. "â€”" for "—")`,
      );
  }
  return { ...decoded, text, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Labels WHATWG maps to its "replacement" encoding: encodings it refuses to decode (ISO-2022-KR,
 * ISO-2022-CN, HZ), because their bytes can smuggle ASCII past a filter. */
const REPLACEMENT_LABELS = new Set([
  "csiso2022kr",
  "hz-gb-2312",
  "iso-2022-cn",
  "iso-2022-cn-ext",
  "iso-2022-kr",
  "replacement",
]);

/** Labels Node's TextDecoder does not know though WHATWG defines them (or that name WHATWG's
 * encoding under another spelling), with the encoding they mean. */
const EXTRA_LABELS: Record<string, string> = {
  "iso-8859-16": "iso-8859-16",
  "x-user-defined": "x-user-defined",
  "mac-cyrillic": "x-mac-cyrillic",
  maccyrillic: "x-mac-cyrillic",
  "x-maccyrillic": "x-mac-cyrillic",
  "mac-ukrainian": "x-mac-cyrillic",
  macukrainian: "x-mac-cyrillic",
};

/** iconv-lite "encodings" that are not character encodings of a page (binary-to-text schemes,
 * "binary" for bytes as they are), so a page that names them names no encoding we can use. */
const NOT_TEXT_ENCODINGS = new Set(["base64", "base64url", "hex", "binary"]);

/**
 * The name ingest decodes an encoding label with: WHATWG's for its labels ("CP1251" →
 * "windows-1251", "latin1" → "windows-1252"), "utf-32le"/"utf-32be", "replacement" for the labels
 * WHATWG refuses, and for legacy labels WHATWG lacks but iconv-lite knows, a normalised label
 * ("IBM855" → "cp855", "koi8-t"). Undefined if nothing can decode it.
 */
export function canonicalEncoding(label: string): string | undefined {
  const trimmed = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  if (trimmed === "") return undefined;
  if (/^(utf-?32|ucs-?4)(le)?$/.test(trimmed)) return "utf-32le";
  if (/^(utf-?32|ucs-?4)be$/.test(trimmed)) return "utf-32be";
  if (REPLACEMENT_LABELS.has(trimmed)) return "replacement";
  const extra = EXTRA_LABELS[trimmed];
  if (extra) return extra;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    // not a WHATWG label: a legacy one, perhaps
  }
  for (const candidate of [trimmed, trimmed.replace(/^x-/, "")]) {
    const compact = candidate.replace(/[^0-9a-z]/g, "");
    if (compact === "" || NOT_TEXT_ENCODINGS.has(compact) || !iconv.encodingExists(candidate)) continue;
    const codePage = /^(?:cs)?(?:ibm|cp)?(\d{3,4})$/.exec(compact);
    return codePage ? `cp${codePage[1]}` : candidate;
  }
  return undefined;
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

type DeclaredVia = "http" | "meta" | "xml-declaration";

const WHERE: Record<DeclaredVia, string> = {
  http: "in the Content-Type header",
  meta: "in a <meta> tag",
  "xml-declaration": "in the XML declaration",
};

/**
 * The encoding a label names, or undefined with a warning when nothing can decode it (the caller
 * then goes on to the next piece of evidence).
 */
function usableEncoding(label: string, via: DeclaredVia, warnings: string[]): string | undefined {
  const encoding = canonicalEncoding(label);
  if (encoding && encoding !== "replacement") return encoding;
  warnings.push(
    encoding === "replacement"
      ? `the document declares charset "${label}" ${WHERE[via]}, an encoding the WHATWG Encoding Standard refuses to decode (it maps the label to "replacement"); the declaration was ignored and the text may be garbled`
      : `the document declares charset "${label}" ${WHERE[via]}, which is not an encoding ingest knows; the declaration was ignored and the text may be garbled`,
  );
  return undefined;
}

function declaredEncoding(
  bytes: Uint8Array,
  hints: DecodeHints,
  warnings: string[],
): { encoding: string; via: DeclaredVia } | undefined {
  const fromHeader = hints.contentType ? charsetParameter(hints.contentType) : undefined;
  const header = fromHeader ? usableEncoding(fromHeader, "http", warnings) : undefined;
  if (header) return { encoding: header, via: "http" };
  if (hints.kind === "text") return undefined;

  // The prescan reads bytes as Latin-1: declarations are ASCII in every encoding we accept here.
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const fromXml = xml?.[1] ? usableEncoding(xml[1], "xml-declaration", warnings) : undefined;
  if (hints.kind === "xml")
    return fromXml ? { encoding: asciiCompatible(fromXml), via: "xml-declaration" } : undefined;

  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  const fromMeta = meta?.[1] ? usableEncoding(meta[1], "meta", warnings) : undefined;
  // HTML's prescan: a <meta> cannot mean x-user-defined (it means windows-1252 there).
  if (fromMeta)
    return {
      encoding: fromMeta === "x-user-defined" ? "windows-1252" : asciiCompatible(fromMeta),
      via: "meta",
    };
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
  via: DeclaredVia,
  warnings: string[],
): DecodedText {
  if (declared === "utf-8") {
    const utf8 = asUtf8(bytes);
    if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", via };
    return detectNotUtf8(bytes, warnings);
  }
  if (declared.startsWith("utf-16") || declared.startsWith("utf-32")) {
    return { text: decodeWith(declared, bytes), encoding: declared, via };
  }
  const utf8 = hasMultibyteUtf8(bytes) ? asUtf8(bytes) : undefined;
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8", via: "detected" };
  if (SECOND_GUESSABLE.has(declared)) {
    const best = bestCyrillic(bytes);
    if (best) {
      const declaredScore = CYRILLIC_CODE_PAGES.has(declared)
        ? cyrillicPlausibility(decodeWith(declared, bytes)).score
        : Number.NEGATIVE_INFINITY;
      if (best.encoding !== declared && best.score - declaredScore > OVERRULE_MARGIN) {
        return { text: decodeWith(best.encoding, bytes), encoding: best.encoding, via: "detected" };
      }
    }
  }
  return { text: decodeWith(declared, bytes), encoding: declared, via };
}

/**
 * Bytes that are not valid UTF-8. Mostly UTF-8 with a few stray bytes (a page pasted together from
 * two sources): each valid sequence read as UTF-8, each stray byte as windows-1252, with a warning.
 * Otherwise the most plausible Cyrillic code page, else windows-1252.
 */
function detectNotUtf8(bytes: Uint8Array, warnings: string[]): DecodedText {
  const mixed = mostlyUtf8(bytes);
  if (mixed) {
    warnings.push(
      `${mixed.stray} byte(s) were not valid UTF-8 in an otherwise UTF-8 document (${mixed.valid} valid multibyte sequences); they were read as windows-1252`,
    );
    return { text: mixed.text, encoding: "utf-8", via: "detected" };
  }
  const guess = bestCyrillic(bytes)?.encoding ?? "windows-1252";
  return { text: decodeWith(guess, bytes), encoding: guess, via: "detected" };
}

/** Valid multibyte UTF-8 sequences needed per stray byte before bytes count as "mostly UTF-8": a
 * windows-1251 or KOI8 text makes a valid sequence by accident rarely, and a stray byte every time. */
const MIN_VALID_PER_STRAY = 2;

/** UTF-8 with stray bytes, decoded sequence by sequence, when valid sequences clearly dominate. */
function mostlyUtf8(bytes: Uint8Array): { text: string; valid: number; stray: number } | undefined {
  const parts: string[] = [];
  let valid = 0;
  let stray = 0;
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      valid += 1;
      i += length;
      continue;
    }
    stray += 1;
    parts.push(
      new TextDecoder("utf-8").decode(bytes.subarray(start, i)),
      decodeWindows1252(bytes.subarray(i, i + 1)),
    );
    i += 1;
    start = i;
  }
  if (stray === 0 || valid < MIN_VALID_PER_STRAY * stray) return undefined;
  parts.push(new TextDecoder("utf-8").decode(bytes.subarray(start)));
  return { text: parts.join(""), valid, stray };
}

/** Length of the well-formed UTF-8 sequence at `i` (2–4), or 0 if there is none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
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

/** WHATWG encodings Node 20's TextDecoder gets wrong or lacks, decoded with iconv-lite instead:
 * ibm866 (ICU swaps 0x1A, 0x1C and 0x7F, which WHATWG keeps ASCII) and iso-8859-16 (unknown). */
const THROUGH_ICONV = new Set(["ibm866", "iso-8859-16"]);

/** Decodes with a name {@link canonicalEncoding} returned. Never throws for such a name. */
function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === "utf-32le" || encoding === "utf-32be") return decodeUtf32(bytes, encoding === "utf-32le");
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  if (encoding === "x-user-defined") return decodeUserDefined(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (THROUGH_ICONV.has(encoding)) return iconv.decode(buffer, encoding, { stripBOM: false });
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    // a legacy code page WHATWG lacks (cp855, cp437, koi8-t…): canonicalEncoding checked iconv-lite has it
  }
  return iconv.decode(buffer, encoding, { stripBOM: false });
}

/** windows-1252. Node 20's TextDecoder("windows-1252") decodes as ISO-8859-1 (0x80–0x9F become C1
 * controls instead of € ‚ „ … ‘ ’ “ ” – — œ). The five bytes windows-1252 leaves undefined (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D; WHATWG passes them through as C1 controls) become U+FFFD: in bytes that
 * were not UTF-8 they are garbage, and readers count U+FFFD to tell a binary file from text. */
function decodeWindows1252(bytes: Uint8Array): string {
  // Correct whether or not a later Node fixes its decoder: C1 controls left by it are mapped here.
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80);
    return mapped === c ? "\ufffd" : mapped;
  });
}

/** WHATWG x-user-defined: ASCII, and bytes 0x80–0xFF as U+F780–U+F7FF. */
function decodeUserDefined(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += String.fromCharCode(byte < 0x80 ? byte : 0xf700 + byte);
  return out;
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

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8 (decoded once: pages are large). */
function asUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hasMultibyteUtf8(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}
