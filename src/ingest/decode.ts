import type { DecodedText, DecodeHints } from "./html/types.ts";

/**
 * PLACEHOLDER for the `readers` branch: the extraction engineer's `decodeBytes` replaces this file
 * at merge. Minimal but real: BOM, then the HTTP charset, then a <meta charset> or XML declaration,
 * else UTF-8. Readers depend only on the `DecodeBytes` contract in ./html/types.ts.
 */

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

function supported(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return undefined;
  }
}

/** Decodes raw bytes to text, choosing the encoding as browsers do (simplified). */
export function decodeBytes(bytes: Uint8Array, hints: DecodeHints): DecodedText {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) {
      return { text: new TextDecoder(encoding).decode(bytes.subarray(bom.length)), encoding, via: "bom" };
    }
  }
  const decodeWith = (encoding: string, via: DecodedText["via"]): DecodedText => ({
    text: new TextDecoder(encoding).decode(bytes),
    encoding,
    via,
  });
  const http = supported(/charset\s*=\s*"?([\w.:-]+)/i.exec(hints.contentType ?? "")?.[1]);
  if (http) return decodeWith(http, "http");
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  if (hints.kind === "html") {
    const meta = supported(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]);
    if (meta) return decodeWith(meta, "meta");
  }
  if (hints.kind === "xml") {
    const declared = supported(/^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1]);
    if (declared) return decodeWith(declared, "xml-declaration");
  }
  return decodeWith("utf-8", "default");
}
