/**
 * Near-duplicate texts: the same words in the same order (a wire copy, a syndicated article, an
 * outlet's updated version of its own story). A text becomes the set of hashes of its overlapping
 * word triples (shingles); two texts are near-duplicates when nearly all the shingles of the
 * shorter are in the longer. Containment rather than Jaccard, because an update adds paragraphs and
 * a syndicated copy adds a standfirst: the shared part is the shorter text, not the union.
 */

/** Words per shingle: pairs match across unrelated headlines ("white house"), triples rarely do. */
export const SHINGLE_WORDS = 3;

/**
 * Share of the shorter text's shingles found in the longer one for the pair to count as the same
 * text. 0.8 lets an edited headline ("EXCLUSIVE …", a trailing "| World News") or a corrected
 * sentence through; on the labelled set, reports of one event by two outlets in their own words
 * stayed below 0.5.
 */
export const DUPLICATE_CONTAINMENT = 0.8;

/**
 * The shorter text needs this many shingles (seven words): two four-word headlines ("Sondheim dies at
 * 91") can coincide without being one text.
 */
export const MIN_DUPLICATE_SHINGLES = 5;

/** Words read for shingles: enough to tell an update from another article, bounded for speed. */
export const SHINGLE_TEXT_WORDS = 1500;

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The sorted, distinct shingle hashes of a text's words (one shingle for texts shorter than a triple). */
export function shinglesOf(words: readonly string[]): Uint32Array {
  const hashes: number[] = [];
  if (words.length === 0) return new Uint32Array(0);
  if (words.length < SHINGLE_WORDS) hashes.push(fnv1a(words.join(" ")));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    hashes.push(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(" ")));
  const sorted = Uint32Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i] ?? 0;
  return sorted.slice(0, n);
}

/** |a ∩ b| / min(|a|, |b|) of two sorted distinct hash arrays. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const smaller = Math.min(a.length, b.length);
  if (smaller === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / smaller;
}

/** Whether two shingled texts are the same text, by {@link DUPLICATE_CONTAINMENT}. */
export function isNearDuplicate(a: Uint32Array, b: Uint32Array): boolean {
  if (Math.min(a.length, b.length) < MIN_DUPLICATE_SHINGLES) return false;
  return containment(a, b) >= DUPLICATE_CONTAINMENT;
}
