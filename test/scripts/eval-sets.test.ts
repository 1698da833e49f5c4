/**
 * The labelled sets of `npm run eval` (scripts/lib/eval-sets.ts): each one read from a file inside
 * the repository, with the papers and labels the issue describes.
 */
import { describe, expect, it } from 'vitest';
import { labelledRecords, nodeLabels } from '../../scripts/lib/arxiv-set';
import { archiveOf, chooseSets, EVAL_SETS, loadArxiv2007 } from '../../scripts/lib/eval-sets';

const load = (name: string) => {
  const set = EVAL_SETS.find((s) => s.name === name);
  if (set === undefined) throw new Error(`no set ${name}`);
  return set.load();
};

describe('the eval sets', () => {
  it('runs the three default sets, the large one with --large, any one with --set', () => {
    expect(chooseSets(undefined, false).map((s) => s.name)).toEqual([
      'rss-first5k',
      'rss-last5k',
      'arxiv-2007',
    ]);
    expect(chooseSets(undefined, true).map((s) => s.name)).toEqual([
      'rss-first5k',
      'rss-last5k',
      'arxiv-2007',
      'rss-all',
    ]);
    expect(chooseSets('rss-all', false).map((s) => s.name)).toEqual(['rss-all']);
    expect(() => chooseSets('nope', false)).toThrow(/no set "nope"; sets: rss-first5k, rss-last5k/);
  });

  it('takes the first and the last 5,000 labelled records of the RSS file, in file order', async () => {
    const records = labelledRecords();
    expect(records).toHaveLength(44904);
    const first = await load('rss-first5k');
    const last = await load('rss-last5k');
    for (const [set, from] of [
      [first, 0],
      [last, records.length - 5000],
    ] as const) {
      expect(set.papers).toHaveLength(5000);
      expect(set.labels).toHaveLength(5000);
      expect(set.papers[0].title).toBe(records[from].record.title);
      expect(set.labels[4999]).toBe(records[from + 4999].record.label);
      expect(set.labels.every((l) => l !== '')).toBe(true);
    }
    // A later period: the two slices share no paper.
    const ids = new Set(first.papers.map((p) => p.arxiv));
    expect(last.papers.some((p) => ids.has(p.arxiv))).toBe(false);
  });

  it('labels each arXiv 2007 record by the archive of its first category', () => {
    expect(archiveOf('math.CO')).toBe('math');
    expect(archiveOf('hep-ph')).toBe('hep-ph');
    expect(archiveOf(' cond-mat.mes-hall cond-mat.str-el')).toBe('cond-mat');
    expect(archiveOf('physics.optics quant-ph')).toBe('physics');
  });

  it('reads arXiv 2007 through the CSV importer: 2,000 papers in 18 archives', async () => {
    const set = await loadArxiv2007();
    expect(set.papers).toHaveLength(2000);
    expect(set.labels).toHaveLength(2000);
    expect(new Set(set.labels).size).toBe(18);
    // The importer's reading, as `npm run graph` reads the file: LaTeX accents become letters.
    expect(set.papers.some((p) => p.title.includes('Gröbner basis'))).toBe(true);
    // Records 0704.0001 (hep-ph) and 0704.0002 (math.CO).
    expect(set.papers[0].title).toMatch(/^Calculation of prompt diphoton production/);
    expect(set.labels.slice(0, 2)).toEqual(['hep-ph', 'math']);
    // Labels follow their records: the third is physics.gen-ph.
    const moon = set.papers.findIndex((p) => p.title.startsWith('The evolution of the Earth-Moon system'));
    expect(set.labels[moon]).toBe('physics');
  });

  it('finds the label of a node by its DOI or arXiv key, else by its title', async () => {
    const set = await loadArxiv2007();
    const withDoi = set.papers.findIndex((p) => p.doi !== null);
    const plain = set.papers.findIndex((p) => p.doi === null && p.arxiv === null);
    const nodes = [
      { key: `doi:${set.papers[withDoi].doi?.toLowerCase()}`, attributes: { title: 'renamed' } },
      { key: 'some-slug', attributes: { title: `  ${set.papers[plain].title.replace(/ /g, '\n')} ` } },
      { key: 'unknown', attributes: { title: 'not in the set' } },
    ];
    expect(nodeLabels(set, nodes)).toEqual([set.labels[withDoi], set.labels[plain], '']);
  });
});
