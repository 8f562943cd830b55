/**
 * Related articles for an article page: reports on the same topics from the same days, so a
 * reader (or an analyst comparing outlets) can follow a story across sources.
 */

export interface Relatable {
  id: string;
  date: string;
  day: string;
  topics: readonly { id: string }[];
}

/** How far apart two articles may be published and still be related: a news week. */
export const RELATED_WINDOW_DAYS = 7;
/** How many related articles an article page lists. */
export const RELATED_LIMIT = 5;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Articles related to `article`: others that share at least one topic and were published within
 * {@link RELATED_WINDOW_DAYS} days, or that were published the same day. Ranked by shared topics
 * (most first), then by closeness in days, then newest first, then id, so the order is stable.
 */
export function relatedArticles<T extends Relatable>(
  article: Relatable,
  all: readonly T[],
  limit = RELATED_LIMIT,
): T[] {
  const topics = new Set(article.topics.map((t) => t.id));
  const scored = all.flatMap((other) => {
    if (other.id === article.id) return [];
    const shared = other.topics.filter((t) => topics.has(t.id)).length;
    const distance = Math.abs(dayNumber(other.day) - dayNumber(article.day));
    const related = (shared > 0 && distance <= RELATED_WINDOW_DAYS) || distance === 0;
    return related ? [{ other, shared, distance }] : [];
  });
  scored.sort(
    (a, b) =>
      b.shared - a.shared ||
      a.distance - b.distance ||
      Date.parse(b.other.date) - Date.parse(a.other.date) ||
      a.other.id.localeCompare(b.other.id),
  );
  return scored.slice(0, limit).map((s) => s.other);
}
