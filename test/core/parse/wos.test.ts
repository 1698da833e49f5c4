/** Web of Science plain text: a "Plain text file" export, the fields it spreads over lines, broken files, detection. */
import { describe, expect, it } from 'vitest';
import { detectFormat, parseFiles } from '../../../src/core/parse/index';
import { looksLikeWos, parseWos } from '../../../src/core/parse/wos';
import type { Paper } from '../../../src/core/types';
import { fixture, input, messages, paper, readBytes } from './helpers';

const text = (path: string): string => new TextDecoder().decode(readBytes(path)).replace(/^\uFEFF/, '');
const HEADER = 'FN Clarivate Analytics Web of Science\nVR 1.0\n';
/** One record's fields in a file with the usual header and trailer. */
const one = (fields: string): Paper => {
  const result = parseWos('x.txt', `${HEADER}PT J\n${fields}\nER\n\nEF\n`);
  expect(result.papers).toHaveLength(1);
  return result.papers[0];
};

describe('Web of Science: a plain-text export', () => {
  it('reads every record with its exact fields', async () => {
    const file = 'wos/savedrecs.txt';
    const result = await parseFiles([fixture(file)]);
    expect(result.files[0].format).toBe('wos');
    expect(result.papers).toEqual([
      paper(`${file}:3`, {
        title: 'Fast unfolding of communities in large networks',
        abstract:
          'We propose a simple method to extract the community structure of large networks. Our method is a ' +
          'heuristic method that is based on modularity optimization. It is shown to outperform all other known ' +
          'community detection methods in terms of computation time.',
        authors: ['Vincent D. Blondel', 'Jean-Loup Guillaume', 'Renaud Lambiotte', 'Etienne Lefebvre'],
        year: 2008,
        doi: '10.1088/1742-5468/2008/10/P10008',
      }),
      paper(`${file}:56`, {
        title: 'SciPy 1.0: fundamental algorithms for scientific computing in Python',
        abstract:
          'SciPy is an open-source scientific computing library for the Python programming language. This article ' +
          'explains how SciPy became a cornerstone of scientific computing and gives an overview of its capabilities.',
        authors: [
          'Pauli Virtanen',
          'Ralf Gommers',
          'Travis E. Oliphant',
          'Stefan J. van der Walt',
          'SciPy 1.0 Contributors',
        ],
        year: 2020,
        doi: '10.1038/s41592-019-0686-2',
        pmid: '32015543',
      }),
      paper(`${file}:102`, {
        title: 'Early-access papers and their citation half-life',
        abstract:
          'Papers published online ahead of their issue are cited sooner. We measure by how much, for 40,000 ' +
          'early-access papers.',
        authors: ['Keola Ohana'],
        year: 2024,
        doi: '10.5555/joi.2024.101499',
      }),
      paper(`${file}:133`, {
        title: 'Correction to: Early-access papers and their citation half-life',
        year: 2024,
        doi: '10.5555/joi.2024.101520',
      }),
    ]);
    expect(result.skipped).toEqual([]);
    // The header, the trailer and the blank lines are no stray lines; the accession number names the record.
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:133: record 4, WOS:001187654300002 "Correction to: Early-access papers and their ` +
        'citation half-life" has no abstract; its title is its text',
    ]);
  });

  it('takes the short AU names when there are no AF names, and drops the [Anonymous] placeholder', () => {
    expect(one('AU Kim, S\n   Lee, JH\nTI T').authors).toEqual(['S Kim', 'JH Lee']);
    expect(one('AU [Anonymous]\nCA ATLAS Collaboration\nTI T').authors).toEqual(['ATLAS Collaboration']);
    expect(one('AU Roach, M\nAF Roach, Mack, III\nTI T').authors).toEqual(['Mack Roach III']);
  });

  it('joins a title wrapped over lines with a space, and ignores the other list fields', () => {
    const read = one(
      'TI Interactions stabilizing the structure of the core light-harvesting\n' +
        '   complex (LHl) of photosynthetic bacteria and its subunit (B820)\n' +
        'ID CHEMICALLY SYNTHESIZED POLYPEPTIDES; IN-VITRO RECONSTITUTION;\n   AMINO-ACID-SEQUENCE\n' +
        'CR ALLEN JP, 1986, P NATL ACAD SCI USA, V83, P8589, DOI 10.1073/pnas.83.22.8589\n' +
        '   BARRICK D, 1994, BIOCHEMISTRY-US, V33, P6546, DOI 10.1021/bi00187a023',
    );
    expect(read.title).toBe(
      'Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria ' +
        'and its subunit (B820)',
    );
    expect(read.doi).toBeNull();
    expect(one('TI R&amp;D networks of small &amp; medium firms').title).toBe(
      'R&D networks of small & medium firms',
    );
  });

  it('reads the year from PY, else the publication date PD, else the early-access date EA', () => {
    expect(one('TI T\nPD 2026 FEB 25\nPY 2026').year).toBe(2026);
    expect(one('TI T\nPD MAR\nPY 2000').year).toBe(2000);
    expect(one('TI T\nPD 2019 DEC').year).toBe(2019);
    expect(one('TI T\nEA FEB 2026').year).toBe(2026);
    expect(one('TI T\nPD SPR').year).toBeNull();
  });

  it('reads two exports pasted into one file, each with its header and EF', () => {
    const source = `${HEADER}PT J\nTI First\nER\n\nEF\n${HEADER}PT J\nTI Second\nER\n\nEF\n`;
    const result = parseWos('two.txt', source);
    expect(result.papers.map((p) => [p.title, p.origin])).toEqual([
      ['First', 'two.txt:3'],
      ['Second', 'two.txt:10'],
    ]);
    expect(messages(result).some((message) => message.includes('outside any record'))).toBe(false);
  });

  it('says when a PMID or DOI field holds no id', () => {
    const result = parseWos('x.txt', `${HEADER}PT J\nTI T\nAB A.\nPM none\nDI DOI 10\nUT WOS:1\nER\nEF\n`);
    expect(result.papers[0].pmid).toBeNull();
    expect(messages(result)).toEqual([
      'papermap/parse: x.txt:3: record 1, WOS:1 "T" DOI "DOI 10" does not look like a DOI (10.<prefix>/<suffix>) and was ignored',
      'papermap/parse: x.txt:3: record 1, WOS:1 "T" PMID "none" is not a PubMed id (digits) and was ignored',
    ]);
  });
});

