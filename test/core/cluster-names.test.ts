/** Cluster names: distinctive terms, one per word family, completed to the phrases papers write. */
import { describe, expect, it } from 'vitest';
import {
  CLUSTER_TERMS,
  NAME_TERM_CHARS,
  NAME_TERMS,
  type NamingSource,
  nameClusters,
} from '../../src/core/cluster-names';
import type { CsrMatrix } from '../../src/core/sparse';

/** A papers × terms matrix from each paper's columns (naming reads only which terms a row holds). */
function csr(rows: number[][], cols: number): CsrMatrix {
  const rowPtr = new Int32Array(rows.length + 1);
  const colIdx: number[] = [];
  rows.forEach((row, r) => {
    colIdx.push(...[...row].sort((a, b) => a - b));
    rowPtr[r + 1] = colIdx.length;
  });
  return {
    rows: rows.length,
    cols,
    rowPtr,
    colIdx: Int32Array.from(colIdx),
    values: new Float64Array(colIdx.length).fill(1),
  };
}

interface Column {
  surface: string;
  /** Defaults to the surface. */
  lemma?: string;
  hidden?: boolean;
  /** The rows holding the term. */
  rows: number[];
}

/** A naming source over `papers` rows from columns that list their rows. */
function source(papers: number, columns: Column[], text?: (row: number) => string): NamingSource {
  const rows: number[][] = Array.from({ length: papers }, () => []);
  columns.forEach((c, col) => {
    for (const r of c.rows) rows[r].push(col);
  });
  return {
    matrix: csr(rows, columns.length),
    lemma: (col) => columns[col].lemma ?? columns[col].surface,
    surface: (col) => columns[col].surface,
    hidden: (col) => columns[col].hidden === true,
    ...(text === undefined ? {} : { text }),
  };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const C0 = range(0, 4);
const C1 = range(4, 8);
const TWO_CLUSTERS = [0, 0, 0, 0, 1, 1, 1, 1];

describe('nameClusters', () => {
  it('has the sizes it is documented with', () => {
    expect(NAME_TERMS).toBe(3);
    expect(CLUSTER_TERMS).toBe(8);
  });

  it('names a cluster by its distinctive terms, never by a word every cluster holds', () => {
    const columns: Column[] = [
      { surface: 'framework', rows: range(0, 8) },
      { surface: 'graph', rows: C0 },
      { surface: 'neural', rows: C0 },
      { surface: 'node', rows: [0, 1, 2] },
      { surface: 'diffusion', rows: C1 },
      { surface: 'image', rows: C1 },
      { surface: 'noise', rows: [4, 5, 6] },
    ];
    const names = nameClusters(source(8, columns), TWO_CLUSTERS, 2);
    // F-measure 2a/(df+|C|): graph, neural 1; node 6/7. framework, in every paper, is no more
    // common in a cluster than anywhere: in neither the name nor the list.
    expect(names.map((n) => n.label)).toEqual(['graph · neural · node', 'diffusion · image · noise']);
    expect(names[0].terms).toEqual(['graph', 'neural', 'node']);
    expect(names[1].terms).toEqual(['diffusion', 'image', 'noise']);
  });

  it('keeps a word every cluster holds out of the name when distinctive terms run short', () => {
    // Only two distinctive terms: framework (in all 8 papers) adds nothing to picking out the
    // cluster (the top 4 are all members with graph alone) and must not fill the third place.
    const columns: Column[] = [
      { surface: 'framework', rows: range(0, 8) },
      { surface: 'graph', rows: C0 },
      { surface: 'neural', rows: C0 },
    ];
    const [name] = nameClusters(source(8, columns), TWO_CLUSTERS, 2);
    expect(name.label).toBe('graph · neural');
  });

  it('passes an earlier term only on a strictly better share', () => {
    // graph (F 1) first; then the top 4 are all members, and both loss (F 6/7) and model
    // (F 8/10) keep them so: the tie goes to the earlier in F order.
    const columns: Column[] = [
      { surface: 'graph', rows: C0 },
      { surface: 'model', rows: [0, 1, 2, 3, 4, 5] },
      { surface: 'loss', rows: [0, 1, 2] },
    ];
    const [name] = nameClusters(source(8, columns), TWO_CLUSTERS, 2);
    expect(name.label).toBe('graph · loss · model');
  });

  it('starts the name with the term whose top |C| papers hold most members, not the best F', () => {
    // 6 papers, cluster 0 = rows 0-3. broad (rows 0-4): F 8/9, top 4 of its 5 papers hold
    // 4·4/5 = 3.2 members (0.8). narrow (rows 0-2): F 6/7, its 3 members plus 1 of the 3 others,
    // 1 of them a member: 3 + 1/3 (0.833). So narrow first, though broad ranks first by F.
    const columns: Column[] = [
      { surface: 'broad', rows: [0, 1, 2, 3, 4] },
      { surface: 'narrow', rows: [0, 1, 2] },
    ];
    const [name] = nameClusters(source(6, columns), [0, 0, 0, 0, 1, 1], 2);
    expect(name.label).toBe('narrow · broad');
  });

  it('keeps at most NAME_TERMS terms in the name and CLUSTER_TERMS in the list, name first', () => {
    const words = [
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
      'foxtrot',
      'golf',
      'hotel',
      'india',
      'juliet',
      'kilo',
    ];
    const columns: Column[] = words.map((surface) => ({ surface, rows: C0 }));
    columns.push({ surface: 'other', rows: C1 });
    const names = nameClusters(source(8, columns), TWO_CLUSTERS, 2);
    // Every term of cluster 0 is held by exactly its members: all tie, so column order decides.
    expect(names[0].label).toBe('alpha · bravo · charlie');
    expect(names[0].terms).toEqual(words.slice(0, 8));
    expect(names[1]).toEqual({ label: 'other', terms: ['other'] });
  });

  it('keeps one term per word family, by lemma and by shown form', () => {
    const columns: Column[] = [
      { surface: 'agents', lemma: 'agent', rows: C0 },
      { surface: 'agent systems', lemma: 'agent system', rows: C0 },
      { surface: 'reasoning', lemma: 'reason', rows: C0 },
      { surface: 'reasoners', lemma: 'reasoner', rows: C0 },
      // lemmas apart, shown forms of one family
      { surface: 'tools', lemma: 'tool', rows: C0 },
      { surface: 'tooling', lemma: 'instrument', rows: C0 },
      { surface: 'memory', rows: C0 },
    ];
    const [name] = nameClusters(source(4, columns), [0, 0, 0, 0], 1);
    expect(name.label).toBe('agents · reasoning · tools');
    expect(name.terms).toEqual(['agents', 'reasoning', 'tools', 'memory']);
  });

  it('never sets an acronym beside its expansion, whichever comes first', () => {
    const acronymFirst: Column[] = [
      { surface: 'LLMs', lemma: 'llm', rows: C0 },
      { surface: 'large language models', lemma: 'large language model', rows: C0 },
      { surface: 'alignment', rows: C0 },
      { surface: 'safety', rows: C0 },
    ];
    const [a] = nameClusters(source(4, acronymFirst), [0, 0, 0, 0], 1);
    expect(a.label).toBe('LLMs · alignment · safety');
    expect(a.terms).toEqual(['LLMs', 'alignment', 'safety']);

    const expansionFirst = [acronymFirst[1], acronymFirst[0], acronymFirst[2], acronymFirst[3]];
    const [b] = nameClusters(source(4, expansionFirst), [0, 0, 0, 0], 1);
    expect(b.label).toBe('large language models · alignment · safety');
  });

  it('reads initials through stop words ("chain-of-thought" and "CoT")', () => {
    const columns: Column[] = [
      { surface: 'chain-of-thought', lemma: 'chain thought', rows: C0 },
      { surface: 'CoT', lemma: 'cot', rows: C0 },
      { surface: 'prompting', lemma: 'prompt', rows: C0 },
    ];
    const [name] = nameClusters(source(4, columns), [0, 0, 0, 0], 1);
    expect(name.label).toBe('chain-of-thought · prompting');
  });

  it('keeps an acronym that is not the initials of a name term', () => {
    const columns: Column[] = [
      { surface: 'graph neural networks', lemma: 'graph neural network', rows: C0 },
      { surface: 'LLMs', lemma: 'llm', rows: C0 },
    ];
    const [name] = nameClusters(source(4, columns), [0, 0, 0, 0], 1);
    expect(name.label).toBe('graph neural networks · LLMs');
  });

  it('never shows a hidden column, in the name or the list', () => {
    const columns: Column[] = [
      { surface: 'propose', hidden: true, rows: C0 },
      { surface: 'graph', rows: C0 },
      { surface: 'paper', hidden: true, rows: [0, 1] },
      { surface: 'neural', rows: [0, 1, 2] },
    ];
    const [name] = nameClusters(source(4, columns), [0, 0, 0, 0], 1);
    expect(name).toEqual({ label: 'graph · neural', terms: ['graph', 'neural'] });
  });

  it('calls a cluster with no showable term "cluster N"', () => {
    const columns: Column[] = [
      { surface: 'graph', rows: C0 },
      // cluster 2 (rows 4-7): only a hidden term, and one a single member of four holds
      { surface: 'method', hidden: true, rows: C1 },
      { surface: 'rare', rows: [4] },
    ];
    // cluster 3 has no papers at all
    const names = nameClusters(source(8, columns), TWO_CLUSTERS, 3);
    expect(names).toEqual([
      { label: 'graph', terms: ['graph'] },
      { label: 'cluster 2', terms: [] },
      { label: 'cluster 3', terms: [] },
    ]);
  });

  it('lets a term one paper holds name a cluster of fewer than four', () => {
    const columns: Column[] = [{ surface: 'rare', rows: [0] }];
    const [name] = nameClusters(source(3, columns), [0, 0, 0], 1);
    expect(name.label).toBe('rare');
  });

  it('leaves a phrase too long to draw over the papers out of the name', () => {
    const long = 'reinforcement learning from human feedback';
    expect(long.length).toBeGreaterThan(NAME_TERM_CHARS);
    const columns: Column[] = [
      { surface: long, rows: C0 },
      { surface: 'preference', rows: C0 },
    ];
    const [name] = nameClusters(source(8, columns), TWO_CLUSTERS, 2);
    expect(name.label).toBe('preference');
  });

  it('gives the same names twice', () => {
    const columns: Column[] = [
      { surface: 'framework', rows: range(0, 8) },
      { surface: 'graph', rows: [0, 1, 2, 5] },
      { surface: 'neural', rows: [0, 1, 3] },
      { surface: 'diffusion', rows: [4, 5, 6, 7, 0] },
      { surface: 'image', rows: [4, 6] },
    ];
    const s = source(8, columns);
    expect(nameClusters(s, TWO_CLUSTERS, 2)).toEqual(nameClusters(s, TWO_CLUSTERS, 2));
  });

  describe('with texts', () => {
    const texts = [
      'Parameter-efficient fine-tuning of normal-form games.',
      'We study parameter-efficient fine-tuning for extensive-form games here',
      'Parameter-efficient fine-tuning works on strategic-form games.',
      'Parameter-efficient fine-tuning and normal-form games are hard',
    ];
    const columns: Column[] = [
      { surface: 'efficient fine', rows: C0 },
      { surface: 'form games', lemma: 'form game', rows: C0 },
      { surface: 'benchmarks', lemma: 'benchmark', rows: C0 },
      { surface: 'PEFT', lemma: 'peft', rows: C0 },
    ];

    it('shows terms as their phrases, drops fragments and phrases an acronym stands for', () => {
      const [name] = nameClusters(
        source(4, columns, (row) => texts[row]),
        [0, 0, 0, 0],
        1,
      );
      // "form games" sits in normal-, extensive-, strategic-form: a fragment; PEFT are the
      // initials of parameter-efficient fine-tuning.
      expect(name).toEqual({
        label: 'parameter-efficient fine-tuning · benchmarks',
        terms: ['parameter-efficient fine-tuning', 'benchmarks'],
      });
    });

    it('shows terms as they are without texts', () => {
      const [name] = nameClusters(source(4, columns), [0, 0, 0, 0], 1);
      expect(name.label).toBe('efficient fine · form games · benchmarks');
      expect(name.terms).toEqual(['efficient fine', 'form games', 'benchmarks', 'PEFT']);
    });

    it("completes a term on each cluster's own papers, reading each text once", () => {
      const text = (row: number): string =>
        row < 4 ? 'Parameter-efficient fine-tuning.' : 'Energy-efficient fine-grained.';
      const reads = new Array<number>(8).fill(0);
      // One written form in two columns (two lemmas, say), each distinctive of one cluster.
      const terms = [
        { surface: 'efficient fine', rows: range(0, 4) },
        { surface: 'efficient fine', rows: range(4, 8) },
      ];
      const s = source(8, terms, (row) => {
        reads[row]++;
        return text(row);
      });
      const names = nameClusters(s, TWO_CLUSTERS, 2);
      expect(names.map((n) => n.label)).toEqual([
        'parameter-efficient fine-tuning',
        'energy-efficient fine-grained',
      ]);
      expect(reads).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    });
  });
});
