/** CSV and TSV: the exports of Scopus, Web of Science, OpenAlex, Zotero and spreadsheets, RFC 4180, broken quoting. */
import { describe, expect, it } from 'vitest';
import { readAuthors } from '../../../src/core/parse/columns';
import { looksLikeCsv, looksLikeTsv, parseCsv, parseTsv } from '../../../src/core/parse/csv';
import { normalizeDoi, splitAuthors } from '../../../src/core/parse/fields';
import { detectFormat, type InputFile, ParseError, parseFiles } from '../../../src/core/parse/index';
import { decodeLatexAccents } from '../../../src/core/parse/latex-accents';
import type { Paper } from '../../../src/core/types';
import { input, messages, readBytes } from './helpers';

/** A fixture of `test/fixtures/parse/csv/`, under the name given (to test detection by name). */
const csvFixture = (file: string, name = file): InputFile => ({
  name,
  bytes: readBytes(`test/fixtures/parse/csv/${file}`),
});

const paper = (fields: Partial<Paper> & { title: string; origin: string }): Paper => ({
  abstract: '',
  authors: [],
  year: null,
  url: null,
  doi: null,
  arxiv: null,
  pmid: null,
  ...fields,
});

describe('the exports of the tools, field by field', () => {
  it('reads a Scopus export: full author names without their Scopus ids, a placeholder abstract left out', async () => {
    const result = await parseFiles([csvFixture('scopus-export.csv')]);
    expect(result.files[0]).toMatchObject({ format: 'csv', records: 3, papers: 3, skipped: 0, error: null });
    expect(result.papers).toEqual([
      paper({
        title: 'bibliometrix: An R-tool for comprehensive science mapping analysis',
        abstract:
          'The use of bibliometrics is spreading across disciplines, and "science mapping" needs software that is ' +
          'free, open and flexible. We present bibliometrix, an R package for quantitative research in ' +
          'scientometrics and bibliometrics, and a workflow from data import to analysis and visualisation. ' +
          '© 2017 Elsevier Ltd',
        authors: ['Massimo Aria', 'Corrado Cuccurullo'],
        year: 2017,
        url:
          'https://www.scopus.com/inward/record.uri?eid=2-s2.0-85028558436&doi=10.1016%2fj.joi.2017.08.007' +
          '&partnerID=40&md5=1a2b3c4d5e6f708192a3b4c5d6e7f809',
        doi: '10.1016/j.joi.2017.08.007',
        origin: 'scopus-export.csv:2',
      }),
      expect.objectContaining({
        title: 'Software survey: VOSviewer, a computer program for bibliometric mapping',
        authors: ['Nees Jan van Eck', 'Ludo Waltman'],
        year: 2010,
        doi: '10.1007/s11192-009-0146-3',
        pmid: '20585380',
        origin: 'scopus-export.csv:3',
      }),
      // "Author full names" is empty here: "Authors" ("Garfield E.") stands in, initials first.
      expect.objectContaining({
        title: 'Citation indexes for science: A new dimension in documentation through association of ideas',
        abstract: '',
        authors: ['E. Garfield'],
        year: 1955,
        doi: '10.1126/science.122.3159.108',
        pmid: '14385826',
        origin: 'scopus-export.csv:4',
      }),
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: scopus-export.csv:4: record 3 "Citation indexes for science: A new dimension in documentation ' +
        'through associat…" has no abstract; its title is its text',
    ]);
  });

  it('reads a Web of Science tab-delimited export, UTF-8 with a BOM or UTF-16LE, bare quotes and all', async () => {
    const expected = [
      paper({
        title: 'bibliometrix: An R-tool for comprehensive science mapping analysis',
        abstract:
          'The use of bibliometrics is spreading across disciplines, and so-called "science mapping" needs ' +
          'software that is free, open and flexible. We present bibliometrix, an R package for quantitative ' +
          'research in scientometrics and bibliometrics. (C) 2017 Elsevier Ltd. All rights reserved.',
        authors: ['Massimo Aria', 'Corrado Cuccurullo'],
        year: 2017,
        doi: '10.1016/j.joi.2017.08.007',
        origin: 'savedrecs.txt:2',
      }),
      paper({
        title: '"Omics" in plant science: a bibliometric view of two decades',
        abstract:
          'We map twenty years of "omics" research in plant science. Co-word analysis of 12,000 records shows ' +
          'that genomics gave way to "multi-omics" integration after 2012.',
        authors: ['Anna Lindqvist', "Kevin O'Brien"],
        year: 2021,
        doi: '10.5555/psr.2021.0042',
        pmid: '33998877',
        origin: 'savedrecs.txt:3',
      }),
      // Early access: no PY, the early-access year EY; "[Anonymous]" is not an author.
      paper({
        title: 'Editorial: the year in review',
        year: 2024,
        doi: '10.5555/psr.2024.0001',
        origin: 'savedrecs.txt:4',
      }),
    ];
    for (const file of ['wos-tab-delimited.txt', 'wos-tab-delimited-utf16.txt']) {
      const result = await parseFiles([csvFixture(file, 'savedrecs.txt')]);
      expect(result.files[0]).toMatchObject({ format: 'tsv', records: 3, papers: 3, skipped: 0 });
      expect(result.papers).toEqual(expected);
      expect(messages(result)).toEqual([
        'papermap/parse: savedrecs.txt:4: record 3 "Editorial: the year in review" has no abstract; its title is its text',
      ]);
    }
  });

  it('reads an OpenAlex CSV export: display_name, "|"-separated authors, DOI and PMID as URLs', async () => {
    const result = await parseFiles([csvFixture('openalex-works.csv')]);
    expect(result.papers).toEqual([
      paper({
        title: 'bibliometrix : An R-tool for comprehensive science mapping analysis',
        authors: ['Massimo Aria', 'Corrado Cuccurullo'],
        year: 2017,
        doi: '10.1016/j.joi.2017.08.007',
        origin: 'openalex-works.csv:2',
      }),
      paper({
        title: 'Software survey: VOSviewer, a computer program for bibliometric mapping',
        abstract:
          'We present VOSviewer, a freely available computer program that we have developed for constructing ' +
          'and viewing bibliometric maps.',
        authors: ['Nees Jan van Eck', 'Ludo Waltman'],
        year: 2009,
        doi: '10.1007/s11192-009-0146-3',
        pmid: '20585380',
        origin: 'openalex-works.csv:3',
      }),
    ]);
  });

  it('reads a Zotero CSV export: "Abstract Note", "Family, Given; …" authors, the arXiv id from the URL', async () => {
    const result = await parseFiles([csvFixture('zotero-export.csv')]);
    expect(result.papers).toEqual([
      paper({
        title: 'bibliometrix: An R-tool for comprehensive science mapping analysis',
        abstract:
          'The use of bibliometrics is spreading across disciplines. We present bibliometrix, an R package for ' +
          'science mapping, and a workflow from data import to analysis.',
        authors: ['Massimo Aria', 'Corrado Cuccurullo'],
        year: 2017,
        url: 'https://www.sciencedirect.com/science/article/pii/S1751157717300500',
        doi: '10.1016/j.joi.2017.08.007',
        origin: 'zotero-export.csv:2',
      }),
      paper({
        title: 'Attention Is All You Need',
        abstract:
          'The dominant sequence transduction models are based on complex recurrent or convolutional neural ' +
          'networks. We propose a new simple network architecture, the Transformer, based solely on attention ' +
          'mechanisms.',
        authors: [
          'Ashish Vaswani',
          'Noam Shazeer',
          'Niki Parmar',
          'Jakob Uszkoreit',
          'Llion Jones',
          'Aidan N. Gomez',
          'Lukasz Kaiser',
          'Illia Polosukhin',
        ],
        year: 2017,
        url: 'http://arxiv.org/abs/1706.03762',
        doi: '10.48550/arXiv.1706.03762',
        arxiv: '1706.03762',
        origin: 'zotero-export.csv:3',
      }),
      paper({
        title: 'Global tuberculosis report 2023',
        authors: ['World Health Organization'],
        year: 2023,
        origin: 'zotero-export.csv:4',
      }),
    ]);
  });

  it('reads a semicolon-separated Excel sheet in Windows-1252, with a lone "Family, Given" author', async () => {
    const result = await parseFiles([csvFixture('excel-semicolon-1252.csv', 'Literatur.csv')]);
    expect(result.papers).toEqual([
      paper({
        title: 'Étude des réseaux de citation en économie',
        abstract: 'Nous étudions les réseaux de citation; la méthode repose sur le couplage bibliographique.',
        authors: ['Hélène Dupont', 'Jürgen Müller'],
        year: 2019,
        doi: '10.5555/rec.2019.17',
        origin: 'Literatur.csv:2',
      }),
      // A quoted cell over two lines (Excel's Alt+Enter) with doubled quotes inside.
      paper({
        title: 'Zitationsnetzwerke in der Soziologie',
        abstract: 'Eine "bibliometrische" Analyse über zwei Zeilen.',
        authors: ['Günter Weiß'],
        year: 2021,
        origin: 'Literatur.csv:3',
      }),
    ]);
    expect(messages(result)).toEqual([
      expect.stringMatching(/^papermap\/parse: Literatur\.csv:2: not UTF-8: read as Windows-1252/),
    ]);
  });
});

