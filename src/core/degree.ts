/**
 * A paper's weighted degree (its "strength"): the summed similarity of its edges. It sizes the
 * paper's dot on the map, orders lists and picks which titles show first, so the pipeline, the
 * app and the benchmark all take it from here.
 */

export function weightedDegree(
  n: number,
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weight: ArrayLike<number>,
): Float64Array {
  const strength = new Float64Array(n);
  for (let e = 0; e < source.length; e++) {
    strength[source[e]] += weight[e];
    strength[target[e]] += weight[e];
  }
  return strength;
}

/**
 * A paper's radius in layout units: its area grows with its weighted degree, so a paper related
 * to many others draws the eye first. The layout spaces papers by it and the map draws it.
 */
export function nodeRadius(strength: number): number {
  return 3 + 2.2 * Math.sqrt(strength);
}
