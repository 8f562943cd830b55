import type { WeekRef } from "./volume-chart.ts";

/**
 * Dates and languages as people read them, in English, computed from the date strings alone (no
 * time zone can shift a day). Dates are written out by hand, not with Intl: the same on every
 * Node.js and ICU version, and a build need not load ICU's date data (a tenth of a second of a
 * build's start) to print "23 March 2024".
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const monthName = (m: number) => MONTHS[m - 1] as string;

/** Made on first use: most builds name no language. */
let languageNames: Intl.DisplayNames | undefined;

/** A YYYY-MM-DD day: "23 March 2024". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${d} ${monthName(m)} ${y}`;
}

/**
 * Two days as a range: "18–24 March 2024", "30 March – 5 April 2024",
 * "30 December 2024 – 5 January 2025", or one day when both are the same.
 */
export function dayRangeLabel(first: string, last: string): string {
  if (first === last) return dayLabel(first);
  const [y1, m1, d1] = first.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split("-").map(Number) as [number, number, number];
  return y1 !== y2
    ? `${d1} ${monthName(m1)} ${y1} – ${d2} ${monthName(m2)} ${y2}`
    : m1 !== m2
      ? `${d1} ${monthName(m1)} – ${d2} ${monthName(m2)} ${y2}`
      : `${d1}–${d2} ${monthName(m2)} ${y2}`;
}

/** A week: "Week 12, 2024 (18–24 March 2024)". */
export function weekLabel(week: WeekRef): string {
  const [year, number] = week.key.split("-W");
  return `Week ${Number(number)}, ${year} (${dayRangeLabel(week.monday, week.sunday)})`;
}

/** A YYYY-MM month: "March 2024". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${monthName(m)} ${y}`;
}

/** The English name of a BCP 47 language tag ("uk" → "Ukrainian"), or the tag when unknown. */
export function languageLabel(tag: string): string {
  try {
    languageNames ??= new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
