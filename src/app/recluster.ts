/**
 * Re-clustering in the browser at another resolution, with the pipeline's own code: Louvain
 * through `src/core/clusters`, and names by the pipeline's naming (`src/core/cluster-names`) over
 * the papers' distinctive terms, which is what the graph JSON keeps of their terms, completed to
 * phrases on the papers' titles and abstracts.
 */

import { clusterInfos, nameClusters } from '../core/cluster-names';
import { detectClusters } from '../core/clusters';
import { type SimilarityEdges, toGraphology } from '../core/graph';
import { clusterColors } from '../core/palette';
import type { TfidfMatrix } from '../core/tfidf';
import type { ClusterInfo } from '../core/types';
import type { AppData } from './data';

/** Each paper's terms as a binary, L2-normalised term matrix, with the term's shown form per column. */
function termMatrix(data: AppData): { matrix: TfidfMatrix; forms: string[] } {
  const columns = new Map<string, number>();
  const forms: string[] = [];
  const rows: number[][] = data.papers.map((paper) => {
    const cols = new Set<number>();
    for (const term of paper.terms) {
      const key = term.toLowerCase();
      let c = columns.get(key);
      if (c === undefined) {
        c = forms.length;
        columns.set(key, c);
        forms.push(term);
      }
      cols.add(c);
    }
    return [...cols].sort((a, b) => a - b);
  });
  const rowPtr = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => {
    rowPtr[i + 1] = rowPtr[i] + row.length;
  });
  const colIdx = Int32Array.from(rows.flat());
  const values = new Float64Array(colIdx.length);
  const df = new Int32Array(forms.length);
  rows.forEach((row, i) => {
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      values[p] = 1 / Math.sqrt(row.length);
      df[colIdx[p]]++;
    }
  });
  const matrix: TfidfMatrix = {
    rows: rows.length,
    cols: forms.length,
    rowPtr,
    colIdx,
    values,
    columnTerm: Int32Array.from(forms, (_, c) => c),
    idf: new Float64Array(forms.length).fill(1),
    df,
  };
  return { matrix, forms };
}

export interface Reclustering {
  membership: Int32Array;
  clusters: ClusterInfo[];
  modularity: number;
}

export function recluster(data: AppData, resolution: number, seed: number): Reclustering {
  const edges: SimilarityEdges = {
    source: Int32Array.from(data.edges, (e) => e.source),
    target: Int32Array.from(data.edges, (e) => e.target),
    weight: Float64Array.from(data.edges, (e) => e.weight),
    rank: Int32Array.from(data.edges, (e) => e.rank),
  };
  const graph = toGraphology(data.keys.length, edges);
  const clustering = detectClusters(graph, data.keys.length, { resolution, seed });
  const { matrix, forms } = termMatrix(data);
  const names = nameClusters(
    {
      matrix,
      lemma: (c) => forms[c].toLowerCase(),
      surface: (c) => forms[c],
      // The papers' terms are shown terms already.
      hidden: () => false,
      text: (row) => `${data.papers[row].title}.\n${data.papers[row].abstract}`,
    },
    clustering.membership,
    clustering.count,
  );
  const colors = clusterColors(clustering.membership, clustering.count, edges);
  const clusters = clusterInfos(names, clustering.membership, colors);
  return { membership: clustering.membership, clusters, modularity: clustering.modularity };
}
