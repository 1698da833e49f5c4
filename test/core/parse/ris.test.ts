/** RIS: exports of Scopus, Web of Science, Zotero and EndNote, the syntax variants of other tools, broken files. */
import { describe, expect, it } from 'vitest';
import { detectFormat, parseFiles } from '../../../src/core/parse/index';
import { looksLikeRis, parseRis } from '../../../src/core/parse/ris';
import type { Paper } from '../../../src/core/types';
import { fixture, input, messages, paper, readBytes } from './helpers';

/** A paper as the parser should give it: every field not named is empty. */
const text = (path: string): string => new TextDecoder().decode(readBytes(path));
/** One record's fields, for tests of a single tag. */
const one = (lines: string): Paper => {
  const result = parseRis('x.ris', `TY  - JOUR\n${lines}\nER  - \n`);
  expect(result.papers).toHaveLength(1);
  return result.papers[0];
};

describe('RIS: a Scopus export', () => {
  it('reads every record with its fields, the PMID from C2 and the DOI from DO', async () => {
    const result = await parseFiles([fixture('ris/scopus.ris')]);
    const file = 'ris/scopus.ris';
    expect(result.files[0].format).toBe('ris');
    expect(result.papers).toEqual([
      paper(`${file}:1`, {
        title: 'Software survey: VOSviewer, a computer program for bibliometric mapping',
        abstract:
          'We present VOSviewer, a freely available computer program for constructing and viewing bibliometric maps. ' +
          'The program pays special attention to the graphical representation of such maps. © 2009 The Author(s).',
        authors: ['N.J. van Eck', 'L. Waltman'],
        year: 2010,
        doi: '10.1007/s11192-009-0146-3',
        pmid: '20585380',
        url:
          'https://www.scopus.com/inward/record.uri?eid=2-s2.0-77953711904&doi=10.1007%2fs11192-009-0146-3' +
          '&partnerID=40&md5=4d1c2d8e2f7f0a8e5b7f3e1c9a6d0b21',
      }),
      paper(`${file}:30`, {
        title: 'BERT: Pre-training of deep bidirectional transformers for language understanding',
        abstract:
          'We introduce a new language representation model called BERT, which stands for Bidirectional Encoder ' +
          'Representations from Transformers. BERT is designed to pre-train deep bidirectional representations from ' +
          'unlabeled text by jointly conditioning on both left and right context in all layers. © 2019 Association ' +
          'for Computational Linguistics',
        authors: ['J. Devlin', 'M.-W. Chang', 'K. Lee', 'K. Toutanova'],
        year: 2019,
        url: 'https://www.scopus.com/inward/record.uri?eid=2-s2.0-85083815650&partnerID=40&md5=0f0d52b6c49b2d36c1e8a1f6b2c2b6e4',
      }),
      paper(`${file}:56`, {
        title:
          'Erratum to “bibliometrix: An R-tool for comprehensive science mapping analysis” [Journal of Informetrics 11 ' +
          '(4) (2017) 959–975]',
        authors: ['M. Aria', 'C. Cuccurullo'],
        year: 2018,
        doi: '10.1016/j.joi.2018.01.002',
        url:
          'https://www.scopus.com/inward/record.uri?eid=2-s2.0-85040771540&doi=10.1016%2fj.joi.2018.01.002' +
          '&partnerID=40&md5=a7c4e8b1d2f3a4b5c6d7e8f9a0b1c2d3',
      }),
    ]);
    expect(result.skipped).toEqual([]);
    // "[No abstract available]" is Scopus's placeholder, not an abstract; the reference list that
    // continues N1 over untagged lines is neither a stray line nor part of another field.
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:56: record 3 "Erratum to “bibliometrix: An R-tool for comprehensive science mapping analysis”…" ` +
        'has no abstract; its title is its text',
    ]);
  });
});

describe('RIS: a Web of Science export', () => {
  it('joins the indented abstract lines, takes PY over the month in DA, and reads no URL', async () => {
    const result = await parseFiles([fixture('ris/wos.ris')]);
    const file = 'ris/wos.ris';
    expect(result.papers).toEqual([
      paper(`${file}:1`, {
        title: 'Community structure in social and biological networks',
        abstract:
          'A number of recent studies have focused on the statistical properties of networked systems. Here we ' +
          'consider another property, community structure, in which network nodes are joined together in tightly ' +
          'knit groups. We propose a method for detecting such communities, built around the idea of using ' +
          'centrality indices to find community boundaries.',
        authors: ['M Girvan', 'MEJ Newman'],
        year: 2002,
        doi: '10.1073/pnas.122653799',
      }),
      paper(`${file}:36`, {
        title: "Collective dynamics of 'small-world' networks",
        authors: ['DJ Watts', 'SH Strogatz'],
        year: 1998,
        doi: '10.1038/30918',
      }),
      paper(`${file}:64`, {
        title: 'Diffusion models for citation graphs',
        abstract:
          'We train a denoising diffusion model on the citation graphs of three bibliographic databases and compare ' +
          'its samples with the graphs that preferential attachment and stochastic block models produce.',
        authors: ['RT Müller', 'K Ohana'],
        year: 2023,
      }),
    ]);
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:36: record 2 "Collective dynamics of 'small-world' networks" has no abstract; its title is its text`,
    ]);
  });
});