describe('other exports', () => {
  it('reads a SpringerLink CSV: "Item Title", "Item DOI", and authors run together', () => {
    const text =
      'Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,Publication Year,URL,Content Type\n' +
      '"Graph-Based Load Balancing Model for Exascale Computing Systems","ICSCCW-2021","","","",' +
      '"10.1007/978-3-030-92127-9_33","Araz R. AlievNigar T. Ismayilova","2022",' +
      '"http://link.springer.com/chapter/10.1007/978-3-030-92127-9_33","Chapter"\n' +
      '"Fuzzy Information Processing 2020","Lecture Notes","","","","10.1007/978-3-030-81561-5",' +
      '"Prof. Dr. Barnabás BedeMartine De CockSimon McIntosh-SmithDavid DeRoure","2022",' +
      '"http://link.springer.com/book/10.1007/978-3-030-81561-5","Book"\n';
    const result = parseCsv('SearchResults.csv', text);
    expect(result.papers.map((p) => [p.title, p.doi, p.authors, p.year])).toEqual([
      [
        'Graph-Based Load Balancing Model for Exascale Computing Systems',
        '10.1007/978-3-030-92127-9_33',
        ['Araz R. Aliev', 'Nigar T. Ismayilova'],
        2022,
      ],
      [
        'Fuzzy Information Processing 2020',
        '10.1007/978-3-030-81561-5',
        ['Barnabás Bede', 'Martine De Cock', 'Simon McIntosh-Smith', 'David DeRoure'],
        2022,
      ],
    ]);
  });

  it("drops JATS markup from abstracts and titles (Lens and OpenAlex pass Crossref's on)", () => {
    const text =
      '"Lens ID","Title","Publication Year","Author/s","Abstract","DOI"\n' +
      '"000-1","Orchids of <jats:italic>Benin</jats:italic>",2021,"Yasmine Abdoulaye; Coert Geldenhuys",' +
      '"<jats:p>Worldwide publications on orchids.</jats:p><jats:p>P&lt;0.05 for <jats:italic>all</jats:italic>.</jats:p>",' +
      '"10.5555/orchid"\n';
    const result = parseCsv('lens-export.csv', text);
    expect(result.papers[0]).toMatchObject({
      title: 'Orchids of Benin',
      abstract: 'Worldwide publications on orchids. P<0.05 for all.',
      authors: ['Yasmine Abdoulaye', 'Coert Geldenhuys'],
      year: 2021,
      doi: '10.5555/orchid',
    });
  });
});

