/**
 * Text repair after decoding, pure: UTF-8 that was read as windows-1252 or ISO-8859-1 (once or
 * more: "â€”" → "—", "Ã©" → "é", "Ð¼Ð¾Ð±" → "моб"), windows-1252 bytes left as C1 controls
 * ("don\u0092t" → "don’t"), and characters that YAML and XML 1.0 forbid removed.
 *
 * Conservative by construction: only character sequences that spell a well-formed UTF-8 byte
 * sequence when read back as windows-1252/Latin-1 bytes are touched (a lead "Ã", "Ð", "â"… followed
 * by exactly the continuation characters it needs), and a lone repaired character must land in a
 * script or punctuation block that double encoding produces in news text. Legitimate Latin-1 text
 * ("NÃO", "São", "Ísland", "Þór", "garçon") has no such sequences and is returned unchanged.
 */

/** windows-1252's characters for bytes 0x80–0x9F; the five bytes it leaves undefined stay the C1
 * control of the same number, as in the WHATWG index. */
export const WINDOWS_1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** The byte a character stood for when bytes were read as windows-1252 or Latin-1 (either). */
const BYTE_OF = new Map<string, number>();
for (let byte = 0; byte < 0x100; byte += 1) BYTE_OF.set(String.fromCharCode(byte), byte);
for (let i = 0; i < WINDOWS_1252_HIGH.length; i += 1) BYTE_OF.set(WINDOWS_1252_HIGH.charAt(i), 0x80 + i);

/** A UTF-8 continuation byte (0x80–0xBF) as read by windows-1252 or Latin-1. */
const CONT = `[\\u0080-\\u00bf${[...WINDOWS_1252_HIGH].filter((c) => c.charCodeAt(0) > 0xff).join("")}]`;

/** One UTF-8 sequence of 2, 3 or 4 bytes, each byte read as a windows-1252/Latin-1 character. */
const SEQUENCE = `(?:[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3})`;
/** Consecutive such sequences: a run of mojibake is repaired (or left) as one. */
const MOJIBAKE_RUN = new RegExp(`${SEQUENCE}+`, "g");
const ONE_SEQUENCE = new RegExp(SEQUENCE, "g");

/**
 * Where a lone repaired character may land whatever stands before it: Latin-1 letters and symbols,
 * Latin Extended-A, Romanian ș ț, general punctuation (dashes, quotes, ellipsis, bullet), currency,
 * letterlike (™, №), emoji. A lone sequence decoding elsewhere ("CAFÉ…" would give "CAFɅ") is more
 * likely legitimate Latin-1 text; two or more in a row (a word) are repaired whatever the script.
 */
const PLAUSIBLE_SINGLE =
  /^[\u00a0-\u017f\u0218-\u021b\u2000-\u206f\u20a0-\u20cf\u2100-\u214f\u{1f000}-\u{1faff}]$/u;
/** Greek and Cyrillic (the modern letters): a lone one is repaired only as a word of its own
 * ("Ð² " → "в "), not beside a letter, where it is more likely an Icelandic "Ð" or a Spanish "Ñ"
 * before a quotation mark or ordinal ("FJÖRÐ”", "Ñª"). */
const GREEK_OR_CYRILLIC = /^[\u0386-\u03ce\u0400-\u045f]$/u;

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Characters that mark mojibake: a lead letter followed by a continuation character. */
const MARKER = new RegExp(`[\\u00c2-\\u00f4]${CONT}`, "g");

/** How many mojibake markers `text` has (a lead such as "Ã", "â", "Ð" followed by a continuation). */
export function mojibakeMarkers(text: string): number {
  return text.match(MARKER)?.length ?? 0;
}

