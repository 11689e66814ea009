/** How often each of `n` students is drawn when `n` are drawn with replacement. */
export function resampleCounts(n: number, uniform: () => number, into: Int32Array): Int32Array {
  into.fill(0);
  for (let draw = 0; draw < n; draw++) into[Math.floor(uniform() * n)]! += 1;
  return into;
}
