/**
 * Clusters that share no edge with any other ("islands": isolated papers, small groups that only
 * cite each other) go on concentric rings around the linked map, largest first, each disc
 * `clusterGap` clear of its neighbours on the ring and rings `clusterGap` apart. No forces: an
 * island has nothing to be near, and 65,000 isolated papers cost one pass.
 *
 * Along a ring of centre-line radius P, the next disc turns by the angle whose chord is the
 * clearance the two discs need: cos θ = 1 − c²/(2P²), sin θ = √(1 − cos²θ), applied as a rotation
 * (only +, −, ×, ÷, √). With discs in decreasing size, a disc that clears its predecessor and the
 * ring's first disc clears every disc of the ring; the next ring starts one largest disc further out.
 */

/** Rings of discs are a hair wider than they need, so rounding never brings two discs too close. */
const SLACK = 1 + 1e-9;

/**
 * Places `islands` (cluster ids) around a map of radius `outer` centred on the origin, writing
 * centres to `x`, `y`. With nothing linked (`outer` < 0) the first island takes the centre.
 */
export function ringIslands(
  islands: readonly number[],
  discRadius: Float64Array,
  outer: number,
  gap: number,
  x: Float64Array,
  y: Float64Array,
): void {
  const sorted = [...islands].sort((a, b) => discRadius[b] - discRadius[a] || a - b);
  let next = 0;
  let boundary = outer;
  if (boundary < 0 && sorted.length > 0) {
    const c = sorted[next++];
    x[c] = 0;
    y[c] = 0;
    boundary = discRadius[c];
  }
  while (next < sorted.length) {
    const first = sorted[next++];
    const thickness = discRadius[first];
    const ring = (boundary + gap + thickness) * SLACK;
    x[first] = ring;
    y[first] = 0;
    let cos = 1;
    let sin = 0;
    let previous = first;
    let lower = false;
    while (next < sorted.length) {
      const c = sorted[next];
      const chord = (discRadius[previous] + discRadius[c] + gap) * SLACK;
      if (chord >= 2 * ring) break;
      const stepCos = 1 - (chord * chord) / (2 * ring * ring);
      const stepSin = Math.sqrt(1 - stepCos * stepCos);
      const nextCos = cos * stepCos - sin * stepSin;
      const nextSin = cos * stepSin + sin * stepCos;
      const cx = ring * nextCos;
      const cy = ring * nextSin;
      // Clear of the ring's first disc (met again coming round), and not past a full turn?
      const fx = cx - x[first];
      const fy = cy - y[first];
      const clear = discRadius[first] + discRadius[c] + gap;
      if (fx * fx + fy * fy < clear * clear) break;
      if (nextSin < 0) lower = true;
      else if (lower) break;
      x[c] = cx;
      y[c] = cy;
      cos = nextCos;
      sin = nextSin;
      previous = c;
      next++;
    }
    boundary = ring + thickness;
  }
}