/** The UTF-8 text a run of windows-1252/Latin-1 characters spelled, or undefined if it did not. */
function reread(run: string): string | undefined {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i += 1) {
    const byte = BYTE_OF.get(run.charAt(i));
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function repairRun(run: string, offset: number, text: string, depth = 0): string {
  const sequences = run.match(ONE_SEQUENCE)?.length ?? 0;
  let repaired = reread(run);
  if (repaired === undefined) return run;
  if (sequences === 1 && !PLAUSIBLE_SINGLE.test(repaired)) {
    const besideLetter =
      /\p{L}/u.test(text.charAt(offset - 1)) || /\p{L}/u.test(text.charAt(offset + run.length));
    if (!GREEK_OR_CYRILLIC.test(repaired) || besideLetter) return run;
  }
  if (C0_CONTROL.test(repaired)) return run;
  // C1 controls in a repair are a layer read as ISO-8859-1 under one read as windows-1252
  // ("Ã¢Â€Â“" → "â\u0080\u0093" → "–"): kept only when the next layer repairs them away.
  if (C1_CONTROL.test(repaired)) {
    if (depth >= MAX_LAYERS) return run;
    repaired = repaired.replace(MOJIBAKE_RUN, (inner, at: number, whole: string) =>
      repairRun(inner, at, whole, depth + 1),
    );
    if (C1_CONTROL.test(repaired)) return run;
  }
  return repaired;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const C0_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const C1_CONTROL = /[\u0080-\u009f]/;

/** The one double encoding whose lost byte can be told back: "â€" + U+FFFD is a right double
 * quotation mark (E2 80 9D) whose 0x9D a strict windows-1252 decoder replaced; no other character
 * of General Punctuation that news text uses ends in one of the five bytes windows-1252 lacks. */
const LOST_RIGHT_QUOTE = /â€\ufffd/g;

/** Most layers of double encoding undone (UTF-8 read as windows-1252, written as UTF-8, twice). */
const MAX_LAYERS = 3;

/**
 * UTF-8 that was decoded as windows-1252 or ISO-8859-1 (once or up to three times) repaired, run by
 * run; text without such runs is returned as it is. The result never has more mojibake markers
 * than the input.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let layer = 0; layer < MAX_LAYERS; layer += 1) {
    if (current.includes("â€\ufffd")) current = current.replace(LOST_RIGHT_QUOTE, "â€\u009d");
    MOJIBAKE_RUN.lastIndex = 0;
    if (!MOJIBAKE_RUN.test(current)) break;
    const next = current.replace(MOJIBAKE_RUN, repairRun);
    if (next === current || mojibakeMarkers(next) >= mojibakeMarkers(current)) break;
    current = next;
  }
  return current;
}

/**
 * C1 controls (U+0080–U+009F) read as the windows-1252 characters they were meant to be: a
 * windows-1252 byte decoded as ISO-8859-1, or written as a numeric reference ("&#146;") in XML,
 * which does not remap them as HTML does. The five bytes windows-1252 leaves undefined stay.
 */
export function windows1252Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls; U+FFFE and U+FFFF. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const FORBIDDEN = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const FORBIDDEN_BUT_NUL = /[\u0001-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
/** Every character the replacements below may touch (a surrogate half, paired or not, included). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
const MAYBE_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff\ud800-\udfff]/;
/** A surrogate half without its other half (a broken UTF-16 string). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface ControlOptions {
  /** Keep NUL: decoding keeps it, so that a reader can still tell a binary file from text. */
  keepNul?: boolean;
}

/**
 * `text` with nothing YAML 1.2 or XML 1.0 forbid: C0 controls removed except tab and line breaks,
 * vertical tab and form feed turned into spaces (they separate words), CRLF and CR turned into LF,
 * DEL and C1 controls (U+0080–U+009F) removed, U+FFFE/U+FFFF and lone surrogates removed.
 * Run {@link repairText} (or {@link windows1252Controls}) first, or windows-1252 quotes and dashes
 * left as C1 controls are lost instead of read.
 */
export function withoutControlCharacters(text: string, options: ControlOptions = {}): string {
  // Most text has none of them: one scan instead of four replacements.
  if (!MAYBE_CONTROL.test(text)) return text;
  return (
    text
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is matched
      .replace(/[\u000b\u000c]/g, " ")
      .replace(options.keepNul ? FORBIDDEN_BUT_NUL : FORBIDDEN, "")
      .replace(LONE_SURROGATE, "")
  );
}

/**
 * Everything this module does, in order: double-encoded UTF-8 repaired, windows-1252 bytes left as
 * C1 controls read, then forbidden characters removed. For any extracted string (title, body,
 * byline, site name…): idempotent, and the identity on clean text.
 */
export function repairText(text: string, options: ControlOptions = {}): string {
  return withoutControlCharacters(windows1252Controls(repairMojibake(text)), options);
}