describe('RIS: a Zotero export (CRLF line ends)', () => {
  it('reads the article, the arXiv preprint and the book section, without the editor', async () => {
    const result = await parseFiles([fixture('ris/zotero.ris')]);
    const file = 'ris/zotero.ris';
    expect(result.papers).toEqual([
      paper(`${file}:1`, {
        title: 'Array programming with NumPy',
        abstract:
          'Array programming provides a powerful, compact and expressive syntax for accessing, manipulating and ' +
          'operating on data in vectors, matrices and higher-dimensional arrays. NumPy is the primary array ' +
          'programming library for the Python language. Here we review how a few fundamental array concepts lead ' +
          'to a simple and powerful programming paradigm.',
        authors: ['Charles R. Harris', 'K. Jarrod Millman', 'Stéfan J. van der Walt', 'Travis E. Oliphant'],
        year: 2020,
        doi: '10.1038/s41586-020-2649-2',
        url: 'https://www.nature.com/articles/s41586-020-2649-2',
      }),
      paper(`${file}:29`, {
        title: 'Scaling Laws for Neural Language Models',
        abstract:
          'We study empirical scaling laws for language model performance on the cross-entropy loss. The loss ' +
          'scales as a power-law with model size, dataset size, and the amount of compute used for training.',
        authors: ['Jared Kaplan', 'Sam McCandlish', 'Tom Henighan', 'Tom B. Brown'],
        year: 2020,
        doi: '10.48550/arXiv.2001.08361',
        arxiv: '2001.08361',
        url: 'http://arxiv.org/abs/2001.08361',
      }),
      paper(`${file}:50`, {
        title: 'Community Structure in Graphs',
        abstract:
          'Networks represent systems whose elements are linked; their communities are groups of nodes more densely ' +
          'connected to each other than to the rest of the network.',
        authors: ['Santo Fortunato', 'Claudio Castellano'],
        year: 2009,
      }),
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.notices).toEqual([]);
  });

  it('reads the same papers with LF line ends as with CRLF', async () => {
    const lf = text('test/fixtures/parse/ris/zotero.ris').replace(/\r\n/g, '\n');
    const [crlf, unix] = await Promise.all([
      parseFiles([fixture('ris/zotero.ris')]),
      parseFiles([input('ris/zotero.ris', lf)]),
    ]);
    expect(unix.papers).toEqual(crlf.papers);
  });
});

describe('RIS: an EndNote export', () => {
  it('keeps untagged continuation lines in their own field, and the suffix of a name last', async () => {
    const result = await parseFiles([fixture('ris/endnote.ris')]);
    const file = 'ris/endnote.ris';
    expect(result.papers).toEqual([
      paper(`${file}:1`, {
        title: 'Emergence of scaling in random networks',
        abstract:
          'The evolution of many complex systems, including the World Wide Web, business and citation networks, is ' +
          "encoded in the dynamic web describing the interactions between the system's constituents. Here we show " +
          'that two generic mechanisms, growth and preferential attachment, account for the scale-free distribution ' +
          'of vertex degrees found in large networks.',
        authors: ['A. L. Barabási', 'R. Albert'],
        year: 1999,
        doi: '10.1126/science.286.5439.509',
        url: 'https://www.embase.com/search/results?subaction=viewrecord&id=L129842611&from=export',
      }),
      paper(`${file}:31`, {
        title: 'Community detection in citation networks',
        abstract:
          'Citation networks are directed and grow in time; we compare how modularity maximisation and stochastic ' +
          'block models split them into fields.',
        authors: ['K. Ohana'],
        year: 2018,
        doi: '10.5555/handbook.2018.014',
      }),
      paper(`${file}:49`, {
        title: 'The Negro Is Your Brother',
        authors: ['Martin Luther King Jr.'],
        year: 1963,
      }),
    ]);
    // The empty DO of record 3 is no DOI and no problem either.
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:49: record 3 "The Negro Is Your Brother" has no abstract; its title is its text`,
    ]);
  });

  it('reads a Windows-1252 export: the accented authors come through, and a notice names the file', async () => {
    const file = 'ris/endnote-windows-1252.ris';
    const result = await parseFiles([fixture(file)]);
    expect(result.papers).toEqual([
      paper(`${file}:1`, {
        title: 'Zur Ausbreitung von Zitationen in Ko-Autorennetzwerken',
        abstract:
          'Wir untersuchen, wie sich Zitationen – über Ko-Autoren hinweg – in drei Fachgebieten ausbreiten.',
        authors: ['Jürgen Müller', 'Inés Cañete'],
        year: 2016,
        doi: '10.5555/zfb.2016.031',
      }),
    ]);
    expect(messages(result)).toHaveLength(1);
    expect(messages(result)[0]).toMatch(
      /^papermap\/parse: ris\/endnote-windows-1252\.ris:2: not UTF-8: read as Windows-1252 .* line\(s\) 2, 3, 5, 7;/,
    );
  });
});

describe('RIS: syntax variants of other tools', () => {
  it('accepts one or two spaces before the hyphen, extra spaces after it, and an ER without a space', () => {
    const variants = [
      'TY  - JOUR\nTI  - A title\nER  - \n',
      'TY - JOUR\nTI - A title\nER -\n',
      'TY  -  JOUR\nTI  -  A title  \nER  -\n',
      '\n\n\nTY  - JOUR\n\nTI  - A title\n\nER  - \n\n\n',
      'TY  - JOUR\nTI  - A title\n',
    ];
    for (const source of variants) {
      expect(parseRis('x.ris', source).papers.map((p) => p.title)).toEqual(['A title']);
    }
  });

  it('does not take a line as a tag without the hyphen: "ER then…" continues the abstract', () => {
    const source = 'TY  - JOUR\nTI  - T\nN2  - first line,\nER then second line\nthe last line\nER  -\n';
    expect(parseRis('x.ris', source).papers[0].abstract).toBe(
      'first line, ER then second line the last line',
    );
  });

  it('reads the title from TI, T1 or CT, and from BT only when there is no other title', () => {
    expect(one('T1  - Primary title').title).toBe('Primary title');
    expect(one('CT  - Caption title').title).toBe('Caption title');
    expect(one('BT  - Book title\nTI  - Chapter title').title).toBe('Chapter title');
    expect(one('BT  - A whole book').title).toBe('A whole book');
    expect(one('T2  - A journal\nST  - Short\nTI  - The title').title).toBe('The title');
  });

  it('reads the abstract from AB, else N2; a second AB (a copyright line) is not added', () => {
    expect(one('TI  - T\nN2  - From N2.').abstract).toBe('From N2.');
    expect(one('TI  - T\nN2  - From N2.\nAB  - From AB.').abstract).toBe('From AB.');
    expect(
      one('TI  - T\nAB  - The abstract.\nAB  - Copyright of the journal is the property of its owner.')
        .abstract,
    ).toBe('The abstract.');
  });

  it('reads authors from AU and A1 in order, not editors (A2, A3, ED), and splits names joined by ";"', () => {
    expect(one('TI  - T\nA1  - Marx, Karl\nA2  - Glattauer, Daniel\nA1  - Lindgren, Astrid').authors).toEqual(
      ['Karl Marx', 'Astrid Lindgren'],
    );
    expect(one('TI  - T\nAU  - Shannon,Claude E.\nED  - Editor, An\nA3  - Series, Editor').authors).toEqual([
      'Claude E. Shannon',
    ]);
    expect(one('TI  - T\nAU  - Smith, J.; Doe, A.').authors).toEqual(['J. Smith', 'A. Doe']);
    expect(one('TI  - T\nAU  - Fanning E.').authors).toEqual(['Fanning E.']);
    expect(one('TI  - T\nAU  - Phillips, A.J., Sr.').authors).toEqual(['A.J. Phillips Sr.']);
  });

  it('reads the year from PY, Y1 or DA in every date form, never from the access date Y2', () => {
    const cases: Array<[string, number | null]> = [
      ['PY  - 2020', 2020],
      ['Y1  - 2014//', 2014],
      ['Y1  - 2020/05/04/', 2020],
      ['DA  - 2020///', 2020],
      ['DA  - 2024-02-01', 2024],
      ['DA  - SEP 22\nPY  - 2010', 2010],
      ['PY  - 1948/07//', 1948],
      ['Y2  - 2024/03/12/09:41:27', null],
    ];
    for (const [line, year] of cases) expect(one(`TI  - T\n${line}`).year).toBe(year);
  });

  it('says so when the only date holds no year', () => {
    const result = parseRis('x.ris', 'TY  - JOUR\nTI  - T\nAB  - A.\nDA  - MAR\nER  - \n');
    expect(result.papers[0].year).toBeNull();
    expect(messages(result)).toEqual([
      'papermap/parse: x.ris:1: record 1 "T" year "MAR" holds no four-digit year and was ignored',
    ]);
  });

  it('finds the DOI in DO (as a URL or with a prefix), M3, or a doi.org link, and says when DO is no DOI', () => {
    expect(one('TI  - T\nDO  - http://dx.doi.org/10.1177/2325967120950040').doi).toBe(
      '10.1177/2325967120950040',
    );
    expect(one('TI  - T\nDO  - DOI: 10.5555/ABC.').doi).toBe('10.5555/ABC');
    expect(one('TI  - T\nM3  - 10.1016/j.joi.2017.08.007').doi).toBe('10.1016/j.joi.2017.08.007');
    expect(one('TI  - T\nM3  - Article').doi).toBeNull();
    expect(one('TI  - T\nL2  - http://dx.doi.org/10.1002/ar.25520').doi).toBe('10.1002/ar.25520');
    const bad = parseRis('x.ris', 'TY  - JOUR\nTI  - T\nAB  - A.\nDO  - n/a\nER  - \n');
    expect(bad.papers[0].doi).toBeNull();
    expect(messages(bad)).toEqual([
      'papermap/parse: x.ris:1: record 1 "T" DOI "n/a" does not look like a DOI (10.<prefix>/<suffix>) and was ignored',
    ]);
  });

  it('takes the first UR as the URL, and ids from any link: several URLs on one line or on several', () => {
    expect(one('TI  - T\nUR  - http://example.com; http://www.example.com').url).toBe('http://example.com');
    expect(one('TI  - T\nUR  - http://example.com;http://www.example.com').url).toBe('http://example.com');
    const linked = one(
      'TI  - T\nL2  - https://example.org/full\nUR  - https://example.com/a\nUR  - https://arxiv.org/abs/1706.03762v5',
    );
    expect(linked.url).toBe('https://example.com/a');
    expect(linked.arxiv).toBe('1706.03762v5');
    expect(one('TI  - T\nL1  - internal-pdf://0123/paper.pdf\nL2  - https://example.org/full').url).toBe(
      'https://example.org/full',
    );
    expect(one('TI  - T\nUR  - https://pubmed.ncbi.nlm.nih.gov/26017442/').pmid).toBe('26017442');
  });

  it('reads ids that an accession or note field names with their database', () => {
    expect(one('TI  - T\nAN  - arXiv:1706.03762').arxiv).toBe('1706.03762');
    expect(one('TI  - T\nN1  - arXiv:2001.08361 [cs, stat]').arxiv).toBe('2001.08361');
    expect(one('TI  - T\nC3  - PUBMED 21314913').pmid).toBe('21314913');
    expect(one('TI  - T\nAN  - PMID: 26017442').pmid).toBe('26017442');
    // Bare numbers name no database: an Embase or WoS accession number is not a PMID.
    expect(one('TI  - T\nAN  - 2006713348\nID  - 12345').pmid).toBeNull();
    expect(one('TI  - T\nAN  - WOS:000282053100002').pmid).toBeNull();
    expect(one('TI  - T\nDO  - 10.48550/arXiv.2001.08361').arxiv).toBe('2001.08361');
  });

  it("reads Scopus's trailing notes (Export Date, Source) as notes that feed no field", () => {
    const result = parseRis(
      'old-scopus.ris',
      'TY  - JOUR\nTI  - T\nAB  - Background: a.\n     Methods: b.\nN1  - Cited By :12\nN1  - Export Date: 2 February 2013\n' +
        'Source: Scopus\nER  - \n',
    );
    expect(result.papers).toEqual([
      paper('old-scopus.ris:1', { title: 'T', abstract: 'Background: a. Methods: b.' }),
    ]);
    expect(result.notices).toEqual([]);
  });

  it('reads C2 as the PMID only in a Scopus record (elsewhere it is a PMCID or a year)', () => {
    expect(one('TI  - T\nC2  - 38580657\nDB  - Scopus').pmid).toBe('38580657');
    expect(one('TI  - T\nC2  - 2019').pmid).toBeNull();
  });

  it('splits fields that Rayyan glues onto one line after a run of spaces', () => {
    const glued = one(
      'TI  - T\nUR  - https://www.embase.com/x?id=L2029880245&from=export     U2  - L2029880245\n' +
        'DO  - 10.1038/s41467-024-48400-3     LK  - https://example.org/link?id=doi:10.1038%2Fs41467',
    );
    expect(glued.url).toBe('https://www.embase.com/x?id=L2029880245&from=export');
    expect(glued.doi).toBe('10.1038/s41467-024-48400-3');
  });

  it('drops the rich-text tags Zotero keeps in titles, and keeps text that only looks like markup', () => {
    expect(one('TI  - Growth of <i>E. coli</i> with <sup>13</sup>C at p<0.05 & <unknown>').title).toBe(
      'Growth of E. coli with 13C at p<0.05 & <unknown>',
    );
    expect(one('TI  - T\nAB  - R&amp;D in <span class="nocase">iPhone</span> apps.').abstract).toBe(
      'R&D in iPhone apps.',
    );
  });
});

describe('RIS: broken files', () => {
  it('skips the record without a title, keeps the others, and says what was odd about the file', () => {
    const file = 'ris/malformed.ris';
    const result = parseRis(file, text(`test/fixtures/parse/${file}`));
    expect(result.papers).toEqual([
      paper(`${file}:5`, {
        title: 'A record that is complete',
        abstract: 'Everything a record needs is here, and it closes with its ER line.',
        authors: ['Kwame Osei'],
        year: 2021,
      }),
      paper(`${file}:18`, {
        title: 'A record whose ER line is missing',
        abstract: 'The next TY line starts the next record.',
      }),
      paper(`${file}:22`, {
        title: 'A record cut short at the end of the file',
        abstract: 'The download stopped in the middle of this abstract, which goes on',
        authors: ['Keola Ohana'],
      }),
    ]);
    expect(result.skipped).toEqual([
      { origin: `${file}:12`, title: null, reason: 'no title (record 2 has only an abstract)' },
    ]);
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:1: 3 line(s) outside any record are not RIS fields and were ignored: line(s) 1–3`,
      `papermap/parse: ${file}:18: 1 record(s) have no ER line; each ends where the next record (or the file's ` +
        'trailer) begins: record 3 (lines 18–21)',
      `papermap/parse: ${file}:22: record 4 is cut short by the end of the file (no ER line after line 25); it was ` +
        'read as far as it goes; the file may be incomplete',
    ]);
  });

  it('skips a record cut short before its title, with its line', () => {
    const result = parseRis('cut.ris', 'TY  - JOUR\nTI  - Whole\nER  - \nTY  - JOUR\nAU  - Osei, K');
    expect(result.papers.map((p) => p.title)).toEqual(['Whole']);
    expect(result.skipped).toEqual([
      { origin: 'cut.ris:4', title: null, reason: 'neither title nor abstract (record 2)' },
    ]);
  });

  it('reads fields that come without a TY line, and reports an ER outside any record', () => {
    const result = parseRis('x.ris', 'TY  - JOUR\nTI  - First\nER  - \nER  - \nTI  - Second\nER  - \n');
    expect(result.papers.map((p) => [p.title, p.origin])).toEqual([
      ['First', 'x.ris:1'],
      ['Second', 'x.ris:5'],
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: x.ris:4: 1 line(s) outside any record are not RIS fields and were ignored: line(s) 4',
      'papermap/parse: x.ris:5: record 2 does not begin with a TY line; it was read from its first field',
      'papermap/parse: x.ris:1: record 1 "First" has no abstract; its title is its text',
      'papermap/parse: x.ris:5: record 2 "Second" has no abstract; its title is its text',
    ]);
  });

  it('says that an empty .ris file is empty', async () => {
    const result = await parseFiles([input('empty.ris', new Uint8Array())]);
    expect(result.papers).toEqual([]);
    expect(messages(result)).toEqual([
      'papermap/parse: empty.ris: the file is empty (0 bytes); no papers read',
    ]);
  });
});

