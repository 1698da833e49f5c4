/**
 * One normalisation of ids as compared (`idKey` in parse/fields.ts): the duplicate merging and the
 * node keys read a paper's ids alike.
 */
import { describe, expect, it } from 'vitest';
import { dedupePapers } from '../../src/core/dedupe';
import { paperKeys } from '../../src/core/keys';
import { idKey, idKeys, newPaper } from '../../src/core/parse/fields';
import type { Paper } from '../../src/core/types';

const paper = (
  origin: string,
  title: string,
  ids: Partial<Pick<Paper, 'doi' | 'arxiv' | 'pmid'>>,
): Paper => ({
  ...newPaper(origin, title, `${title} abstract`),
  ...ids,
});

describe('idKey and idKeys', () => {
  it('compare DOIs without case, arXiv ids without version, PMIDs trimmed', () => {
    expect(idKey('doi', ' 10.1000/ABC.def ')).toBe('doi:10.1000/abc.def');
    expect(idKey('arxiv', '2312.06795v2')).toBe('arxiv:2312.06795');
    expect(idKey('arxiv', 'hep-th/9901001V3')).toBe('arxiv:hep-th/9901001');
    expect(idKey('pmid', ' 12345 ')).toBe('pmid:12345');
  });

  it('list a paper’s ids in order DOI, arXiv, PMID, leaving out blank ones', () => {
    const p = paper('a:1', 'T', { doi: '10.1/X', arxiv: '2001.00001v1', pmid: '7' });
    expect(idKeys(p)).toEqual(['doi:10.1/x', 'arxiv:2001.00001', 'pmid:7']);
    expect(idKeys(paper('a:2', 'T', { doi: '  ', arxiv: null, pmid: '9' }))).toEqual(['pmid:9']);
  });

  it('are what both the node keys and the duplicate merging use', () => {
    const papers = [
      paper('a:1', 'First paper', { doi: '10.1/ABC' }),
      paper('a:2', 'Second paper', { arxiv: '2001.00001v3' }),
      paper('b:1', 'First paper, as another file names it', { doi: '10.1/abc' }),
      paper('b:2', 'Second paper again', { arxiv: '2001.00001v1' }),
    ];
    const { papers: kept, skipped } = dedupePapers(papers);
    expect(kept.map((p) => p.origin)).toEqual(['a:1', 'a:2']);
    expect(skipped.map((s) => s.reason)).toEqual([
      'duplicate of a:1 (same DOI)',
      'duplicate of a:2 (same arXiv id)',
    ]);
    expect(paperKeys(kept)).toEqual(kept.map((p) => idKeys(p)[0]));
  });

  it('never merge papers by a blank id', () => {
    const papers = [
      paper('a:1', 'One paper', { doi: ' ', pmid: ' ' }),
      paper('a:2', 'Another paper', { doi: ' ', pmid: ' ' }),
    ];
    expect(dedupePapers(papers).papers).toHaveLength(2);
  });
});
