/**
 * mulberry32, a small seeded pseudo-random generator: uniform draws in [0, 1) that depend on the
 * seed alone (never on Math.random or the clock), so a seeded simulation, bootstrap or randomized
 * test draws the same values on every run.
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