describe('the arXiv metadata snapshot as CSV (data/eval/arxiv-2007-first2k.csv)', () => {
  const file = (): InputFile => ({
    name: 'arxiv-2007-first2k.csv',
    bytes: readBytes('data/eval/arxiv-2007-first2k.csv'),
  });

  it('reads all 2,000 records as papers, in reasonable time', async () => {
    const started = performance.now();
    const result = await parseFiles([file()]);
    const elapsed = performance.now() - started;
    expect(result.files[0]).toMatchObject({ format: 'csv', records: 2000, papers: 2000, skipped: 0 });
    expect(result.papers.every((p) => p.title !== '' && p.abstract !== '' && p.authors.length > 0)).toBe(
      true,
    );
    expect(elapsed).toBeLessThan(5000);
  });

  it('gives each record the line it starts on, its fields, accents decoded and affiliations dropped', async () => {
    const { papers } = await parseFiles([file()]);
    expect(papers.slice(0, 3).map((p) => p.origin)).toEqual([
      'arxiv-2007-first2k.csv:2',
      'arxiv-2007-first2k.csv:18',
      'arxiv-2007-first2k.csv:30',
    ]);
    expect(papers[0]).toMatchObject({
      title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
      authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
      // v1 was submitted on 2 Apr 2007 (`versions`); `update_date` says 11/26/2008.
      year: 2007,
      doi: '10.1103/PhysRevD.76.013009',
      arxiv: null,
    });
    expect(papers[0].abstract).toMatch(
      /^A fully differential calculation in perturbative quantum chromodynamics is presented/,
    );
    expect(papers[0].abstract).toMatch(/judicious selection of events\.$/);
    expect(papers[1].authors).toEqual(['Ileana Streinu', 'Louis Theran']);
    const mishchenko = papers.find((p) => p.authors.includes('A. S. Mishchenko'));
    expect(mishchenko?.authors).toEqual(['A. S. Mishchenko', 'N. Nagaosa']);
    const srámek = papers.find((p) => p.authors.some((name) => name.startsWith('Rastislav')));
    expect(srámek?.authors[0]).toBe('Rastislav Šrámek');
    expect(papers.some((p) => p.authors.some((name) => /[\\{}()]/.test(name)))).toBe(false);
  });

  it('reads a DOI wherever the doi column has one (the first, when errata follow), and no arXiv id from the mangled id column', async () => {
    const result = await parseFiles([file()]);
    // 1,316 of the 2,000 records have a doi (Python's csv module agrees); all of them are valid DOIs.
    const withDoi = result.papers.filter((p) => p.doi !== null);
    expect(withDoi).toHaveLength(1316);
    expect(withDoi.every((p) => normalizeDoi(p.doi ?? '') === p.doi)).toBe(true);
    expect(result.papers.find((p) => p.doi?.startsWith('10.1364/JOSAA.23.002578'))?.doi).toBe(
      '10.1364/JOSAA.23.002578',
    );
    expect(result.papers.every((p) => p.arxiv === null)).toBe(true);
    expect(messages(result)).toEqual([
      'papermap/parse: arxiv-2007-first2k.csv:1: the "id" column holds numbers such as "704.0001" rather than ' +
        'arXiv ids (a spreadsheet or script read "0704.0010" as the number 704.001?), so no arXiv ids were read from it',
    ]);
  });
});