describe('Web of Science: broken files', () => {
  it('skips the record without TI, keeps the others, and says which records lack ER', () => {
    const file = 'wos/malformed.txt';
    const result = parseWos(file, text(`test/fixtures/parse/${file}`));
    expect(result.papers).toEqual([
      paper(`${file}:3`, {
        title: 'A complete record with a title over two lines',
        abstract: 'Everything a record needs is here, and it closes with its ER line.',
        authors: ['Kwame Osei'],
        year: 2021,
      }),
      paper(`${file}:21`, { title: 'A record whose ER line is missing', authors: ['K Ohana'], year: 2019 }),
      paper(`${file}:27`, {
        title: 'A record cut short at the end of the file',
        abstract:
          'The download stopped in the middle of this abstract, which goes on over a second line and then',
        authors: ['K Ohana'],
      }),
    ]);
    expect(result.skipped).toEqual([
      {
        origin: `${file}:13`,
        title: null,
        reason: 'no title (record 2, WOS:000900000000002 has only an abstract)',
      },
    ]);
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:21: 1 record(s) have no ER line; each ends where the next record (or the file's ` +
        'trailer) begins: record 3 (lines 21–26)',
      `papermap/parse: ${file}:27: record 4 is cut short by the end of the file (no ER line after line 31); it was ` +
        'read as far as it goes; the file may be incomplete',
      `papermap/parse: ${file}:21: record 3, WOS:000900000000003 "A record whose ER line is missing" has no ` +
        'abstract; its title is its text',
    ]);
  });

  it('reports lines that are not fields outside records, and a record whose ER is cut off by EF', () => {
    const result = parseWos('x.txt', `${HEADER}Exported 12 March 2024\nPT J\nTI T\nAB A.\nEF\n`);
    expect(result.papers.map((p) => p.title)).toEqual(['T']);
    expect(messages(result)).toEqual([
      'papermap/parse: x.txt:3: 1 line(s) outside any record are not Web of Science fields and were ignored: line(s) 3',
      "papermap/parse: x.txt:4: 1 record(s) have no ER line; each ends where the next record (or the file's trailer) " +
        'begins: record 1 (lines 4–6)',
    ]);
  });
});

describe('Web of Science: detection', () => {
  it('recognises the FN header, or PT … ER without it, whatever the file is called', () => {
    const source = text('test/fixtures/parse/wos/savedrecs.txt');
    expect(looksLikeWos(source)).toBe(true);
    expect(detectFormat('savedrecs.txt', source)).toBe('wos');
    expect(detectFormat('savedrecs.ris', source)).toBe('wos');
    const headless = 'PT J\nAU Kim, S\nTI Supervenience and causation\nER\n';
    expect(looksLikeWos(headless)).toBe(true);
    expect(detectFormat('records.txt', headless)).toBe('wos');
  });

  it('does not claim RIS (not even a WoS RIS export), MEDLINE, the tab-delimited export or a daily-papers page', () => {
    for (const path of [
      'test/fixtures/parse/ris/wos.ris',
      'test/fixtures/parse/ris/scopus.ris',
      'test/fixtures/parse/medline/pubmed.nbib',
      'data/hf-papers-mar20.txt',
    ]) {
      expect(looksLikeWos(text(path))).toBe(false);
    }
    expect(
      looksLikeWos('PT\tAU\tBA\tBE\tGP\tAF\tBF\tCA\tTI\tSO\nJ\tKim, S\t\t\t\tKim, S\t\t\tT\tSYNTHESE\n'),
    ).toBe(false);
    expect(looksLikeWos('PT J is the first line of a note\nthat never ends its record\n')).toBe(false);
  });

  it('reads a .ciw file by its extension when its first record lost the header, and obeys a forced format', async () => {
    const noEnd = 'PT J\nTI A title\n';
    expect(looksLikeWos(noEnd)).toBe(false);
    expect(detectFormat('export.ciw', noEnd)).toBe('wos');
    const forced = await parseFiles([input('export.txt', noEnd)], { format: 'wos' });
    expect(forced.papers.map((p) => [p.title, p.origin])).toEqual([['A title', 'export.txt:1']]);
  });
});
