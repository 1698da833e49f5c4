/**
 * Quality figures of a map against reference labels: label agreement of edges, and normalised
 * mutual information between clusters and labels.
 */
import type { PapermapGraphJSON } from '../../src/core/types';

/** Share of a graph's edges whose two papers carry the same label (`labels` in node order). */
export function graphAgreement(graph: PapermapGraphJSON, labels: readonly string[]): number {
  const index = new Map(graph.nodes.map((node, i) => [node.key, i]));
  return edgeAgreement(
    labels,
    graph.edges.map((e) => index.get(e.source) as number),
    graph.edges.map((e) => index.get(e.target) as number),
  );
}

/** Share of edges whose two papers carry the same label. */
export function edgeAgreement(
  labels: readonly string[],
  source: ArrayLike<number>,
  target: ArrayLike<number>,
): number {
  if (source.length === 0) return 0;
  let same = 0;
  for (let e = 0; e < source.length; e++) if (labels[source[e]] === labels[target[e]]) same++;
  return same / source.length;
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

function codes(values: ArrayLike<string | number>): { code: Int32Array; classes: number } {
  const ids = new Map<string | number, number>();
  const code = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let id = ids.get(values[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(values[i], id);
    }
    code[i] = id;
  }
  return { code, classes: ids.size };
}

/**
 * NMI with the arithmetic mean of the entropies, 2·I(U;V) / (H(U) + H(V)), as scikit-learn's
 * normalized_mutual_info_score computes it by default.
 */
export function nmi(a: ArrayLike<string | number>, b: ArrayLike<string | number>): number {
  const n = a.length;
  if (n === 0) return 0;
  const u = codes(a);
  const v = codes(b);
  const ca = new Float64Array(u.classes);
  const cb = new Float64Array(v.classes);
  const joint = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    ca[u.code[i]]++;
    cb[v.code[i]]++;
    const key = u.code[i] * v.classes + v.code[i];
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  let mi = 0;
  for (const [key, c] of joint) {
    const px = ca[Math.floor(key / v.classes)] / n;
    const py = cb[key % v.classes] / n;
    mi += (c / n) * Math.log(c / n / (px * py));
  }
  const ha = entropy(ca, n);
  const hb = entropy(cb, n);
  if (ha + hb === 0) return 1;
  return (2 * mi) / (ha + hb);
}

/**
 * Agreement and NMI over the labelled papers only (an empty label is "unknown"), for a graph of
 * labelled and unlabelled records: edges with an unlabelled end, and unlabelled nodes, are left out.
 */
export function labelledScores(
  graph: PapermapGraphJSON,
  labels: readonly string[],
): { agreement: number; nmi: number; edges: number; papers: number } {
  const index = new Map(graph.nodes.map((node, i) => [node.key, i]));
  const source: number[] = [];
  const target: number[] = [];
  for (const edge of graph.edges) {
    const s = index.get(edge.source) as number;
    const t = index.get(edge.target) as number;
    if (labels[s] !== '' && labels[t] !== '') {
      source.push(s);
      target.push(t);
    }
  }
  const kept = graph.nodes.flatMap((_, i) => (labels[i] === '' ? [] : [i]));
  return {
    agreement: edgeAgreement(labels, source, target),
    nmi: nmi(
      kept.map((i) => graph.nodes[i].attributes.cluster),
      kept.map((i) => labels[i]),
    ),
    edges: source.length,
    papers: kept.length,
  };
}