describe('detection: content first, then the extension, or forced', () => {
  it('knows a CSV or a WoS tab-delimited file by its header, whatever it is called', async () => {
    const result = await parseFiles([
      csvFixture('scopus-export.csv', 'scopus.txt'),
      csvFixture('wos-tab-delimited.txt', 'savedrecs'),
      csvFixture('openalex-works.csv', 'works.tsv'),
      csvFixture('wos-tab-delimited.txt', 'savedrecs.csv'),
    ]);
    expect(result.files.map((report) => [report.format, report.papers])).toEqual([
      ['csv', 3],
      ['tsv', 3],
      ['csv', 2],
      ['tsv', 3],
    ]);
  });

  it('has signatures that need a header naming a title column', () => {
    expect(looksLikeCsv('"Authors","Title","Year"\n"A","B",2020\n')).toBe(true);
    expect(looksLikeCsv('Titel;Autoren\nx;y\n')).toBe(false);
    expect(looksLikeCsv('Title\nOnly one column\n')).toBe(false);
    expect(looksLikeCsv('Title,Notes\nA paper,mine\n')).toBe(false);
    expect(looksLikeCsv('PT\tAU\tTI\tPY\nJ\tDoe, J\tA title\t2020\n')).toBe(false);
    expect(looksLikeTsv('PT\tAU\tTI\tPY\nJ\tDoe, J\tA title\t2020\n')).toBe(true);
    expect(looksLikeTsv('Daily Papers\n\nA title, with a comma\n\nAn abstract.\n')).toBe(false);
    expect(detectFormat('page.txt', 'Title, and more\n\nAn abstract. It has sentences.\n')).toBe('hf-daily');
  });

  it('falls back on the extension, and then a file without a title column is an error naming its columns', async () => {
    const result = await parseFiles([
      input('refs.csv', 'Name,Description\nAlpha,First\n'),
      input('good.csv', 'Title,Year\nA paper,2020\n'),
    ]);
    expect(result.failed).toHaveLength(1);
    const error = result.failed[0];
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ file: 'refs.csv', line: 1 });
    expect(error.message).toBe(
      'papermap/parse: refs.csv:1: no title column: the first row (line 1, read as comma-separated) has the columns ' +
        '"Name", "Description"; a header row naming a title column is required, as one of Title, Article Title, TI, ' +
        'Document Title, display_name, Titles, Item Title (any case)',
    );
    expect(result.files.map((report) => [report.file, report.format, report.papers])).toEqual([
      ['refs.csv', null, 0],
      ['good.csv', 'csv', 1],
    ]);
  });

  it('reads a file in the format it is forced to', async () => {
    const tsv = 'Title\tYear\nA paper, with a comma\t2020\n';
    const forced = await parseFiles([input('list.txt', tsv)], { format: 'tsv' });
    expect(forced.papers.map((p) => [p.title, p.year])).toEqual([['A paper, with a comma', 2020]]);
    const asCsv = await parseFiles([input('list.txt', tsv)], { format: 'csv' });
    expect(asCsv.papers.map((p) => [p.title, p.year])).toEqual([['A paper, with a comma', 2020]]);
    const wrong = await parseFiles([input('list.csv', 'Title,Year\nA,2020\n')], { format: 'tsv' });
    expect(wrong.failed[0]?.message).toMatch(/read as tab-separated\) has the columns "Title,Year"/);
  });
});

