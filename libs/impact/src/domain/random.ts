/**
 * A seeded pseudo-random generator (mulberry32) for the bootstrap: the same seed draws the same
 * resamples, so the same panel always gives the same intervals.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How often each of `n` students is drawn when `n` are drawn with replacement. */
export function resampleCounts(n: number, uniform: () => number, into: Int32Array): Int32Array {
  into.fill(0);
  for (let draw = 0; draw < n; draw++) into[Math.floor(uniform() * n)]! += 1;
  return into;
}