describe('RIS: detection', () => {
  const fixtures = ['scopus.ris', 'wos.ris', 'zotero.ris', 'endnote.ris', 'malformed.ris'];

  it('recognises every RIS fixture by its content, whatever its name', () => {
    for (const name of fixtures) {
      const source = text(`test/fixtures/parse/ris/${name}`)
        .replace(/^\uFEFF/, '')
        .replace(/\r\n/g, '\n');
      expect(looksLikeRis(source)).toBe(true);
      expect(detectFormat('export.txt', source)).toBe('ris');
      expect(detectFormat('export.csv', source)).toBe('ris');
    }
  });

  it('does not claim Web of Science plain text, MEDLINE or a daily-papers page', () => {
    for (const path of [
      'test/fixtures/parse/wos/savedrecs.txt',
      'test/fixtures/parse/medline/pubmed.nbib',
      'data/hf-papers-mar20.txt',
    ]) {
      expect(looksLikeRis(text(path).replace(/^\uFEFF/, ''))).toBe(false);
    }
  });

  it('reads PubMed format saved with a .ris name as MEDLINE', () => {
    expect(detectFormat('pubmed.ris', text('test/fixtures/parse/medline/pubmed.nbib'))).toBe('medline');
  });

  it('falls back on the .ris extension when the TY line comes after a long header, and obeys a forced format', async () => {
    const header = Array.from({ length: 25 }, (_, i) => `Search line ${i + 1}`).join('\n');
    const source = `${header}\nTY  - JOUR\nTI  - Late\nER  - \n`;
    expect(looksLikeRis(source)).toBe(false);
    expect(detectFormat('late.ris', source)).toBe('ris');
    const forced = await parseFiles([input('late.txt', source)], { format: 'ris' });
    expect(forced.papers.map((p) => [p.title, p.origin])).toEqual([['Late', 'late.txt:26']]);
  });
});