describe('RFC 4180 and the ways spreadsheets write it', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks; origins are the line a record starts on', () => {
    const text =
      'Title,Authors,Year,Abstract\n' +
      '"Graphs, maps and ""clusters""","Doe, Jane; Roe, Rick",2020,"First line,\nsecond line\n\nafter a blank line"\n' +
      'Plain title,Solo Author,2021,Plain abstract\n';
    const result = parseCsv('quoted.csv', text);
    expect(result.papers).toEqual([
      paper({
        title: 'Graphs, maps and "clusters"',
        abstract: 'First line, second line after a blank line',
        authors: ['Jane Doe', 'Rick Roe'],
        year: 2020,
        origin: 'quoted.csv:2',
      }),
      paper({
        title: 'Plain title',
        abstract: 'Plain abstract',
        authors: ['Solo Author'],
        year: 2021,
        origin: 'quoted.csv:6',
      }),
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.notices).toEqual([]);
  });

  it('reads a BOM and CRLF line ends through decode, to the same papers', async () => {
    const bytes = readBytes('test/fixtures/parse/csv/scopus-export.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF"Authors"')).toBe(true);
    const crlf = new TextEncoder().encode(text.replace(/\n/g, '\r\n'));
    const noBom = new TextEncoder().encode(text.slice(1));
    const [a, b, c] = await Promise.all(
      [bytes, crlf, noBom].map((content) => parseFiles([input('scopus.csv', content)])),
    );
    expect(a.papers).toHaveLength(3);
    expect(b.papers).toEqual(a.papers);
    expect(c.papers).toEqual(a.papers);
  });

  it('detects ";" between fields, and honours an Excel "sep=" line', () => {
    const semicolons = parseCsv('eu.csv', 'Titel;Title;Year\nx;Ein Titel, mit Komma;2020\n');
    expect(semicolons.papers.map((p) => [p.title, p.year])).toEqual([['Ein Titel, mit Komma', 2020]]);
    const sep = parseCsv('sep.csv', 'sep=|\nTitle|Year\nPipes, commas; semicolons|2021\n');
    expect(sep.papers.map((p) => [p.title, p.year, p.origin])).toEqual([
      ['Pipes, commas; semicolons', 2021, 'sep.csv:3'],
    ]);
    expect(sep.notices).toHaveLength(1); // only "has no abstract"
  });

  it('ignores blank lines and rows of empty cells, trailing delimiters and a missing final line break', () => {
    const result = parseCsv('sheet.csv', 'Title,Year,\n\nFirst,2020,\n,,\n,,,\nSecond,2021,,');
    expect(result.papers.map((p) => [p.title, p.year, p.origin])).toEqual([
      ['First', 2020, 'sheet.csv:3'],
      ['Second', 2021, 'sheet.csv:6'],
    ]);
    expect(messages(result).filter((message) => !message.endsWith('its title is its text'))).toEqual([]);
  });

  it('reads missing values written as NA by R or pandas as empty', () => {
    const result = parseCsv('r.csv', 'Title,Abstract,DOI,PMID,Year\nA paper,An abstract.,NA,NaN,2020\n');
    expect(result.papers[0]).toMatchObject({ doi: null, pmid: null, year: 2020 });
    expect(result.notices).toEqual([]);
  });

  it('leaves preamble lines before the header out, with a notice (Dimensions writes one)', () => {
    const text =
      '"About the data: Exported on Mar 03, 2024. Criteria: ""citation networks"" in title and abstract."\n' +
      '"Rank","Publication ID","DOI","PMID","Title","Abstract","PubYear","Authors"\n' +
      '"1","pub.1000000001","10.5555/dim.1","","Citation networks","An abstract.","2023","Aria, Massimo; Doe, Jane"\n';
    const result = parseCsv('dimensions.csv', text);
    expect(result.papers).toEqual([
      paper({
        title: 'Citation networks',
        abstract: 'An abstract.',
        authors: ['Massimo Aria', 'Jane Doe'],
        year: 2023,
        doi: '10.5555/dim.1',
        origin: 'dimensions.csv:3',
      }),
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: dimensions.csv:1: line 1 before the header row (line 2) was left out: "About the data: ' +
        'Exported on Mar 03, 2024. Criteria: "citati…"',
    ]);
  });

  it('reads two Web of Science exports joined with cat, each with its BOM and header, as one', () => {
    const first = 'PT\tAU\tTI\tPY\tUT\nJ\tDoe, J\tFirst\t2020\tWOS:1\t\n';
    const second = '\uFEFFPT\tAF\tTI\tAB\tPY\tUT\nJ\tRoe, Rick\tSecond\tAn abstract.\t2021\tWOS:2\t\n';
    const result = parseTsv('joined.txt', first + second);
    expect(result.papers.map((p) => [p.title, p.authors, p.abstract, p.year, p.origin])).toEqual([
      ['First', ['J Doe'], '', 2020, 'joined.txt:2'],
      ['Second', ['Rick Roe'], 'An abstract.', 2021, 'joined.txt:4'],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reads on by the new header when exports were joined together, header and all', () => {
    const text = 'Title,Year\nFirst,2020\n\uFEFFTitle,Abstract,Year\nSecond,An abstract.,2021\n';
    const result = parseCsv('joined.csv', text);
    expect(result.papers.map((p) => [p.title, p.abstract, p.year])).toEqual([
      ['First', '', 2020],
      ['Second', 'An abstract.', 2021],
    ]);
    expect(messages(result)).toContain(
      'papermap/parse: joined.csv:3: line 3 is a header row again (exports joined together?); the rows after it are read by its columns',
    );
  });
});

