import { isoDateProblem } from "../content/dates.ts";

/**
 * Article dates at ingest: from the command line, from a date line in the capture, or, failing
 * both, the ingest time (flagged with a warning, because that is when we saw it, not when it ran).
 */

export type DateSource = "cli" | "text" | "ingested";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a YYYY-MM-DD day is invalid (format or calendar), or undefined when it is valid. */
export function dayProblem(day: string): string | undefined {
  if (!DAY.test(day)) return `"${day}" is not a date in the form YYYY-MM-DD`;
  const problem = isoDateProblem(`${day}T00:00:00Z`);
  return problem ? `"${day}" ${problem}` : undefined;
}

/** A moment as ISO 8601 in UTC with an explicit "+00:00" offset, to the second. */
export function toIsoUtc(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** Midnight UTC of a day, as the contract's ISO form: "2024-03-22T00:00:00+00:00". */
export function dayToIso(day: string): string {
  return `${day}T00:00:00+00:00`;
}

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

/** Reads an English or numeric date line ("March 22, 2024", "22 March 2024", "2024-03-22", "22.03.2024"). */
export function dayFromDateLine(line: string): string | undefined {
  const pad = (n: number) => String(n).padStart(2, "0");
  const build = (y: number, m: number | undefined, d: number) => {
    if (!m) return undefined;
    const day = `${y}-${pad(m)}-${pad(d)}`;
    return dayProblem(day) ? undefined : day;
  };
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(line);
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(line);
  if (dotted) return build(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const monthFirst = /([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/.exec(line);
  if (monthFirst)
    return build(Number(monthFirst[3]), MONTHS[(monthFirst[1] ?? "").toLowerCase()], Number(monthFirst[2]));
  const dayFirst = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(line);
  if (dayFirst)
    return build(Number(dayFirst[3]), MONTHS[(dayFirst[2] ?? "").toLowerCase()], Number(dayFirst[1]));
  return undefined;
}

/** The article's date and how it is known. `cliDay` wins, then a date line, then the ingest time. */
export function resolveDate(
  cliDay: string | undefined,
  dateLine: string | undefined,
  now: Date,
): { date: string; date_source: DateSource } {
  if (cliDay) return { date: dayToIso(cliDay), date_source: "cli" };
  const fromText = dateLine ? dayFromDateLine(dateLine) : undefined;
  if (fromText) return { date: dayToIso(fromText), date_source: "text" };
  return { date: toIsoUtc(now), date_source: "ingested" };
}
