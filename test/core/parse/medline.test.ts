/** PubMed/MEDLINE: a PubMed-format `.nbib`, author forms, dates and ids, broken files, detection. */
import { describe, expect, it } from 'vitest';
import { detectFormat, parseFiles } from '../../../src/core/parse/index';
import { looksLikeMedline, parseMedline, shortAuthorName } from '../../../src/core/parse/medline';
import type { Paper } from '../../../src/core/types';
import { fixture, input, messages, paper, readBytes } from './helpers';

const text = (path: string): string => new TextDecoder().decode(readBytes(path)).replace(/^\uFEFF/, '');
/** One record's fields after a PMID line. */
const one = (fields: string): Paper => {
  const result = parseMedline('x.nbib', `\nPMID- 99000100\n${fields}\n`);
  expect(result.papers).toHaveLength(1);
  return result.papers[0];
};

describe('MEDLINE: a PubMed-format file', () => {
  it('reads every record with its exact fields', async () => {
    const file = 'medline/pubmed.nbib';
    const result = await parseFiles([fixture(file)]);
    expect(result.files[0].format).toBe('medline');
    expect(result.papers).toEqual([
      paper(`${file}:2`, {
        title:
          'Citation networks of clinical trials registered before and after 2005: a bibliometric cohort study.',
        abstract:
          'BACKGROUND: Trial registration became a condition of publication in 2005. Whether registered trials are ' +
          'cited differently is not known. METHODS: We built the citation network of 12,408 trials and compared ' +
          'the communities found by modularity maximisation before and after 2005. RESULTS: Registered trials ' +
          'formed fewer and larger communities (median size 41 vs 17). CONCLUSIONS: Registration goes with a more ' +
          'connected literature.',
        authors: ['Samuel D Whitfield Jr', 'Aiko Nakamura', 'María José de la Cruz'],
        year: 2021,
        doi: '10.5555/pm.2021.101123',
        pmid: '99000001',
      }),
      paper(`${file}:62`, {
        title: 'SciPy 1.0: fundamental algorithms for scientific computing in Python.',
        abstract:
          'SciPy is an open-source scientific computing library for the Python programming language. This article ' +
          'explains how SciPy became a cornerstone of scientific computing and gives an overview of its capabilities.',
        authors: [
          'Pauli Virtanen',
          'Ralf Gommers',
          'Travis E Oliphant',
          'Stéfan J van der Walt',
          'SciPy 1.0 Contributors',
        ],
        year: 2020,
        doi: '10.1038/s41592-019-0686-2',
        pmid: '32015543',
      }),
      paper(`${file}:120`, {
        title: 'Comment on: Early-access papers and their citation half-life.',
        authors: ['K Osei', 'E Lindqvist'],
        year: 2019,
        pmid: '99000003',
      }),
      paper(`${file}:148`, {
        title: 'Bibliometric mapping of German-language nursing research',
        abstract:
          'The German-language nursing literature of 1980-1993 was mapped by co-word analysis of 2,310 articles.',
        authors: ['H Schröder', 'M Lange-Weber'],
        year: 1995,
        pmid: '99000004',
      }),
      // A Bookshelf record: its title is BTI, and its editors (ED/FED) are no authors.
      paper(`${file}:178`, {
        title: 'Handbook of Reference Management',
        abstract:
          'A guide to keeping, exporting and merging reference libraries, written for graduate students and librarians.',
        year: 2015,
        pmid: '99000005',
      }),
    ]);
    expect(result.skipped).toEqual([]);
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:120: record 3, PMID 99000003 "Comment on: Early-access papers and their citation ` +
        'half-life." has no abstract; its title is its text',
    ]);
  });

  it('reads the same file saved with CRLF line ends and a BOM', async () => {
    const source = text('test/fixtures/parse/medline/pubmed.nbib');
    const windows = `\uFEFF${source.replace(/\n/g, '\r\n')}`;
    const [plain, crlf] = await Promise.all([
      parseFiles([fixture('medline/pubmed.nbib')]),
      parseFiles([input('medline/pubmed.nbib', windows)]),
    ]);
    expect(crlf.papers).toEqual(plain.papers);
  });
});