describe('TSV: Web of Science quoting, and spreadsheets that quote', () => {
  it('does not let bare quotes in Web of Science fields swallow the lines after them', () => {
    const text =
      'PT\tAU\tTI\tAB\tPY\tUT\n' +
      'J\tDoe, J\t"Big data" meets bibliometrics\tAn abstract with a "quote\t2020\tWOS:1\t\n' +
      'J\tRoe, R\tSecond\tAnother "one" here\t2021\tWOS:2\t\n' +
      'J\tPoe, E\t"\tA title that is one quote\t2022\tWOS:3\t\n';
    const result = parseTsv('savedrecs.txt', text);
    expect(result.papers.map((p) => [p.title, p.abstract, p.authors, p.year, p.origin])).toEqual([
      ['"Big data" meets bibliometrics', 'An abstract with a "quote', ['J Doe'], 2020, 'savedrecs.txt:2'],
      ['Second', 'Another "one" here', ['R Roe'], 2021, 'savedrecs.txt:3'],
      ['"', 'A title that is one quote', ['E Poe'], 2022, 'savedrecs.txt:4'],
    ]);
    expect(result.notices).toEqual([]);
  });

  it('reads quoted cells over several lines when that is what makes the rows fit (Excel, pandas)', () => {
    const text =
      'Title\tAbstract\tYear\n"Multi-line"\t"First line\nsecond ""quoted"" line"\t2020\nNext\tPlain\t2021\n';
    const result = parseTsv('sheet.tsv', text);
    expect(result.papers.map((p) => [p.title, p.abstract, p.year, p.origin])).toEqual([
      ['Multi-line', 'First line second "quoted" line', 2020, 'sheet.tsv:2'],
      ['Next', 'Plain', 2021, 'sheet.tsv:4'],
    ]);
  });
});

