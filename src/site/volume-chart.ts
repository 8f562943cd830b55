import { isoWeek } from "../content/dates.ts";

/**
 * Article volume per ISO week, drawn as a small bar chart at build time: this module computes the
 * bar geometry, the layout only prints the `<rect>` elements, so pages need no JavaScript.
 */

/** One ISO week: `2024-W12`, its Monday and Sunday as YYYY-MM-DD. */
export interface WeekRef {
  key: string;
  monday: string;
  sunday: string;
}

/** How many weeks a chart covers: a quarter, enough to see a topic rise and fall. */
export const CHART_WEEKS = 12;

const BAR_WIDTH = 8;
const BAR_GAP = 2;
const CHART_HEIGHT = 32;

const DAY_MS = 86_400_000;
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const dayTime = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The ISO week key (`2024-W12`) of a YYYY-MM-DD day. */
export function isoWeekKey(day: string): string {
  const { year, week } = isoWeek(day);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The ISO week a YYYY-MM-DD day belongs to. */
export function weekOf(day: string): WeekRef {
  const time = dayTime(day);
  const weekday = new Date(time).getUTCDay() || 7;
  const monday = time - (weekday - 1) * DAY_MS;
  return { key: isoWeekKey(day), monday: toDay(monday), sunday: toDay(monday + 6 * DAY_MS) };
}

/** The `count` ISO weeks ending with the week of `lastDay`, oldest first. */
export function recentWeeks(lastDay: string, count: number): WeekRef[] {
  const last = dayTime(weekOf(lastDay).monday);
  return Array.from({ length: count }, (_, i) => weekOf(toDay(last - (count - 1 - i) * 7 * DAY_MS)));
}

/** How many ISO weeks run from the week of `firstDay` to the week of `lastDay`, both counted. */
export function weeksSpanned(firstDay: string, lastDay: string): number {
  const weeks = (dayTime(weekOf(lastDay).monday) - dayTime(weekOf(firstDay).monday)) / (7 * DAY_MS);
  return Math.max(1, Math.round(weeks) + 1);
}

/** How many of `days` (YYYY-MM-DD, one per article) fall in each week, in the weeks' order. */
export function weeklyCounts(days: readonly string[], weeks: readonly WeekRef[]): number[] {
  const perWeek = new Map<string, number>();
  // Counted by day first: an archive has many articles a day, and a day's week is worth working out once.
  const perDay = new Map<string, number>();
  for (const day of days) perDay.set(day, (perDay.get(day) ?? 0) + 1);
  for (const [day, count] of perDay)
    perWeek.set(isoWeekKey(day), (perWeek.get(isoWeekKey(day)) ?? 0) + count);
  return weeks.map((w) => perWeek.get(w.key) ?? 0);
}

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** What the bar means in words, for its tooltip: "2024-W12: 3 articles". */
  label: string;
}

export interface VolumeChart {
  width: number;
  height: number;
  /** The chart's accessible name. */
  title: string;
  /** A short visible caption: what the bars count and over which weeks. */
  caption: string;
  /** The text equivalent: every week with articles, in words. */
  summary: string;
  bars: ChartBar[];
}

const articles = (n: number) => `${n} article${n === 1 ? "" : "s"}`;

/**
 * Bar geometry for weekly counts: one bar per week, heights scaled to the busiest week (a week with
 * any article gets at least 1px, so it never looks empty), plus a title and a text equivalent.
 */
export function volumeChart(
  weeks: readonly WeekRef[],
  counts: readonly number[],
  subject: string,
): VolumeChart {
  const max = Math.max(1, ...counts);
  const bars = weeks.map((week, i) => {
    const count = counts[i] ?? 0;
    const height = count === 0 ? 0 : Math.max(1, Math.round((count / max) * CHART_HEIGHT));
    return {
      x: i * (BAR_WIDTH + BAR_GAP),
      y: CHART_HEIGHT - height,
      width: BAR_WIDTH,
      height,
      label: `${week.key}: ${articles(count)}`,
    };
  });
  const first = weeks[0]?.key ?? "";
  const last = weeks.at(-1)?.key ?? "";
  const busy = weeks.flatMap((week, i) => ((counts[i] ?? 0) > 0 ? [`${week.key}: ${counts[i]}`] : []));
  return {
    width: Math.max(0, weeks.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP),
    height: CHART_HEIGHT,
    title: `${subject}: articles per ISO week, ${first} to ${last}`,
    // All-empty (a place whose articles are older than the archive's last weeks): say so in words,
    // not only with an empty row of bars.
    caption:
      busy.length === 0
        ? `No articles in the weeks ${first} to ${last}`
        : `Articles per week, ${first} to ${last}`,
    summary:
      busy.length === 0
        ? `No articles from ${first} to ${last}.`
        : `Articles per week from ${first} to ${last}: ${busy.join(", ")}; no articles in the other weeks.`,
    bars,
  };
}
