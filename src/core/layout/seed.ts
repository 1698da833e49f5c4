/**
 * Seed positions on a sunflower: Vogel's model of the sunflower head (H. Vogel, "A better way to
 * construct the sunflower head", Mathematical Biosciences 44, 1979): point r at distance c·√r from
 * the centre, turned r golden angles. It fills a disc evenly with no two points close, so a force
 * layout seeded from it starts with no coincident papers.
 *
 * The turn is a rotation recurrence by the golden angle π(3 − √5) with its cosine and sine written
 * as literals, so only +, −, × and √ reach the positions and every engine gives the same bits.
 */

/** cos and sin of the golden angle π(3 − √5) ≈ 2.39996 rad (137.5°). */
export const GOLDEN_COS = -0.7373688780783197;
export const GOLDEN_SIN = 0.6754902942615238;

/**
 * Writes `count` sunflower points filling a disc of `radius` around (cx, cy) into `x`, `y` at
 * `offset`; the first points are nearest the centre.
 */
export function sunflower(
  count: number,
  radius: number,
  cx: number,
  cy: number,
  x: Float64Array,
  y: Float64Array,
  offset = 0,
): void {
  let cos = 1;
  let sin = 0;
  for (let r = 0; r < count; r++) {
    const d = radius * Math.sqrt((r + 0.5) / count);
    x[offset + r] = cx + d * cos;
    y[offset + r] = cy + d * sin;
    const next = cos * GOLDEN_COS - sin * GOLDEN_SIN;
    sin = cos * GOLDEN_SIN + sin * GOLDEN_COS;
    cos = next;
  }
}