describe('malformed input: every good record kept, every problem told with its line', () => {
  it('reports a record cut short by the end of the file (an unclosed quote), keeping those before it', async () => {
    const result = await parseFiles([csvFixture('arxiv-cut-short.csv')]);
    expect(result.papers.map((p) => p.origin)).toEqual(['arxiv-cut-short.csv:2', 'arxiv-cut-short.csv:18']);
    expect(result.skipped).toEqual([
      {
        origin: 'arxiv-cut-short.csv:30',
        title: 'The evolution of the Earth-Moon system based on the dark matter field fluid model',
        reason:
          'record 3: the quote at line 31, column 57 that opens its "abstract" field (the field begins "The ' +
          'evolution of Earth-Moon s…") is never closed, so lines 30–33, to the end of the file, could not be ' +
          'read as records (is the file cut short, or a closing quote missing?)',
      },
    ]);
    expect(result.files[0]).toMatchObject({ records: 3, papers: 2, skipped: 1 });
  });

  it('reads on after an unclosed quote where records read cleanly again, and repairs a stray quote', async () => {
    const result = await parseFiles([csvFixture('spreadsheet-unclosed-quote.csv', 'sheet.csv')]);
    expect(result.papers.map((p) => [p.title, p.year, p.origin])).toEqual([
      ['Alpha: a first paper', 2020, 'sheet.csv:2'],
      ['"Beta" testing of citation tools', 2021, 'sheet.csv:3'],
      ['Gamma rays and citations', 2022, 'sheet.csv:4'],
      ['Epsilon after the damage', 2024, 'sheet.csv:7'],
      ['Zeta at the end', 2025, 'sheet.csv:8'],
    ]);
    expect(result.papers[2].abstract).toBe('A quoted abstract, with a comma.');
    expect(result.skipped).toEqual([
      {
        origin: 'sheet.csv:5',
        title: 'Delta: the broken one',
        reason:
          'record 4: the quote at column 42 that opens its "Abstract" field (the field begins "An abstract over ' +
          'two lines") is never closed, so lines 5–6 could not be read as records; reading went on at ' +
          'line 7, where records read cleanly again',
      },
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: sheet.csv:3: record 2: the quote at column 1 opens its "Title" field but does not close it ' +
        '(the field begins "Beta" testing of citation too…"); it was read as a quote character, and reading went on ' +
        'from the next line',
    ]);
  });

  it('keeps quotes that are not doubled inside a quoted field as text, with a notice', () => {
    const result = parseCsv('q.csv', 'Title,Year\n"He said "hi" to me",2020\nNext,2021\n');
    expect(result.papers.map((p) => [p.title, p.year])).toEqual([
      ['He said "hi" to me', 2020],
      ['Next', 2021],
    ]);
    expect(messages(result)).toContain(
      'papermap/parse: q.csv:2: record 1: the quoted field at column 1 holds quotes that are not doubled (the field ' +
        'begins "He said "hi" to me",2020"); they were kept as part of its text',
    );
  });

  it('keeps rows with too many or too few fields when they reach the title, and skips empty titles with their line', () => {
    const text =
      'Title,Year,Abstract\n' +
      'Complete,2020,Fine\n' +
      'Too few,2021\n' +
      'Too, many,2022,Shifted\n' +
      ',2023,Only an abstract\n' +
      ',,\n' +
      'Last,2024,End\n';
    const result = parseCsv('fields.csv', text);
    expect(result.papers.map((p) => [p.title, p.year, p.abstract, p.origin])).toEqual([
      ['Complete', 2020, 'Fine', 'fields.csv:2'],
      ['Too few', 2021, '', 'fields.csv:3'],
      // "many" is no year: the year is looked for one field further on, where the extra field put it.
      ['Too', 2022, '2022', 'fields.csv:4'],
      ['Last', 2024, 'End', 'fields.csv:7'],
    ]);
    expect(result.skipped).toEqual([
      { origin: 'fields.csv:5', title: null, reason: 'no title (record 4 has only an abstract)' },
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: fields.csv:3: record 2 "Too few" has no abstract; its title is its text',
      'papermap/parse: fields.csv:3: record 2 has 2 fields where the header (line 1) has 3; the missing fields were read as empty',
      'papermap/parse: fields.csv:4: record 3 has 4 fields where the header (line 1) has 3; the fields were read from ' +
        'the start, and ids and years that are not valid there from the end (a column the header lacks, such as ' +
        "Scopus's second funding text, or a delimiter inside a field that is not quoted?)",
    ]);
  });

  it('tells of many rows with the same extra field once, and finds their ids past it (Scopus funding texts)', () => {
    const header = '"Authors","Title","Year","Funding Texts","DOI","PubMed ID","Source"';
    const row = (n: number, extra: boolean) =>
      `"Doe J.","Paper ${n}",${2000 + n},"Funded by A"${extra ? ',"Funded by B"' : ''},"10.5555/p${n}","${1000 + n}","Scopus"`;
    const lines = [header, row(1, false), ...Array.from({ length: 12 }, (_, i) => row(i + 2, true))];
    const result = parseCsv('scopus.csv', `${lines.join('\n')}\n`);
    expect(result.papers).toHaveLength(13);
    // The DOI and the PMID come after the extra field: read from the end, where they are valid.
    expect(result.papers.map((p) => [p.doi, p.pmid])).toEqual(
      Array.from({ length: 13 }, (_, i) => [`10.5555/p${i + 1}`, `${1001 + i}`]),
    );
    expect(messages(result).filter((message) => !message.endsWith('its title is its text'))).toEqual([
      'papermap/parse: scopus.csv:3: 12 records have 8 fields where the header (line 1) has 7 (lines 3, 4, 5, 6, 7, ' +
        '8, 9, 10, 11, 12 and 2 more); the fields were read from the start, and ids and years that are not valid ' +
        "there from the end (a column the header lacks, such as Scopus's second funding text, or a delimiter inside " +
        'a field that is not quoted?)',
    ]);
  });

  it('skips a row that ends before the title column', () => {
    const result = parseCsv('short.csv', 'Year,Abstract,Title\n2020\n2021,An abstract.,A title\n');
    expect(result.papers.map((p) => p.title)).toEqual(['A title']);
    expect(result.skipped).toEqual([
      {
        origin: 'short.csv:2',
        title: null,
        reason: 'record 1 has 1 field where the header (line 1) has 3: it ends before the "Title" column',
      },
    ]);
  });

  it('says that a header-only file has no records, and an empty file is empty', async () => {
    const result = await parseFiles([input('header.csv', '"Title","Abstract"\r\n'), input('empty.csv', '')]);
    expect(result.papers).toEqual([]);
    expect(messages(result)).toEqual([
      'papermap/parse: header.csv:1: the header row (line 1) is followed by no records',
      'papermap/parse: header.csv: no papers found (read as csv)',
      'papermap/parse: empty.csv: the file is empty (0 bytes); no papers read',
    ]);
  });
});

