import { describe, expect, it } from 'vitest';
import { dedupePapers } from '../../src/core/dedupe';
import { arxivBase, newPaper, normalizeTitle } from '../../src/core/parse/fields';
import type { Paper } from '../../src/core/types';

let line = 0;
const paper = (fields: Partial<Paper>): Paper => ({
  ...newPaper(`p.jsonl:${++line}`, 'A Title', 'An abstract.'),
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
      {
        origin: b.origin,
        title: b.title,
        reason: `duplicate of ${a.origin} (${why})`,
        duplicateOf: a.origin,
      },
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
    // b takes c's arXiv id: the kept paper is the richest record of its group.
    expect(result.papers).toEqual([a, { ...b, arxiv: '2401.1' }]);
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

  it('keeps the first abstract unless a duplicate has a longer one', () => {
    const a = paper({ title: 'T', abstract: 'Original.' });
    const result = dedupePapers([a, paper({ title: 'T', abstract: 'Other.' })]);
    expect(result.papers[0].abstract).toBe('Original.');
    // …unless the duplicate's is longer: the kept paper has the longest abstract of its group.
    const longer = dedupePapers([a, paper({ title: 'T', abstract: 'A longer abstract than the first.' })]);
    expect(longer.papers[0].abstract).toBe('A longer abstract than the first.');
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

  it('merges by PMID, and keeps the richest record: longest abstract, most authors, every id', () => {
    const medline = paper({
      title: 'Aspirin and the Heart',
      abstract: 'Short.',
      pmid: '12345678',
      authors: ['Ann Smith'],
    });
    const scopus = paper({
      title: 'Aspirin and the heart.',
      abstract: 'A much longer abstract, as the journal printed it.',
      pmid: '12345678',
      doi: '10.1/aspirin',
      authors: ['Ann Smith', 'Bo Lee'],
      year: 2019,
      url: 'https://example.org/aspirin',
    });
    const preprint = paper({ title: 'Other title, same DOI', doi: '10.1/ASPIRIN', arxiv: '1901.00001' });
    const result = dedupePapers([medline, scopus, preprint]);
    expect(result.papers).toEqual([
      {
        ...medline,
        abstract: scopus.abstract,
        authors: scopus.authors,
        year: 2019,
        url: scopus.url,
        doi: '10.1/aspirin',
        arxiv: '1901.00001',
      },
    ]);
    expect(result.skipped.map((s) => [s.reason, s.duplicateOf])).toEqual([
      [`duplicate of ${medline.origin} (same PMID)`, medline.origin],
      [`duplicate of ${medline.origin} (same DOI)`, medline.origin],
    ]);
    // The input is not modified.
    expect(medline.abstract).toBe('Short.');
  });

  it('never gives two kept papers the same id while merging', () => {
    const a = paper({ title: 'One', arxiv: '2401.00001' });
    const b = paper({ title: 'Two', doi: '10.1/two' });
    // Claims to be b (by DOI) and a (by arXiv id): merged into b, which cannot take a's arXiv id.
    const c = paper({ title: 'Two', doi: '10.1/two', arxiv: '2401.00001' });
    const result = dedupePapers([a, b, c]);
    expect(result.papers.map((p) => [p.title, p.doi, p.arxiv])).toEqual([
      ['One', null, '2401.00001'],
      ['Two', '10.1/two', null],
    ]);
  });

  it.each([
    ['Introduction', 'no authors, years or abstracts to agree', {}, {}, 2],
    ['Editorial', 'different years', { year: 2019 }, { year: 2021 }, 2],
    ['Reply to Smith et al.', 'different authors', { authors: ['Ann Lee'] }, { authors: ['Bo Chan'] }, 2],
    ['Introduction', 'the same year', { year: 2020 }, { year: 2020 }, 1],
    ['Erratum', 'a shared author', { authors: ['Lee, Ann'] }, { authors: ['Ann Lee', 'Bo Chan'] }, 1],
    [
      'Preface',
      'the same abstract',
      { abstract: 'This volume collects…' },
      { abstract: 'This volume collects...' },
      1,
    ],
  ])('keeps two records titled %j apart unless something agrees (%s)', (title, _case, a, b, papers) => {
    const result = dedupePapers([paper({ title, abstract: '', ...a }), paper({ title, abstract: '', ...b })]);
    expect(result.papers).toHaveLength(papers);
    expect(result.papers.length + result.skipped.length).toBe(2);
  });

  it('keeps two papers with the same specific title apart when their authors differ', () => {
    const result = dedupePapers([
      paper({ title: 'Deep Learning', authors: ['Yann LeCun', 'Yoshua Bengio', 'Geoffrey Hinton'] }),
      paper({ title: 'Deep learning', authors: ['Ian Goodfellow'] }),
      paper({ title: 'Deep Learning.', authors: ['LeCun, Yann'] }),
    ]);
    expect(result.papers).toHaveLength(2);
    expect(result.skipped.map((s) => s.origin)).toHaveLength(1);
  });

  it('returns nothing for nothing', () => {
    expect(dedupePapers([])).toEqual({ papers: [], skipped: [] });
  });
});
