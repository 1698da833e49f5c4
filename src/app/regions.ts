/**
 * Regions: the parts of a large cluster, named by what their papers are about, so that zooming
 * into a cluster brings finer names (the way datamapplot labels a map at several levels). Each
 * cluster of at least `minCluster` papers is split in layout space by k-means (Lloyd's algorithm,
 * seeded deterministically by farthest-point choice), k growing with the square root of its size;
 * each part is named by the two paper terms most over-represented in it against its cluster
 * (share in the part ÷ share in the cluster, times a square-root weight for how often it occurs),
 * leaving out the terms already in the cluster's name.
 */
import type { ClusterInfo, PaperNodeAttributes } from '../core/types';

export interface Region {
  cluster: number;
  label: string;
  /** Centre and spread (root mean square distance from the centre), layout units. */
  x: number;
  y: number;
  spread: number;
  size: number;
}

export const REGIONS = Object.freeze({
  minCluster: 60,
  /** Papers per region, roughly: k = round(√(size / papersPerRegion)) … */
  papersPerRegion: 40,
  maxPerCluster: 9,
  iterations: 12,
  nameTerms: 2,
  /** A term must be in at least this many of the region's papers to name it. */
  minCount: 3,
});

/** How many terms of a cluster's list make its shown name ("a · b · c"). */
const CLUSTER_NAME_TERMS = 3;

export function clusterRegions(
  papers: readonly PaperNodeAttributes[],
  membership: Int32Array,
  clusters: readonly ClusterInfo[],
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): Region[] {
  const members = new Map<number, number[]>();
  membership.forEach((cluster, i) => {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) return;
    const list = members.get(cluster);
    if (list) list.push(i);
    else members.set(cluster, [i]);
  });
  const regions: Region[] = [];
  for (const cluster of clusters) {
    const list = members.get(cluster.id);
    if (!list || list.length < REGIONS.minCluster) continue;
    const k = Math.min(REGIONS.maxPerCluster, Math.round(Math.sqrt(list.length / REGIONS.papersPerRegion)));
    if (k < 2) continue;
    const parts = kMeans(list, x, y, k);
    const named = new Set(cluster.terms.slice(0, CLUSTER_NAME_TERMS).map((term) => term.toLowerCase()));
    const clusterCounts = termCounts(list, papers);
    for (const part of parts) {
      if (part.length === 0) continue;
      const label = regionName(part, papers, clusterCounts, list.length, named);
      if (label === '') continue;
      regions.push({ cluster: cluster.id, label, ...centre(part, x, y), size: part.length });
    }
  }
  return regions.sort((a, b) => b.size - a.size || a.cluster - b.cluster || a.x - b.x);
}

function centre(
  part: readonly number[],
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { x: number; y: number; spread: number } {
  let sx = 0;
  let sy = 0;
  for (const i of part) {
    sx += x[i];
    sy += y[i];
  }
  const cx = sx / part.length;
  const cy = sy / part.length;
  let squares = 0;
  for (const i of part) squares += (x[i] - cx) ** 2 + (y[i] - cy) ** 2;
  return { x: cx, y: cy, spread: Math.sqrt(squares / part.length) };
}

/** Lloyd's k-means on the members' positions; seeds by farthest-point choice from the centroid. */
function kMeans(list: readonly number[], x: ArrayLike<number>, y: ArrayLike<number>, k: number): number[][] {
  const m = list.length;
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const mid = centre(list, x, y);
  // Farthest point from everything chosen so far (the centroid first): spread-out, repeatable seeds.
  const nearest = new Float64Array(m);
  for (let j = 0; j < m; j++) nearest[j] = (x[list[j]] - mid.x) ** 2 + (y[list[j]] - mid.y) ** 2;
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let j = 1; j < m; j++) if (nearest[j] > nearest[best]) best = j;
    cx[c] = x[list[best]];
    cy[c] = y[list[best]];
    for (let j = 0; j < m; j++) {
      const d = (x[list[j]] - cx[c]) ** 2 + (y[list[j]] - cy[c]) ** 2;
      if (d < nearest[j]) nearest[j] = d;
    }
  }
  const assign = new Int32Array(m);
  const sums = new Float64Array(3 * k);
  for (let iteration = 0; iteration < REGIONS.iterations; iteration++) {
    let moved = false;
    sums.fill(0);
    for (let j = 0; j < m; j++) {
      const px = x[list[j]];
      const py = y[list[j]];
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const d = (px - cx[c]) ** 2 + (py - cy[c]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (assign[j] !== best) moved = true;
      assign[j] = best;
      sums[3 * best] += px;
      sums[3 * best + 1] += py;
      sums[3 * best + 2] += 1;
    }
    for (let c = 0; c < k; c++) {
      if (sums[3 * c + 2] === 0) continue;
      cx[c] = sums[3 * c] / sums[3 * c + 2];
      cy[c] = sums[3 * c + 1] / sums[3 * c + 2];
    }
    if (!moved && iteration > 0) break;
  }
  const parts: number[][] = Array.from({ length: k }, () => []);
  for (let j = 0; j < m; j++) parts[assign[j]].push(list[j]);
  return parts;
}

function termCounts(part: readonly number[], papers: readonly PaperNodeAttributes[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const i of part) for (const term of papers[i].terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function regionName(
  part: readonly number[],
  papers: readonly PaperNodeAttributes[],
  clusterCounts: ReadonlyMap<string, number>,
  clusterSize: number,
  named: ReadonlySet<string>,
): string {
  const counts = termCounts(part, papers);
  const scored: { term: string; score: number }[] = [];
  for (const [term, count] of counts) {
    if (count < REGIONS.minCount || named.has(term.toLowerCase())) continue;
    const lift = count / part.length / ((clusterCounts.get(term) ?? count) / clusterSize);
    scored.push({ term, score: lift * Math.sqrt(count) });
  }
  scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const chosen: string[] = [];
  for (const { term } of scored) {
    const lower = term.toLowerCase();
    // "language model" and "language models" name the same thing once.
    if (chosen.some((other) => other.toLowerCase().includes(lower) || lower.includes(other.toLowerCase())))
      continue;
    chosen.push(term);
    if (chosen.length === REGIONS.nameTerms) break;
  }
  return chosen.join(' · ');
}