describe('field readers', () => {
  it.each([
    ['Liu F.; Li C.; Sa-Ambo J.M.', ';', ['F. Liu', 'C. Li', 'J.M. Sa-Ambo']],
    ['Phillips J.C., Braun R., Kalé L.', 'any', ['J.C. Phillips', 'R. Braun', 'L. Kalé']],
    ['Smith, J., Doe, A.-B.', 'any', ['J. Smith', 'A.-B. Doe']],
    ['Smith J, Doe AB, Roe R.', 'any', ['J Smith', 'AB Doe', 'R. Roe']],
    ['Liu, Fengyuan (60410297700); Li, Chunyun (58862216200)', ';', ['Fengyuan Liu', 'Chunyun Li']],
    ['Weiß, Günter', ';', ['Günter Weiß']],
    ['Weiß, Günter', 'any', ['Günter Weiß']],
    ['Massimo Aria|Corrado Cuccurullo', '|', ['Massimo Aria', 'Corrado Cuccurullo']],
    ["C. Bal\\'azs, E. L. Berger and C.-P. Yuan", 'any', ['C. Balázs', 'E. L. Berger', 'C.-P. Yuan']],
    ['A. B. Lee (Oxford), C. Day (1 and 2) ((1) MIT, (2) CERN)', 'any', ['A. B. Lee', 'C. Day']],
    ['Nguyen Van A; John Smith', ';', ['Nguyen Van A', 'John Smith']],
    ['[Anonymous]', ';', []],
    ['Smith J., et al.', 'any', ['J. Smith']],
  ] as const)('readAuthors(%j, %j)', (cell, names, expected) => {
    expect(readAuthors(cell, names)).toEqual(expected);
  });

  it.each([
    ["Bal\\'azs", 'Balázs'],
    ['{\\"o}', 'ö'],
    ["\\'{e}t\\'{e}", 'été'],
    ['Mikkel {\\O}bro', 'Mikkel Øbro'],
    ["Rastislav \\v{S}r\\'amek", 'Rastislav Šrámek'],
    ['Fran\\c{c}ois, Ma\\~nana, Stra\\ss e', 'François, Mañana, Straße'],
    ["\\'{\\i}", 'í'],
    ['\\L ukasz', 'Łukasz'],
    [
      '$\\Lambda_{\\alpha}$ and $\\vec{v} \\in \\mathbb{R}$, \\ell',
      '$\\Lambda_{\\alpha}$ and $\\vec{v} \\in \\mathbb{R}$, \\ell',
    ],
    ['no commands', 'no commands'],
  ])('decodeLatexAccents(%j)', (text, expected) => {
    expect(decodeLatexAccents(text)).toBe(expected);
  });

  it.each([
    ['Smith, J., Doe, A.', ['Smith, J.', 'Doe, A.']],
    ['Smith, J.', ['Smith, J.']],
    ['van Eck, Nees Jan', ['van Eck, Nees Jan']],
    ['Jane Doe, John Smith', ['Jane Doe', 'John Smith']],
    ['A, B and C', ['A', 'B', 'C']],
    ['Anderson & Andrews', ['Anderson', 'Andrews']],
    ['Anderson and Andrews', ['Anderson', 'Andrews']],
  ])('splitAuthors(%j)', (list, expected) => {
    expect(splitAuthors(list)).toEqual(expected);
  });
});
