/**
 * The JSON family's record shapes and saved API responses: the arXiv metadata snapshot, OpenAlex,
 * Semantic Scholar, CSL-JSON (Zotero), Crossref; how a response's list is found; malformed input.
 * Syntax errors and the generic record shape are in `json-syntax.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { stripMarkup } from '../../../src/core/parse/fields';
import { detectFormat, ParseError, parseFiles } from '../../../src/core/parse/index';
import { parseJsonArray, parseJsonLines, scanJson } from '../../../src/core/parse/json';
import type { Paper } from '../../../src/core/types';
import { fixture, input, messages, paper, readBytes } from './helpers';

/** A paper as the parser should give it: every field not named is empty. */
const text = (name: string): string => new TextDecoder().decode(readBytes(`test/fixtures/parse/${name}`));
/** The one paper a JSON value gives. */
const one = (value: unknown): Paper => {
  const result = parseJsonArray('one.json', JSON.stringify(value));
  expect(result.skipped).toEqual([]);
  expect(result.papers).toHaveLength(1);
  return result.papers[0];
};

describe('json: the arXiv metadata snapshot (JSON Lines)', async () => {
  const file = 'json/arxiv-snapshot.jsonl';
  const result = await parseFiles([fixture(file)]);
  const abstractStart = (p: Paper) => p.abstract.slice(0, 60);

  it('reads every record: authors from authors_parsed, the year of the first version, DOI and arXiv id', () => {
    expect(result.files[0]).toMatchObject({ format: 'jsonl', records: 5, papers: 5, skipped: 0 });
    expect(result.papers.map((p) => ({ ...p, abstract: abstractStart(p) }))).toEqual([
      paper(`${file}:1`, {
        title: 'Calculation of prompt diphoton production cross sections at Tevatron and LHC energies',
        abstract: 'A fully differential calculation in perturbative quantum chr',
        authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C.-P. Yuan'],
        year: 2007,
        doi: '10.1103/PhysRevD.76.013009',
        arxiv: '0704.0001',
        url: 'https://arxiv.org/abs/0704.0001',
      }),
      paper(`${file}:2`, {
        title: 'Sparsity-certifying Graph Decompositions',
        abstract: 'We describe a new algorithm, the $(k,\\ell)$-pebble game with',
        authors: ['Ileana Streinu', 'Louis Theran'],
        year: 2007,
        arxiv: '0704.0002',
        url: 'https://arxiv.org/abs/0704.0002',
      }),
      paper(`${file}:3`, {
        title: 'An algorithm for the classification of smooth Fano polytopes',
        abstract: 'We present an algorithm that produces the classification lis',
        authors: ['Mikkel Øbro'],
        year: 2007,
        arxiv: '0704.0049',
        url: 'https://arxiv.org/abs/0704.0049',
      }),
      paper(`${file}:4`, {
        title: 'On-line Viterbi Algorithm and Its Relationship to Random Walks',
        abstract: 'In this paper, we introduce the on-line Viterbi algorithm fo',
        authors: ['Rastislav Šrámek', 'Broňa Brejová', 'Tomáš Vinař'],
        year: 2007,
        doi: '10.1007/978-3-540-74126-8_23',
        arxiv: '0704.0062',
        url: 'https://arxiv.org/abs/0704.0062',
      }),
      paper(`${file}:5`, {
        title: 'Effective potentials for quasicrystals from ab-initio data',
        abstract: 'Classical effective potentials are indispensable for any lar',
        authors: ['Peter Brommer', 'Franz Gähler'],
        year: 2007,
        doi: '10.1080/14786430500333349',
        arxiv: '0704.0163',
        url: 'https://arxiv.org/abs/0704.0163',
      }),
    ]);
    expect(result.notices).toEqual([]);
  });

  it('reads the LaTeX `authors` string to the same names when authors_parsed is absent', () => {
    const lines = text(file).trim().split('\n');
    const withoutParsed = lines
      .map((line) => {
        const { authors_parsed: _parsed, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(rest);
      })
      .join('\n');
    const fromStrings = parseJsonLines(file, withoutParsed);
    expect(fromStrings.papers.map((p) => p.authors)).toEqual(result.papers.map((p) => p.authors));
  });

  it('takes the year from the id, then update_date, when there are no versions', () => {
    const record = (id: string, extra: object) => ({
      id,
      title: 'T',
      abstract: 'A.',
      authors: 'A. Author',
      ...extra,
    });
    const years = parseJsonLines(
      'a.jsonl',
      [
        record('2101.00001', { update_date: '2023-05-01' }),
        record('hep-th/9901001', { update_date: '2008-11-13' }),
        record('not-an-id', { update_date: '2008-11-13' }),
        record('1501.00001', { versions: [{ version: 'v1', created: 'Wed, 31 Dec 2014 21:00:00 GMT' }] }),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    expect(years.papers.map((p) => [p.arxiv, p.year, p.url])).toEqual([
      ['2101.00001', 2021, 'https://arxiv.org/abs/2101.00001'],
      ['hep-th/9901001', 1999, 'https://arxiv.org/abs/hep-th/9901001'],
      [null, 2008, null],
      ['1501.00001', 2014, 'https://arxiv.org/abs/1501.00001'],
    ]);
  });

  it('skips a truncated line with its line and column and keeps every other record', async () => {
    const lines = text(file).split('\n');
    lines[2] = lines[2].slice(0, 200);
    const cut = await parseFiles([input('cut.jsonl', lines.join('\n'))]);
    expect(cut.papers.map((p) => [p.origin, p.arxiv])).toEqual([
      ['cut.jsonl:1', '0704.0001'],
      ['cut.jsonl:2', '0704.0002'],
      ['cut.jsonl:4', '0704.0062'],
      ['cut.jsonl:5', '0704.0163'],
    ]);
    expect(cut.skipped).toEqual([
      {
        origin: 'cut.jsonl:3',
        title: 'An algorithm for the classification of smooth Fano polytopes',
        reason: 'invalid JSON: unexpected end of the data (record 3, column 201)',
      },
    ]);
  });
});

describe('json: an OpenAlex API response', async () => {
  const file = 'json/openalex-works.json';
  const result = await parseFiles([fixture(file)]);
  const stateOfOa =
    'Despite growing interest in Open Access (OA) to scholarly literature, there is an unmet need for large-scale, ' +
    'up-to-date, and reproducible studies assessing the prevalence and characteristics of OA. We address this need ' +
    'using oaDOI, an open online service that determines OA status for 67 million articles. We use three samples, ' +
    'each of 100,000 articles, to investigate OA in three populations: (1) all journal articles assigned a Crossref ' +
    'DOI, (2) recent journal articles indexed in Web of Science, and (3) articles viewed by users of Unpaywall, an ' +
    'open-source browser extension that lets users find OA articles using oaDOI. We estimate that at least 28% of ' +
    'the scholarly literature is OA (19M in total) and that this proportion is growing, driven particularly by ' +
    'growth in Gold and Hybrid.';
  const attention =
    'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in ' +
    'an encoder-decoder configuration. The best performing models also connect the encoder and decoder through an ' +
    'attention mechanism. We propose a new simple network architecture, the Transformer, based solely on attention ' +
    'mechanisms, dispensing with recurrence and convolutions entirely.';
  const expected = [
    paper(`${file}:10`, {
      title: 'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles',
      abstract: stateOfOa,
      authors: [
        'Heather Piwowar',
        'Jason Priem',
        'Vincent Larivière',
        'Juan Pablo Alperin',
        'Lisa Matthias',
        'Bree Norlander',
        'Ashley Farley',
        'Jevin D. West',
        'Stefanie Haustein',
      ],
      year: 2018,
      doi: '10.7717/peerj.4375',
      pmid: '29456894',
      url: 'https://doi.org/10.7717/peerj.4375',
    }),
    paper(`${file}:575`, {
      title: 'Attention is All you Need',
      abstract: attention,
      authors: [
        'Ashish Vaswani',
        'Noam Shazeer',
        'Niki Parmar',
        'Jakob Uszkoreit',
        'Llion Jones',
        'Aidan N. Gomez',
        'Łukasz Kaiser',
        'Illia Polosukhin',
      ],
      year: 2017,
      arxiv: '1706.03762',
      url: 'https://papers.nips.cc/paper/7181-attention-is-all-you-need',
    }),
    paper(`${file}:955`, {
      title: 'PROTEIN MEASUREMENT WITH THE FOLIN PHENOL REAGENT',
      authors: ['Oliver H. Lowry', 'Nira J. Rosebrough', 'A. Lewis Farr', 'Rose J. Randall'],
      year: 1951,
      doi: '10.1016/s0021-9258(19)52451-6',
      pmid: '14907713',
      url: 'https://doi.org/10.1016/s0021-9258(19)52451-6',
    }),
  ];

  it('rebuilds abstracts from the inverted index and reads authors, year, ids and the arXiv location', () => {
    expect(result.files[0]).toMatchObject({ format: 'json', records: 3, papers: 3, skipped: 0 });
    expect(result.papers).toEqual(expected);
  });

  it('keeps a work whose abstract_inverted_index is null, with the no-abstract notice, and says the file is one page', () => {
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:1: the response holds 3 of the 1374 papers its query found ("meta.count"); ` +
        'the others are on its further pages, not in this file',
      `papermap/parse: ${file}:955: record 3 "PROTEIN MEASUREMENT WITH THE FOLIN PHENOL REAGENT" has no abstract; ` +
        'its title is its text',
    ]);
  });

  it('reads the same papers from the response as the API sends it (one line), with columns', async () => {
    const minified = JSON.stringify(JSON.parse(text(file)));
    const again = await parseFiles([input('works.json', minified)]);
    const columns = ['W2741809807', 'W2963403868', 'W1775749144'].map(
      (id) => minified.indexOf(`{"id":"https://openalex.org/${id}"`) + 1,
    );
    expect(again.papers).toEqual(expected.map((p, i) => ({ ...p, origin: `works.json:1:${columns[i]}` })));
  });

  it('places words at their positions, closing gaps, keeping words that share a position, leaving out bad ones', () => {
    const work = {
      id: 'https://openalex.org/W1',
      display_name: 'Gaps',
      abstract_inverted_index: {
        world: [2, 7],
        Hello: [0],
        again: [9],
        twice: [7],
        bad: [-1, 1.5, 'x'],
        none: null,
      },
    };
    const result = parseJsonArray('w.json', JSON.stringify(work));
    expect(result.papers[0].abstract).toBe('Hello world world twice again');
    expect(messages(result)).toEqual([
      'papermap/parse: w.json:1: record 1 "Gaps" has 4 word(s) in "abstract_inverted_index" without a valid ' +
        'position; they were left out',
    ]);
    expect(
      one({ ...work, abstract_inverted_index: { IndexLength: 2, InvertedIndex: { b: [1], a: [0] } } })
        .abstract,
    ).toBe('a b');
    const notIndex = parseJsonArray(
      'w.json',
      JSON.stringify({ ...work, abstract_inverted_index: 'Hello world' }),
    );
    expect(notIndex.papers[0].abstract).toBe('');
    expect(messages(notIndex)).toEqual([
      'papermap/parse: w.json:1: record 1 "Gaps" has no abstract; its title is its text',
      'papermap/parse: w.json:1: record 1 "Gaps" has "abstract_inverted_index" as a string, not words with ' +
        'positions; no abstract read',
    ]);
  });

  it('falls back to raw_author_name and title, drops JATS from titles, and keeps a work whose authors it cannot read', () => {
    expect(
      one({
        id: 'https://openalex.org/W2',
        title: 'The <i>E. coli</i> genome',
        publication_date: '1997-09-05',
        authorships: [{ author: { display_name: null }, raw_author_name: 'F. R. Blattner' }],
      }),
    ).toEqual(
      paper('one.json:1', {
        title: 'The E. coli genome',
        authors: ['F. R. Blattner'],
        year: 1997,
        url: 'https://openalex.org/W2',
      }),
    );
    const oddSource = JSON.stringify([
      { display_name: 'Authors as a string', authorships: 'A. Author' },
      {
        display_name: 'Authors in another shape',
        authorships: [{ name: 'A. Author' }, { author: { display_name: 'B' } }],
      },
    ]);
    const odd = parseJsonArray('odd.json', oddSource);
    const second = oddSource.indexOf('{"display_name":"Authors in another shape"') + 1;
    expect(odd.papers.map((p) => [p.title, p.authors])).toEqual([
      ['Authors as a string', []],
      ['Authors in another shape', ['B']],
    ]);
    expect(messages(odd).filter((m) => m.includes('authorships'))).toEqual([
      'papermap/parse: odd.json:1:2: record 1 "Authors as a string" has "authorships" as a string, not a list of ' +
        'authors; it is kept without authors',
      `papermap/parse: odd.json:1:${second}: record 2 "Authors in another shape" has 1 of 2 ` +
        '"authorships" entries in a shape papermap does not read (an object with the keys "name"); they were left out',
    ]);
  });

  it('skips OpenAlex entities that are not works, and a work without a title', () => {
    const result = parseJsonArray(
      'authors.json',
      JSON.stringify({
        meta: { count: 2 },
        results: [
          { id: 'https://openalex.org/A5023888391', display_name: 'Jason Priem', works_count: 60 },
          { id: 'https://openalex.org/W3', display_name: null, title: null, publication_year: 2020 },
        ],
      }),
    );
    expect(result.papers).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'not a paper (record 1 is an OpenAlex author, https://openalex.org/A5023888391)',
      'no title (record 2: "display_name" is null, "title" is null)',
    ]);
  });
});

describe('json: a Semantic Scholar API response', async () => {
  const file = 'json/semantic-scholar-search.json';
  const source = text(file);
  const result = await parseFiles([fixture(file)]);
  const at = (paperId: string) => `${file}:1:${source.indexOf(`{"paperId": "${paperId}"`) + 1}`;

  it('reads title, abstract, year, authors, url and the DOI, arXiv and PubMed ids', () => {
    expect(result.papers.map((p) => ({ ...p, abstract: p.abstract.slice(0, 40) }))).toEqual([
      paper(at('331f0fb3b6176c6e463e0401025b04f6ace9ccd3'), {
        title: 'Neural Variational Inference and Learning in Belief Networks',
        abstract: 'Highly expressive directed latent variab',
        authors: ['A. Mnih', 'Karol Gregor'],
        year: 2014,
        arxiv: '1402.0030',
        url: 'https://www.semanticscholar.org/paper/331f0fb3b6176c6e463e0401025b04f6ace9ccd3',
      }),
      paper(at('c22dd72b4acf93d1b3304f12d2cdcb6cb0cbc163'), {
        title: 'Artificial intelligence, human cognition, and conscious supremacy',
        abstract: 'The computational significance of consci',
        authors: ['Ken Mogi'],
        year: 2024,
        doi: '10.3389/fpsyg.2024.1364714',
        pmid: '38807956',
        url: 'https://www.semanticscholar.org/paper/c22dd72b4acf93d1b3304f12d2cdcb6cb0cbc163',
      }),
      paper(at('619922f86647f431ab4e105683f1780605dd745d'), {
        title:
          'The Journey/DAO/TAO of Embodied Intelligence: From Large Models to Foundation Intelligence and Parallel Intelligence',
        authors: [
          'Tianyu Shen',
          'Jinlin Sun',
          'Shihan Kong',
          'Yutong Wang',
          'Juanjuan Li',
          'Xuan Li',
          'Fei-Yue Wang',
        ],
        year: 2024,
        doi: '10.1109/jas.2024.124407',
        url: 'https://www.semanticscholar.org/paper/619922f86647f431ab4e105683f1780605dd745d',
      }),
      paper(at('2d5673caa9e6af3a7b82a43f19ee920992db07ad'), {
        title: 'Computing Machinery and Intelligence',
        abstract: 'I propose to consider the question, “Can',
        authors: ['A. Turing'],
        year: 1950,
        doi: '10.1093/MIND/LIX.236.433',
        url: 'https://www.semanticscholar.org/paper/2d5673caa9e6af3a7b82a43f19ee920992db07ad',
      }),
    ]);
  });

  it('keeps the paper whose abstract is null and says the file is one page of the search', () => {
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:1: the response holds 4 of the 70499 papers its query found ("total"); ` +
        'the others are on its further pages, not in this file',
      `papermap/parse: ${at('619922f86647f431ab4e105683f1780605dd745d')}: record 3 "The Journey/DAO/TAO of ` +
        'Embodied Intelligence: From Large Models to Foundation I…" has no abstract; its ' +
        'title is its text',
    ]);
  });

  it('reads batch (with null for ids not found), citations, recommendations and the bulk datasets', () => {
    const s2 = {
      paperId: 'p1',
      title: 'A paper',
      abstract: 'Text.',
      year: 2020,
      authors: [{ authorId: '1', name: 'A. B' }],
    };
    const batch = parseJsonArray('batch.json', `[null, ${JSON.stringify(s2)}]`);
    expect(batch.papers.map((p) => [p.origin, p.title, p.url])).toEqual([
      ['batch.json:1:8', 'A paper', 'https://www.semanticscholar.org/paper/p1'],
    ]);
    expect(batch.skipped).toEqual([
      { origin: 'batch.json:1:2', title: null, reason: 'not an object (record 1 is null)' },
    ]);

    const citations = parseJsonArray(
      'citations.json',
      JSON.stringify({ offset: 0, data: [{ citingPaper: s2 }, { citedPaper: { ...s2, title: 'Cited' } }] }),
    );
    expect(citations.papers.map((p) => p.title)).toEqual(['A paper', 'Cited']);
    const recommended = parseJsonArray('rec.json', JSON.stringify({ recommendedPapers: [s2] }));
    expect(recommended.papers.map((p) => p.authors)).toEqual([['A. B']]);

    const dataset = parseJsonLines(
      'papers.jsonl',
      JSON.stringify({
        corpusid: 14636783,
        externalids: { DOI: '10.1093/MIND/LIX.236.433', ArXiv: null, PubMed: null, CorpusId: '14636783' },
        url: 'https://www.semanticscholar.org/paper/2d5673caa9e6af3a7b82a43f19ee920992db07ad',
        title: 'Computing Machinery and Intelligence',
        authors: [{ authorId: '2262347', name: 'A. Turing' }],
        year: null,
        publicationdate: '1950-10-01',
      }),
    );
    expect(dataset.papers[0]).toMatchObject({
      doi: '10.1093/MIND/LIX.236.433',
      year: 1950,
      authors: ['A. Turing'],
    });
  });
});

describe('json: a CSL-JSON file as Zotero exports it', async () => {
  const file = 'json/zotero-csl.json';
  const result = await parseFiles([fixture(file)]);

  it('reads authors in order and the year of every item (they used to come through empty)', () => {
    expect(result.files[0]).toMatchObject({ format: 'json', records: 7, papers: 7, skipped: 0 });
    expect(result.papers.every((p) => p.authors.length > 0 && p.year !== null)).toBe(true);
  });

  it('reads title, abstract, names with particles, suffixes and literals, dates, DOI, URL, PMID and arXiv ids', () => {
    const short = (p: Paper) => ({ ...p, abstract: p.abstract.slice(0, 40) });
    expect(result.papers.map(short)).toEqual([
      paper(`${file}:2`, {
        title:
          'Salmon lice biology, environmental factors, and smolt behaviour with implications for the Norwegian ' +
          'salmon farming management system: A critical review',
        abstract: 'In 2017, a new regulatory management sys',
        authors: ['Solveig van Nes', 'Albert Kjartan Dagbjartarson Imsland', 'Simon R. M. Jones'],
        year: 2024,
        doi: '10.1111/raq.12953',
        url: 'https://onlinelibrary.wiley.com/doi/abs/10.1111/raq.12953',
      }),
      paper(`${file}:51`, {
        title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
        abstract: 'We introduce a new language representati',
        authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
        year: 2018,
        doi: '10.48550/arXiv.1810.04805',
        arxiv: '1810.04805',
        url: 'http://arxiv.org/abs/1810.04805',
      }),
      paper(`${file}:100`, {
        title: 'A Model For Polarised Microwave Foreground Emission From Interstellar Dust',
        abstract: 'The upcoming generation of cosmic microw',
        authors: ["D. T. O'Dea", 'C. N. Clark', 'C. R. Contaldi', 'C. J. MacTavish'],
        year: 2012,
        doi: '10.1111/j.1365-2966.2011.19851.x',
        arxiv: '1107.4612',
      }),
      paper(`${file}:141`, {
        title: 'Protein measurement with the Folin phenol reagent',
        authors: ['O. H. Lowry', 'N. J. Rosebrough', 'A. L. Farr', 'R. J. Randall'],
        year: 1951,
        doi: '10.1016/S0021-9258(19)52451-6',
        pmid: '14907713',
      }),
      paper(`${file}:180`, {
        title: 'The Complete Genome Sequence of Escherichia coli K-12',
        abstract: 'The 4,639,221-base pair sequence of Esch',
        authors: ['Frederick R. Blattner', 'Guy Plunkett', 'Craig A. Bloch'],
        year: 1997,
        doi: '10.1126/science.277.5331.1453',
      }),
      paper(`${file}:216`, {
        title: "Why We Can't Wait",
        authors: ['Martin Luther King Jr.'],
        year: 1964,
      }),
      paper(`${file}:239`, {
        title: 'World report on ageing and health',
        authors: ['World Health Organization'],
        year: 2015,
        url: 'https://iris.who.int/handle/10665/186463',
      }),
    ]);
  });

  it.each([
    ['date-parts of numbers', { 'date-parts': [[2021, 3, 4]] }, 2021],
    ['date-parts of strings', { 'date-parts': [['2021', '3']] }, 2021],
    ['raw', { raw: '2021-03-04' }, 2021],
    ['literal', { literal: 'Spring 2019' }, 2019],
    ['an EDTF string (CSL 1.0.2)', '2020-05?', 2020],
    ['an empty date', { 'date-parts': [[]] }, null],
  ])('issued as %s', (_name, issued, year) => {
    expect(one({ title: 'T', issued }).year).toBe(year);
  });

  it('takes an arXiv id only where Zotero writes one, and a PMID from the note', () => {
    const ids = (item: object) => {
      const p = one({ title: 'T', type: 'article', ...item });
      return [p.arxiv, p.pmid];
    };
    expect(ids({ number: 'arXiv:2101.00001', publisher: 'arXiv' })).toEqual(['2101.00001', null]);
    expect(ids({ number: '2101.00001', publisher: 'arXiv' })).toEqual(['2101.00001', null]);
    expect(ids({ number: '2101.00001', publisher: 'Some Press' })).toEqual([null, null]);
    expect(ids({ archive: 'arXiv', archive_location: 'hep-th/9901001' })).toEqual(['hep-th/9901001', null]);
    expect(ids({ note: 'arXiv: 2101.00001v2\nPMID: 33500001' })).toEqual(['2101.00001v2', '33500001']);
    expect(ids({ URL: 'https://arxiv.org/abs/2101.00001' })).toEqual(['2101.00001', null]);
  });

  it('keeps an item whose authors it cannot read, with a notice', () => {
    const source = JSON.stringify([
      { type: 'book', title: 'Names as numbers', author: [42, { family: 'Lovelace', given: 'Ada' }] },
      {
        type: 'book',
        title: 'Names as an object',
        author: { family: 'Lovelace' },
        issued: { 'date-parts': [[1843]] },
      },
    ]);
    const result = parseJsonArray('csl.json', source);
    const second = source.indexOf('{"type":"book","title":"Names as an object"') + 1;
    expect(result.papers.map((p) => [p.title, p.authors])).toEqual([
      ['Names as numbers', ['Ada Lovelace']],
      ['Names as an object', []],
    ]);
    const notices = messages(result).filter((m) => !m.includes('no abstract'));
    expect(notices).toEqual([
      'papermap/parse: csl.json:1:2: record 1 "Names as numbers" has 1 of 2 "author" entries in a shape papermap ' +
        'does not read (a number); they were left out',
      `papermap/parse: csl.json:1:${second}: record 2 "Names as an object" has ` +
        '"author" as an object with the keys "family", not a list of authors; it is kept without authors',
    ]);
  });
});

describe('json: a Crossref works response', async () => {
  const file = 'json/crossref-works.json';
  const result = await parseFiles([fixture(file)]);

  it('reads the items: title arrays, JATS abstracts as plain text, given/family and organisation names, dates', () => {
    expect(result.files[0]).toMatchObject({ format: 'json', records: 3, papers: 3, skipped: 0 });
    expect(result.papers).toEqual([
      paper(`${file}:9`, {
        title:
          'Salmon lice biology, environmental factors, and smolt behaviour with implications for the Norwegian ' +
          'salmon farming management system: A critical review',
        abstract:
          'In 2017, a new regulatory management system, the traffic light system (TLS), was implemented to ' +
          'estimate the effects of salmon lice from Norwegian salmon aquaculture on marine survival of wild Atlantic ' +
          'salmon and forms the basis of aquaculture capacity regulation. The TLS relies on observational data and a ' +
          'set of models to estimate the risk for negative impact on wild salmon populations.',
        authors: ['Solveig van Nes', 'Albert Kjartan Dagbjartarson Imsland', 'Simon R. M. Jones'],
        year: 2024,
        doi: '10.1111/raq.12953',
        url: 'http://dx.doi.org/10.1111/raq.12953',
      }),
      paper(`${file}:195`, {
        title: 'The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles',
        abstract:
          'Despite growing interest in Open Access (OA) to scholarly literature, there is an unmet need for ' +
          'large-scale, up-to-date, and reproducible studies assessing the prevalence and characteristics of OA. We ' +
          'address this need using oaDOI, an open online service that determines OA status for 67 million articles. ' +
          'We estimate that at least 28% of the scholarly literature is OA (19M in total) and that this proportion ' +
          'is growing, driven particularly by growth in Gold and Hybrid.',
        authors: [
          'Heather Piwowar',
          'Jason Priem',
          'Vincent Larivière',
          'Juan Pablo Alperin',
          'Lisa Matthias',
          'Bree Norlander',
          'Ashley Farley',
          'Jevin West',
          'Stefanie Haustein',
        ],
        year: 2018,
        doi: '10.7717/peerj.4375',
        url: 'http://dx.doi.org/10.7717/peerj.4375',
      }),
      paper(`${file}:411`, {
        title: 'Comprehensive molecular characterization of human colon and rectal cancer',
        authors: ['The Cancer Genome Atlas Network'],
        year: 2012,
        doi: '10.1038/nature11252',
        url: 'http://dx.doi.org/10.1038/nature11252',
      }),
    ]);
    // total-results equals the items: no page notice, only the item without an abstract.
    expect(messages(result)).toEqual([
      `papermap/parse: ${file}:411: record 3 "Comprehensive molecular characterization of human colon and rectal ` +
        'cancer" has no abstract; its title is its text',
    ]);
  });

  it('reads a single-work response, a subtitle, markup and entities in titles, and dates past an empty issued', () => {
    const response = {
      status: 'ok',
      'message-type': 'work',
      'message-version': '1.0.0',
      message: {
        DOI: '10.1000/xyz123',
        prefix: '10.1000',
        member: '1',
        title: ['Structure of the <i>lac</i> repressor &amp; its operator:'],
        subtitle: ['a <scp>new</scp> view'],
        author: [{ given: 'Ada', family: 'Lovelace', sequence: 'first', affiliation: [] }],
        issued: { 'date-parts': [[null]] },
        'published-online': { 'date-parts': [[2018, 1]] },
        abstract:
          '<jats:sec><jats:title>Background</jats:title><jats:p>H<jats:sub>2</jats:sub>O at p&lt;0.05.</jats:p></jats:sec>',
      },
    };
    const result = parseJsonArray('work.json', JSON.stringify(response, null, 2));
    expect(result.papers).toEqual([
      paper('work.json:5', {
        title: 'Structure of the lac repressor & its operator: a new view',
        abstract: 'Background H2O at p<0.05.',
        authors: ['Ada Lovelace'],
        year: 2018,
        doi: '10.1000/xyz123',
      }),
    ]);
    // Zotero's rule: a subtitle already in the title is not added again.
    expect(one({ DOI: '10.1000/a', title: ['Deep learning: a review'], subtitle: ['A review'] }).title).toBe(
      'Deep learning: a review',
    );
  });
});

describe('json: the Hugging Face daily_papers API', () => {
  it('reads the inner paper, which has the authors and the arXiv id, not the copy of its title beside it', () => {
    const item = {
      paper: {
        id: '2312.06795',
        authors: [
          { _id: '6578', name: 'MohammadReza Davari', hidden: false },
          { _id: '6579', name: 'Eugene Belilovsky' },
        ],
        publishedAt: '2023-12-11T18:59:54.000Z',
        title: 'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
        summary: 'The rapid development of AI systems.',
        upvotes: 12,
      },
      publishedAt: '2023-12-12T08:00:00.000Z',
      title: 'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
      summary: 'The rapid development of AI systems.',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2312.06795.png',
      numComments: 1,
    };
    expect(parseJsonArray('daily.json', JSON.stringify([item], null, 2)).papers).toEqual([
      paper('daily.json:2', {
        title: 'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
        abstract: 'The rapid development of AI systems.',
        authors: ['MohammadReza Davari', 'Eugene Belilovsky'],
        year: 2023,
        arxiv: '2312.06795',
      }),
    ]);
  });
});

describe('json: where saved responses keep their papers', () => {
  const work = { title: 'A paper', abstract: 'Text.' };

  it.each([
    ['OpenAlex {meta, results}', { meta: { count: 1 }, results: [work] }],
    ['Semantic Scholar {total, data}', { total: 1, offset: 0, data: [work] }],
    [
      'Crossref {message: {items}}',
      { status: 'ok', 'message-type': 'work-list', message: { items: [work] } },
    ],
    ['{items}', { items: [work] }],
    ['a lone work', work],
  ])('%s', (_name, value) => {
    const result = parseJsonArray('r.json', JSON.stringify(value, null, 2));
    expect(result.papers.map((p) => p.title)).toEqual(['A paper']);
    expect(result.notices).toEqual([]);
  });

  it('gives each record of a list the line it starts on', () => {
    const result = parseJsonArray(
      'r.json',
      '{\n  "results": [\n    {"title": "A"},\n    {"title": "B"}\n  ]\n}',
    );
    expect(result.papers.map((p) => p.origin)).toEqual(['r.json:3', 'r.json:4']);
  });

  it('says which keys an object holds and what it looks for when it holds no papers', () => {
    const error = (() => {
      try {
        parseJsonArray(
          'error.json',
          '\n{"error": "Invalid query parameters error.", "message": "per_page is 500"}',
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ file: 'error.json', line: 2, column: 1 });
    expect((error as ParseError).message).toBe(
      'papermap/parse: error.json: line 2, column 1: the JSON object holds neither a paper nor a list of papers ' +
        '(its keys: "error", "message"; it says "Invalid query parameters error.": "per_page is 500"); papermap ' +
        'reads the fields of a paper (title, display_name, abstract, paperId, DOI, …) or a list of papers under ' +
        '"results" (OpenAlex), "data" (Semantic Scholar), "recommendedPapers" (Semantic Scholar recommendations), ' +
        '"message.items" (Crossref), "items" (other APIs)',
    );
    expect(() => parseJsonArray('d.json', '{"data": {"paperId": "x"}, "offset": 0}')).toThrow(
      'papermap/parse: d.json: line 1, column 1: the JSON object holds neither a paper nor a list of papers (its ' +
        'keys: "data", "offset"; "data" is an object with the keys "paperId", not a list)',
    );
  });

  it('skips records of the wrong type and objects that are not papers, keeping the others', () => {
    const result = parseJsonArray('mixed.json', '[\n1,\n"x",\n[],\n{"name": "n"},\n{"title": "Kept"}\n]');
    expect(result.papers.map((p) => [p.origin, p.title])).toEqual([['mixed.json:6', 'Kept']]);
    expect(result.skipped.map((s) => [s.origin, s.reason.slice(0, 70)])).toEqual([
      ['mixed.json:2', 'not an object (record 1 is a number)'],
      ['mixed.json:3', 'not an object (record 2 is a string)'],
      ['mixed.json:4', 'not an object (record 3 is an array)'],
      ['mixed.json:5', 'not a paper (record 4 holds neither a paper nor a list of papers (its '],
    ]);
  });

  it('reads a JSON Lines line that holds a response, numbering its records on', () => {
    const lines = `{"title": "First"}\n${JSON.stringify({ results: [work, { ...work, title: 'B' }] })}\n{"title": "Last"}\n`;
    const result = parseJsonLines('l.jsonl', lines);
    expect(result.papers.map((p) => [p.origin, p.title])).toEqual([
      ['l.jsonl:1', 'First'],
      ['l.jsonl:2:13', 'A paper'],
      ['l.jsonl:2:52', 'B'],
      ['l.jsonl:3', 'Last'],
    ]);
    expect(messages(result)).toEqual([
      'papermap/parse: l.jsonl:1: record 1 "First" has no abstract; its title is its text',
      'papermap/parse: l.jsonl:3: record 4 "Last" has no abstract; its title is its text',
    ]);
  });

  it('throws a ParseError with line and column for a saved response with a syntax error', () => {
    const broken = text('json/openalex-works.json').replace(
      '"publication_year": 2017,',
      '"publication_year": 2017',
    );
    expect(() => parseJsonArray('broken.json', broken)).toThrow(
      "papermap/parse: broken.json: invalid JSON at line 581, column 7: expected ',' or '}' after a property value, " +
        `found '"'`,
    );
  });
});

describe('json: detection and decoding', () => {
  it('detects each fixture by content, whatever its name, and reads the same papers when forced', async () => {
    for (const name of [
      'openalex-works.json',
      'crossref-works.json',
      'zotero-csl.json',
      'semantic-scholar-search.json',
    ]) {
      const bytes = readBytes(`test/fixtures/parse/json/${name}`);
      const byName = await parseFiles([{ name, bytes }]);
      for (const other of ['export.txt', 'export']) {
        const renamed = await parseFiles([{ name: other, bytes }]);
        expect(
          renamed.papers.map((p) => p.title),
          `${name} as ${other}`,
        ).toEqual(byName.papers.map((p) => p.title));
      }
      const forced = await parseFiles([{ name: 'x.csv', bytes }], { format: 'json' });
      expect(forced.papers.map((p) => p.title)).toEqual(byName.papers.map((p) => p.title));
    }
    expect(detectFormat('export.txt', text('json/zotero-csl.json'))).toBe('json');
    expect(detectFormat('export.txt', text('json/arxiv-snapshot.jsonl'))).toBe('jsonl');
    expect(detectFormat('batch.txt', '[null, {"paperId": "p1", "title": "A"}]')).toBe('json');
  });

  it('reads a CRLF file with a BOM to the same papers', async () => {
    const file = text('json/zotero-csl.json');
    const crlf = new TextEncoder().encode(`\uFEFF${file.replace(/\n/g, '\r\n')}`);
    const result = await parseFiles([input('zotero.json', crlf)]);
    const plain = await parseFiles([input('zotero.json', file)]);
    expect(result.papers).toEqual(plain.papers);
  });
});

describe('json: scanJson finds values along a path', () => {
  it.each([
    ['elements of a top-level array', '[1, {"a": 2}]', ['*'], [1, 4]],
    [
      'elements of a list under a key',
      '{"meta": {"results": [9]}, "results": [1, 2]}',
      ['results', '*'],
      [39, 42],
    ],
    ['elements of a nested list', '{"message": {"items": [{}, []]}}', ['message', 'items', '*'], [23, 27]],
    ['a value under a key', '{"a": 1, "message": {"x": 1}}', ['message'], [20]],
    ['the top-level value', '  {"a": 1}', [], [2]],
    ['nothing when the path is not there', '{"data": {"x": [1]}}', ['results', '*'], []],
    ['a key written with an escape', '{"r\\u0065sults": [1]}', ['results', '*'], [18]],
    ['a key met twice, counted twice', '{"data": [1], "data": [2, 3]}', ['data', '*'], [10, 23, 26]],
  ])('%s', (_name, source, path, starts) => {
    expect(scanJson(source, path)).toEqual({ ok: true, starts });
  });
});

describe('stripMarkup', () => {
  it.each([
    ['JATS paragraphs', '<jats:p>One.</jats:p><jats:p>Two.</jats:p>', ' One.  Two. '],
    ['inline JATS and HTML', 'H<jats:sub>2</jats:sub>O and <i>E. coli</i>', 'H2O and E. coli'],
    [
      'CSL rich text',
      '<span style="font-variant:small-caps;">ABC</span> <span class="nocase">iPhone</span>',
      'ABC iPhone',
    ],
    ['MathML', '<mml:math><mml:mi>x</mml:mi><mml:mo>=</mml:mo><mml:mn>1</mml:mn></mml:math>', 'x=1'],
    ['CDATA', '<![CDATA[a < b]]>', 'a < b'],
    ['entities after tags', '&lt;i&gt; &amp;amp; &#233;&#x2013;', '<i> &amp; é–'],
    ['a comparison', 'p<0.05 and q>1', 'p<0.05 and q>1'],
    ['words in angle brackets', 'a <b and c> d', 'a <b and c> d'],
    ['an unknown tag', 'see <foo>', 'see <foo>'],
    ['an invalid entity', '&#xD800; &bogus;', '&#xD800; &bogus;'],
  ])('%s', (_name, input, output) => {
    expect(stripMarkup(input)).toBe(output);
  });
});
