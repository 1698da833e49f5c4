/**
 * Starting positions: each cluster gets a disc whose area grows with its size, discs laid out on a
 * golden-angle spiral (largest in the middle), papers on a sunflower spiral inside their disc with
 * the best-connected in the centre. The front end's force layout starts from here and settles fast.
 */

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Distance between neighbouring papers, in layout units. */
const SPACING = 10;

export function clusterLayout(
  membership: ArrayLike<number>,
  clusters: number,
  strength: ArrayLike<number>,
): { x: Float64Array; y: Float64Array } {
  const n = membership.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const members: number[][] = Array.from({ length: clusters }, () => []);
  for (let i = 0; i < n; i++) members[membership[i]].push(i);
  let area = 0;
  for (let c = 0; c < clusters; c++) {
    const radius = SPACING * Math.sqrt(members[c].length) * 0.6;
    // The disc goes on the spiral just past the area already used, a margin around it.
    const centreDistance = c === 0 ? 0 : Math.sqrt(area / Math.PI) + radius + SPACING;
    const cx = centreDistance * Math.cos(c * GOLDEN_ANGLE);
    const cy = centreDistance * Math.sin(c * GOLDEN_ANGLE);
    area += Math.PI * (radius + 2 * SPACING) ** 2;
    const rows = members[c].sort((a, b) => strength[b] - strength[a] || a - b);
    rows.forEach((i, r) => {
      const rr = SPACING * 0.6 * Math.sqrt(r + 0.5);
      x[i] = cx + rr * Math.cos(r * GOLDEN_ANGLE);
      y[i] = cy + rr * Math.sin(r * GOLDEN_ANGLE);
    });
  }
  return { x, y };
}