describe('MEDLINE: authors', () => {
  it('turns the short AU form into display form', () => {
    const cases: Array<[string, string]> = [
      ['Griffin DK', 'DK Griffin'],
      ["O'Connor RE", "RE O'Connor"],
      ['van der Walt SJ', 'SJ van der Walt'],
      ['Chamberlain JA Jr', 'JA Chamberlain Jr'],
      ['Rider SD 2nd', 'SD Rider 2nd'],
      ['Aristotle', 'Aristotle'],
    ];
    for (const [short, shown] of cases) expect(shortAuthorName(short)).toBe(shown);
  });

  it('prefers FAU to its AU twin, reads a lone AU, keeps CN in place, and leaves out investigators and editors', () => {
    const read = one(
      'TI  - T\nFAU - Smith, John A\nAU  - Smith JA\nAU  - Doe J\nCN  - Example Study Group\n' +
        'FAU - Lee, Min-Jun\nAU  - Lee MJ\nFIR - Brown, Ann\nIR  - Brown A\nFED - Green, Tom\nED  - Green T',
    );
    expect(read.authors).toEqual(['John A Smith', 'J Doe', 'Example Study Group', 'Min-Jun Lee']);
  });
});

describe('MEDLINE: dates, ids and titles', () => {
  it('reads the year of every DP form, else of DEP', () => {
    const cases: Array<[string, number | null]> = [
      ['DP  - 2021 Mar 4', 2021],
      ['DP  - 2019 Winter', 2019],
      ['DP  - 2000 Spring-Summer', 2000],
      ['DP  - 1998 Dec-1999 Jan', 1998],
      ['DP  - 2016', 2016],
      ['DEP - 20190325', 2019],
      ['DP  - 2020 Feb\nDEP - 20190325', 2020],
      ['DA  - 20151207', null],
    ];
    for (const [line, year] of cases) expect(one(`TI  - T\n${line}`).year).toBe(year);
  });

  it('reads the DOI only from LID/AID values marked [doi], never from a [pii] or [pmc] one', () => {
    expect(
      one('TI  - T\nLID - S0378-1119(15)01297-4 [pii]\nLID - 10.1016/j.gene.2015.10.064 [doi]').doi,
    ).toBe('10.1016/j.gene.2015.10.064');
    expect(
      one('TI  - T\nLID - 103640\nAID - PMC7026692 [pmc]\nAID - 10.1016/j.ejmg.2019.03.004 [doi]').doi,
    ).toBe('10.1016/j.ejmg.2019.03.004');
    expect(one('TI  - T\nAID - 10.1016/S0000-0000(00)00000-0 [pii]').doi).toBeNull();
  });

  it('joins a title over continuation lines, drops the brackets of a translated title, and falls back on BTI', () => {
    expect(
      one(
        'TI  - Assessment of the ABC/2 Method of Epidural Hematoma Volume Measurement as\n      Compared to Planimetry.',
      ).title,
    ).toBe(
      'Assessment of the ABC/2 Method of Epidural Hematoma Volume Measurement as Compared to Planimetry.',
    );
    expect(
      one(
        'TI  - [Aging Brain Care Program from Indianapolis : Transferability to the German\n      healthcare system].',
      ).title,
    ).toBe('Aging Brain Care Program from Indianapolis : Transferability to the German healthcare system');
    expect(one('TI  - [Re] A reproduction, with brackets that stay.').title).toBe(
      '[Re] A reproduction, with brackets that stay.',
    );
    expect(one('BTI - A Book\nTI  - Its Chapter').title).toBe('Its Chapter');
    expect(one('TI  - Carriage of <i>Staphylococcus aureus</i> in 2<sup>nd</sup> year students.').title).toBe(
      'Carriage of Staphylococcus aureus in 2nd year students.',
    );
  });

  it('reads the abstract from AB, else the other-language OAB', () => {
    expect(one('TI  - T\nOAB - Resumen en español.').abstract).toBe('Resumen en español.');
    expect(one('TI  - T\nAB  - English abstract.\nOAB - Resumen.').abstract).toBe('English abstract.');
  });
});

