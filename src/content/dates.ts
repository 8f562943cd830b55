/**
 * Dates in the contract are ISO 8601 with an explicit offset ("2024-03-22T00:00:00+03:00").
 * They are checked field by field, because `new Date("2026-02-30")` silently rolls over.
 */

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `value` is not a valid ISO 8601 date-time with offset, or undefined when it is. */
export function isoDateProblem(value: string): string | undefined {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return "is not an ISO 8601 date-time with an offset (like 2024-03-22T09:30:00+03:00)";
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(
    Number,
  ) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return `has month ${month}, which does not exist`;
  if (day < 1 || day > daysInMonth(year, month))
    return `has day ${day}, but that month has ${daysInMonth(year, month)} days`;
  if (hour > 23 || minute > 59 || second > 59) return "has a time of day that does not exist";
  const offset = m[8] ?? "Z";
  if (offset !== "Z") {
    const [oh, om] = offset.slice(1).split(":").map(Number) as [number, number];
    if (oh > 14 || om > 59) return `has offset ${offset}, which does not exist`;
  }
  return undefined;
}

/** Parses a contract date-time; throws when it is not valid (see {@link isoDateProblem}). */
export function parseIsoDate(value: string): Date {
  const problem = isoDateProblem(value);
  if (problem) throw new RangeError(`"${value}" ${problem}`);
  return new Date(value);
}

/**
 * The calendar day (YYYY-MM-DD) of a contract date-time in the article's own offset: an article
 * published at 01:00+03:00 on 22 March belongs to the 22 March digest, wherever the build runs.
 */
export function localDay(value: string): string {
  return value.slice(0, 10);
}

/** ISO 8601 week of a YYYY-MM-DD day: the week-numbering year and the week number. */
export function isoWeek(day: string): { year: number; week: number } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: date.getUTCFullYear(), week };
}
