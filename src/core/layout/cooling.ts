/**
 * The cooling schedule of the force layouts: d3-force's alpha, which starts at 1 and shrinks by a
 * constant factor each iteration so that it reaches `final` after `iterations` steps (d3 takes
 * that factor from Math.pow, whose last bit differs between engines; here it is found by bisection
 * with multiplications only, which every engine rounds the same way).
 */
export function coolingFactor(iterations: number, final: number): number {
  if (iterations < 1) return 0;
  let low = 0;
  let high = 1;
  for (let step = 0; step < 64; step++) {
    const mid = (low + high) / 2;
    let power = 1;
    for (let t = 0; t < iterations && power >= final; t++) power *= mid;
    if (power < final) low = mid;
    else high = mid;
  }
  return high;
}
