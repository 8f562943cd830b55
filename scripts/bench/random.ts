/**
 * mulberry32: a small seeded pseudo-random generator. The same seed gives the same sequence, so a
 * benchmark corpus is the same on every run and a failing randomised test can be replayed from the
 * seed it prints. Not for anything that needs unpredictability.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
