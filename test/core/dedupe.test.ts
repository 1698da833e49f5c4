import { describe, expect, it } from 'vitest';
import { arxivBase, dedupePapers, normalizeTitle } from '../../src/core/dedupe';
import type { Paper } from '../../src/core/types';

let line = 0;
const paper = (fields: Partial<Paper>): Paper => ({
  title: 'A Title',
  abstract: 'An abstract.',
  authors: [],
  year: null,
  url: null,
  doi: null,
  arxiv: null,
  origin: `p.jsonl:${++line}`,
  ...fields,
});

describe('normalizeTitle', () => {
  it.each([
    ['Chain-of-Thought Prompting', 'chain of thought prompting'],
    ['  CHAIN of   thought, prompting!  ', 'chain of thought prompting'],
    ['Café Société: Naïve Bayes', 'cafe societe naive bayes'],
    ["On Giant's Shoulders", 'on giants shoulders'],
    ['On Giant’s Shoulders', 'on giants shoulders'],
    ['ＬＬＭ ｖｓ. ＧＰＴ', 'llm vs gpt'],
    ['Σ-Attention: 多模态', 'σ attention 多模态'],
    ['?!…', ''],
  ])('%j → %j', (title, normalised) => {
    expect(normalizeTitle(title)).toBe(normalised);
  });

  it('drops only the version of an arXiv id', () => {
    expect(arxivBase('2312.06795v12')).toBe('2312.06795');
    expect(arxivBase('hep-th/9901001V2')).toBe('hep-th/9901001');
    expect(arxivBase('2312.06795')).toBe('2312.06795');
  });
});

describe('dedupePapers', () => {
  it.each([
    [
      'same DOI, any case',
      { title: 'One', doi: '10.1000/ABC' },
      { title: 'Another Title', doi: '10.1000/abc' },
      'same DOI',
    ],
    [
      'same arXiv id, other version',
      { title: 'One', arxiv: '2312.06795v1' },
      { title: 'Two', arxiv: '2312.06795v3' },
      'same arXiv id',
    ],
    [
      'same title up to case, accents and punctuation',
      { title: 'Naïve Chain-of-Thought' },
      { title: 'naive chain of thought.' },
      'same title',
    ],
    ['same title, one DOI missing', { title: 'T', doi: '10.1/x' }, { title: 'T' }, 'same title'],
    [
      'same title, other ids',
      { title: 'T', doi: '10.1/x' },
      { title: 'T', arxiv: '2401.00001' },
      'same title',
    ],
  ])('skips a later record with the %s', (_case, first, second, why) => {
    const a = paper(first);
    const b = paper(second);
    const result = dedupePapers([a, b]);
    expect(result.papers.map((p) => p.origin)).toEqual([a.origin]);
    expect(result.skipped).toEqual([
      { origin: b.origin, title: b.title, reason: `duplicate of ${a.origin} (${why})` },
    ]);
  });

  it.each([
    ['different DOIs', { title: 'Erratum', doi: '10.1/a' }, { title: 'Erratum', doi: '10.1/b' }],
    [
      'different arXiv ids',
      { title: 'Survey', arxiv: '2401.00001v2' },
      { title: 'Survey', arxiv: '2402.00002' },
    ],
    ['different titles', { title: 'Part I' }, { title: 'Part II' }],
    ['titles of punctuation only', { title: '???' }, { title: '!!!' }],
  ])('keeps both records with the same title but %s', (_case, first, second) => {
    const result = dedupePapers([paper(first), paper(second)]);
    expect(result.papers).toHaveLength(2);
    expect(result.skipped).toEqual([]);
  });

  it('matches a title against the first kept record whose ids do not contradict', () => {
    const a = paper({ title: 'Same', doi: '10.1/a' });
    const b = paper({ title: 'Same', doi: '10.1/b' });
    const c = paper({ title: 'Same', doi: '10.1/b', arxiv: '2401.1' });
    const d = paper({ title: 'Same' });
    const result = dedupePapers([a, b, c, d]);
    expect(result.papers).toEqual([a, b]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      `duplicate of ${b.origin} (same DOI)`,
      `duplicate of ${a.origin} (same title)`,
    ]);
  });

  it('keeps the first record, filling in its abstract from a duplicate when it has none', () => {
    const a = paper({ title: 'T', abstract: '  ', year: 2020 });
    const b = paper({ title: 'T', abstract: 'From the duplicate.', year: 2021 });
    const c = paper({ title: 'T', abstract: 'Later, ignored.' });
    const result = dedupePapers([a, b, c]);
    expect(result.papers).toEqual([{ ...a, abstract: 'From the duplicate.' }]);
    expect(result.skipped).toHaveLength(2);
    // The input is not modified.
    expect(a.abstract).toBe('  ');
  });

  it('does not replace an abstract the first record already has', () => {
    const a = paper({ title: 'T', abstract: 'Original.' });
    const result = dedupePapers([a, paper({ title: 'T', abstract: 'Other.' })]);
    expect(result.papers[0].abstract).toBe('Original.');
  });

  it('skips records without a title and trims the titles it keeps', () => {
    const result = dedupePapers([
      paper({ title: ' \n\t ', origin: 'x.txt:1' }),
      paper({ title: '  Kept \n Title ', origin: 'x.txt:3' }),
    ]);
    expect(result.skipped).toEqual([{ origin: 'x.txt:1', title: null, reason: 'no title' }]);
    expect(result.papers.map((p) => p.title)).toEqual(['Kept Title']);
  });

  it('accounts for every record and keeps input order (property over a generated list)', () => {
    const titles = ['Alpha', 'alpha!', 'Beta', 'Gamma', 'BETA', '', 'Delta'];
    const papers: Paper[] = [];
    for (let i = 0; i < 200; i++) {
      papers.push(
        paper({
          title: titles[(i * 7) % titles.length],
          doi: i % 5 === 0 ? `10.1/${i % 3}` : null,
          arxiv: i % 7 === 0 ? `2401.0000${i % 4}v${i % 3}` : null,
        }),
      );
    }
    const result = dedupePapers(papers);
    expect(result.papers.length + result.skipped.length).toBe(papers.length);
    const origins = papers.map((p) => p.origin);
    const keptIndex = result.papers.map((p) => origins.indexOf(p.origin));
    expect(keptIndex).toEqual([...keptIndex].sort((a, b) => a - b));
    const dois = result.papers.flatMap((p) => (p.doi ? [p.doi.toLowerCase()] : []));
    const arxivs = result.papers.flatMap((p) => (p.arxiv ? [arxivBase(p.arxiv)] : []));
    expect(new Set(dois).size).toBe(dois.length);
    expect(new Set(arxivs).size).toBe(arxivs.length);
    for (const record of result.skipped) {
      if (record.reason === 'no title') continue;
      const first = /^duplicate of (\S+) \(same (?:title|DOI|arXiv id)\)$/.exec(record.reason)?.[1];
      expect(result.papers.map((p) => p.origin)).toContain(first);
    }
  });

  it('returns nothing for nothing', () => {
    expect(dedupePapers([])).toEqual({ papers: [], skipped: [] });
  });
});