describe('MEDLINE: broken files', () => {
  it('skips the record without TI, keeps the others, and reports the header lines', () => {
    const file = 'medline/malformed.txt';
    const result = parseMedline(file, text(`test/fixtures/parse/${file}`));
    expect(result.papers).toEqual([
      paper(`${file}:4`, {
        title: 'A complete record.',
        abstract: 'Everything a record needs is here.',
        authors: ['Kwame Osei'],
        year: 2021,
        pmid: '99000011',
      }),
      paper(`${file}:18`, {
        title: 'A record cut short at the end of the file.',
        abstract:
          'The download stopped in the middle of this abstract, which goes on over a second line and then',
        year: 2019,
        pmid: '99000013',
      }),
    ]);
    expect(result.skipped).toEqual([
      {
        origin: `${file}:12`,
        title: null,
        reason: 'no title (record 2, PMID 99000012 has only an abstract)',
      },
    ]);
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:1: 2 line(s) outside any record are not MEDLINE fields and were ignored: line(s) 1–2`,
    ]);
  });

  it('starts a new record at a PMID line even when the blank line before it is missing', () => {
    const result = parseMedline('x.txt', 'PMID- 1\nTI  - One.\nAB  - A.\nPMID- 2\nTI  - Two.\nAB  - B.\n');
    expect(result.papers.map((p) => [p.pmid, p.title, p.origin])).toEqual([
      ['1', 'One.', 'x.txt:1'],
      ['2', 'Two.', 'x.txt:4'],
    ]);
    expect(result.notices).toEqual([]);
  });

  it('says so when a record does not begin with PMID, and when a PMID is no PubMed id', () => {
    const result = parseMedline(
      'x.txt',
      'PMID- 1\nTI  - One.\nAB  - A.\n\nTI  - Two.\nAB  - B.\n\nPMID- PMC123\nTI  - Three.\nAB  - C.\n',
    );
    expect(result.papers.map((p) => [p.title, p.pmid])).toEqual([
      ['One.', '1'],
      ['Two.', null],
      ['Three.', null],
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: x.txt:5: record 2 does not begin with a PMID line; it was read from its first field',
      'papermap/parse: x.txt:8: record 3, PMID PMC123 "Three." PMID "PMC123" is not a PubMed id (digits) and was ignored',
    ]);
  });
});

describe('MEDLINE: detection', () => {
  it('recognises PubMed format by its PMID lines, as .txt (not a daily-papers page), .nbib or .ris', () => {
    const source = text('test/fixtures/parse/medline/pubmed.nbib');
    expect(looksLikeMedline(source)).toBe(true);
    for (const name of ['pubmed-set.txt', 'pubmed.nbib', 'pubmed.ris', 'citations']) {
      expect(detectFormat(name, source)).toBe('medline');
    }
    expect(detectFormat('malformed.txt', text('test/fixtures/parse/medline/malformed.txt'))).toBe('medline');
  });

  it('does not claim RIS, Web of Science plain text or a daily-papers page', () => {
    for (const path of [
      'test/fixtures/parse/ris/scopus.ris',
      'test/fixtures/parse/ris/zotero.ris',
      'test/fixtures/parse/wos/savedrecs.txt',
      'data/hf-papers-mar20.txt',
    ]) {
      expect(looksLikeMedline(text(path))).toBe(false);
    }
    expect(looksLikeMedline('We cite PMID- 123 in running text.\n')).toBe(false);
  });

  it('reads a .nbib file by its extension when no PMID line comes early, and obeys a forced format', async () => {
    const source = 'TI  - A title without its PMID line.\nAB  - An abstract.\n';
    expect(looksLikeMedline(source)).toBe(false);
    expect(detectFormat('citations.nbib', source)).toBe('medline');
    const forced = await parseFiles([input('citations.txt', source)], { format: 'medline' });
    expect(forced.papers.map((p) => [p.title, p.origin])).toEqual([
      ['A title without its PMID line.', 'citations.txt:1'],
    ]);
  });
});
