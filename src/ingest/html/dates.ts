import { isoDateProblem } from "../../content/dates.ts";

/**
 * Dates found in pages, parsed strictly: "2026-02-30" is an error, never 2 March. Every result is
 * the contract's ISO 8601 with an explicit offset. A value without a zone is read as UTC (a page
 * that says "2024-03-22" or "2024-03-22 09:30" gives no zone; UTC is the documented assumption,
 * and the caller is told through `assumedUtc`).
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const ZONES: Record<string, string> = {
  z: "+00:00",
  utc: "+00:00",
  gmt: "+00:00",
  ut: "+00:00",
  est: "-05:00",
  edt: "-04:00",
  cst: "-06:00",
  cdt: "-05:00",
  mst: "-07:00",
  mdt: "-06:00",
  pst: "-08:00",
  pdt: "-07:00",
  bst: "+01:00",
  cet: "+01:00",
  cest: "+02:00",
  msk: "+03:00",
  eet: "+02:00",
  eest: "+03:00",
};

export interface ParsedDate {
  iso: string;
  assumedUtc: boolean;
}

const pad = (n: number | string, width = 2) => String(n).padStart(width, "0");

function normaliseOffset(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  const named = ZONES[raw.toLowerCase()];
  if (named) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(raw);
  if (!m) return undefined;
  return `${m[1]}${m[2]}:${m[3] ?? "00"}`;
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offset: string | undefined,
): ParsedDate | undefined {
  const iso = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset ?? "+00:00"}`;
  if (isoDateProblem(iso)) return undefined;
  // Years outside this window are typos or placeholders ("0001-01-01"), not publication dates.
  if (y < 1990 || y > 2100) return undefined;
  return { iso, assumedUtc: offset === undefined };
}

const ISO_LIKE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|[A-Za-z]{1,4})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const TEXTUAL =
  /^(?:[A-Za-z]{3,9},?\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?)?$/i;

/** A page's date string as ISO 8601 with offset, or undefined when it is not a real date. */
export function parsePageDate(value: string): ParsedDate | undefined {
  const text = value.trim().replace(/\s+/g, " ");
  if (text.length === 0 || text.length > 80) return undefined;

  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const offset = normaliseOffset(iso[7]);
    if (iso[7] && !offset) return undefined;
    return build(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      +(iso[4] ?? 0),
      +(iso[5] ?? 0),
      +(iso[6] ?? 0),
      offset,
    );
  }
  const compact = COMPACT.exec(text);
  if (compact) {
    const offset = normaliseOffset(compact[7]);
    return build(
      Number(compact[1]),
      Number(compact[2]),
      Number(compact[3]),
      +(compact[4] ?? 0),
      +(compact[5] ?? 0),
      +(compact[6] ?? 0),
      offset,
    );
  }
  const textual = TEXTUAL.exec(text);
  if (textual) {
    const day = Number(textual[1] ?? textual[5]);
    const month = MONTHS[(textual[2] ?? textual[4] ?? "").slice(0, 3).toLowerCase()];
    const year = Number(textual[3] ?? textual[6]);
    if (!month) return undefined;
    let hour = Number(textual[7] ?? 0);
    const meridiem = textual[10]?.toLowerCase().replace(/\./g, "");
    if (meridiem === "pm" && hour < 12) hour += 12;
    if (meridiem === "am" && hour === 12) hour = 0;
    const offset = normaliseOffset(textual[11]);
    if (textual[11] && !offset) return undefined;
    return build(year, month, day, hour, Number(textual[8] ?? 0), Number(textual[9] ?? 0), offset);
  }
  return undefined;
}

/** The instant of a contract date-time in milliseconds (for comparing dates from two sources). */
export function instantOf(iso: string): number {
  return Date.parse(iso);
}
