/** The one place every format's record becomes a paper: what is required, checked and filled in. */
import { describe, expect, it } from 'vitest';
import { RecordCollector } from '../../../src/core/parse/records';

const collect = (fields: Parameters<RecordCollector['add']>[2]) => {
  const out = new RecordCollector('refs.ris');
  out.add('refs.ris:7', 'record 2', fields);
  return out.result();
};

describe('RecordCollector', () => {
  it('skips a record with no title, saying whether it had an abstract', () => {
    expect(collect({ abstract: 'Only an abstract.' }).skipped).toEqual([
      { origin: 'refs.ris:7', title: null, reason: 'no title (record 2 has only an abstract)' },
    ]);
    expect(collect({ title: '  ', authors: ['A B'] }).skipped).toEqual([
      { origin: 'refs.ris:7', title: null, reason: 'neither title nor abstract (record 2)' },
    ]);
  });

  it('keeps a title without an abstract, with a notice naming the file, line and record', () => {
    const result = collect({ title: 'Editorial', abstract: '[No abstract available]' });
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([['Editorial', '']]);
    expect(result.notices).toEqual([
      {
        origin: 'refs.ris:7',
        message: 'papermap/parse: refs.ris:7: record 2 "Editorial" has no abstract; its title is its text',
      },
    ]);
  });

  it('normalises ids, fills them in from an arXiv DOI and a URL, and says which it could not read', () => {
    const result = collect({
      title: '  A   title ',
      abstract: 'Text.',
      authors: ['  Ada  Lovelace ', ''],
      year: '2021-03-04',
      doi: 'https://doi.org/10.48550/arXiv.2101.00001',
      pmid: 'PMID: 31452104',
      url: 'https://example.org/x',
    });
    expect(result.papers[0]).toMatchObject({
      title: 'A title',
      authors: ['Ada Lovelace'],
      year: 2021,
      doi: '10.48550/arXiv.2101.00001',
      arxiv: '2101.00001',
      pmid: '31452104',
      url: 'https://example.org/x',
    });
    const bad = collect({ title: 'T', doi: 'n/a', arxiv: '12345', pmid: 'PMC123', year: 'n.d.' });
    expect(bad.papers[0]).toMatchObject({ doi: null, arxiv: null, pmid: null, year: null });
    expect(bad.notices.map((n) => n.message.replace(/^.*"T" /, ''))).toEqual([
      'has no abstract; its title is its text',
      'year "n.d." holds no four-digit year and was ignored',
      'DOI "n/a" does not look like a DOI (10.<prefix>/<suffix>) and was ignored',
      'arXiv id "12345" is not an arXiv identifier and was ignored',
      'PMID "PMC123" is not a PubMed id (digits) and was ignored',
    ]);
    const linked = collect({ title: 'T', url: 'https://pubmed.ncbi.nlm.nih.gov/31452104/' });
    expect(linked.papers[0].pmid).toBe('31452104');
  });
});
