import type { WeekRef } from "./volume-chart.ts";

/**
 * Dates and languages as people read them, in English, computed from the date strings alone (no
 * time zone can shift a day).
 */

// Formatters are made once: making one costs more than formatting thousands of dates.
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });
const monthYearFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** A YYYY-MM-DD day: "23 March 2024". */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return dayFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * Two days as a range: "18–24 March 2024", "30 March – 5 April 2024",
 * "30 December 2024 – 5 January 2025", or one day when both are the same.
 */
export function dayRangeLabel(first: string, last: string): string {
  if (first === last) return dayLabel(first);
  // Written out by hand: Intl's formatRange spaces differ between ICU versions (thin spaces or not).
  const [y1, m1, d1] = first.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split("-").map(Number) as [number, number, number];
  const month = (y: number, m: number) => monthFormat.format(new Date(Date.UTC(y, m - 1, 1)));
  return y1 !== y2
    ? `${d1} ${month(y1, m1)} ${y1} – ${d2} ${month(y2, m2)} ${y2}`
    : m1 !== m2
      ? `${d1} ${month(y1, m1)} – ${d2} ${month(y2, m2)} ${y2}`
      : `${d1}–${d2} ${month(y2, m2)} ${y2}`;
}

/** A week: "Week 12, 2024 (18–24 March 2024)". */
export function weekLabel(week: WeekRef): string {
  const [year, number] = week.key.split("-W");
  return `Week ${Number(number)}, ${year} (${dayRangeLabel(week.monday, week.sunday)})`;
}

/** A YYYY-MM month: "March 2024". */
export function monthLabel(month: string): string {
  return monthYearFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** The English name of a BCP 47 language tag ("uk" → "Ukrainian"), or the tag when unknown. */
export function languageLabel(tag: string): string {
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
