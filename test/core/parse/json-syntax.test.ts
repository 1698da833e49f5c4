/** JSON arrays and JSON Lines: syntax errors with their positions, record lines, the generic record shape. */
import { describe, expect, it } from 'vitest';
import { splitAuthors } from '../../../src/core/parse/fields';
import { ParseError, parseFiles } from '../../../src/core/parse/index';
import { parseJsonArray, parseJsonLines, scanJson } from '../../../src/core/parse/json';
import { fixture } from './helpers';

describe('json: arrays', () => {
  it('fails the file with a ParseError naming the file, line and column of a syntax error', async () => {
    const result = await parseFiles([fixture('json-array-missing-comma.json')]);
    expect(result.papers).toEqual([]);
    expect(result.failed).toHaveLength(1);
    const error = result.failed[0];
    expect(result.files[0]).toMatchObject({
      file: 'json-array-missing-comma.json',
      format: null,
      error: error.message,
    });
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ file: 'json-array-missing-comma.json', line: 9, column: 5 });
    expect((error as ParseError).message).toBe(
      "papermap/parse: json-array-missing-comma.json: invalid JSON at line 9, column 5: expected ',' or '}' " +
        `after a property value, found '"'`,
    );
  });

  it.each([
    ['trailing comma', '[\n  {"title": "a"},\n]', 3, 1, "expected a value, found ']' (a trailing comma?)"],
    ['cut short', '[\n  {"title": "a"', 2, 16, 'unexpected end of the data'],
    ['line break in a string', '[{"title": "a\nb"}]', 1, 14, 'line break inside a string'],
    ['single quotes', "[{'title': 'a'}]", 1, 3, "expected a property name in double quotes, found '''"],
    ['bad escape', '[{"title": "a\\qb"}]', 1, 14, "invalid escape '\\q' in a string"],
    ['two arrays', '[]\n[]', 2, 1, "unexpected '[' after the end of the JSON value"],
  ])('locates a %s', async (_name, text, line, column, problem) => {
    expect(() => parseJsonArray('x.json', text)).toThrow(
      `papermap/parse: x.json: invalid JSON at line ${line}, column ${column}: ${problem}`,
    );
  });

  it('scanJson accepts exactly what JSON.parse accepts', async () => {
    const cases = [
      '[]',
      ' {"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"]} ',
      '[{"a": {}}, [], ""]',
      '[01]',
      '[1.]',
      '[.5]',
      '[+1]',
      '{"a":1,}',
      '[1 2]',
      '"\\u12"',
      'nul',
      '[1]]',
      '',
      '{"a" 1}',
      '["\t"]',
    ];
    for (const text of cases) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(scanJson(text).ok, text).toBe(parses);
    }
  });

  it('gives each record the line it starts on, and a column when records share a line', async () => {
    const pretty = parseJsonArray('p.json', '[\n  {"title": "A"},\n\n  {"title": "B"}\n]');
    expect(pretty.papers.map((paper) => paper.origin)).toEqual(['p.json:2', 'p.json:4']);
    const minified = parseJsonArray('m.json', '[{"title":"A"},{"title":"B"}]\n');
    expect(minified.papers.map((paper) => paper.origin)).toEqual(['m.json:1:2', 'm.json:1:16']);
  });

  it('reads a lone object as one record and refuses other top-level values', async () => {
    expect(parseJsonArray('o.json', '{\n  "title": "Alone"\n}').papers.map((paper) => paper.title)).toEqual([
      'Alone',
    ]);
    expect(() => parseJsonArray('n.json', '\n  42')).toThrow(
      'papermap/parse: n.json: line 2, column 3: expected a JSON array of paper objects, found a number',
    );
  });

  it('keeps text as written apart from whitespace: no HTML or LaTeX stripping', async () => {
    const result = parseJsonArray(
      't.json',
      JSON.stringify([{ title: '  The  $\\mathcal{O}(n)$\n<i>Trick</i> ', abstract: 'A\tB\n\nC ' }]),
    );
    expect(result.papers[0]).toMatchObject({
      title: 'The $\\mathcal{O}(n)$ <i>Trick</i>',
      abstract: 'A B C',
    });
  });
});

describe('json: authors, year and ids', async () => {
  const result = await parseFiles([fixture('json-authors-year-variants.json')]);
  const byTitle = new Map(result.papers.map((paper) => [paper.title, paper]));

  it.each([
    ['Authors as an array of strings', ['Ada Lovelace', 'Charles Babbage'], 1843],
    ['Authors as name objects', ['Alan Turing', 'Alonzo Church'], 1936],
    ['Authors as an Oxford-comma string', ['Grace Hopper', 'John von Neumann', 'Claude Shannon'], 1948],
    ['Authors as a pair', ['Edsger Dijkstra', 'Tony Hoare'], 1969],
    ['Authors in BibTeX form', ['Knuth, Donald E.', 'Lamport, Leslie'], 1984],
    ['No authors and an unusable year', [], null],
    ['Year string wins over date', [], 2001],
  ])('%s', async (title, authors, year) => {
    expect(byTitle.get(title)).toMatchObject({ authors, year });
  });

  it('reads the Hugging Face daily_papers API shape', async () => {
    expect(byTitle.get('Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks')).toEqual({
      title: 'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
      abstract: 'The rapid development of AI systems.',
      authors: ['MohammadReza Davari', 'Eugene Belilovsky'],
      year: 2023,
      url: null,
      doi: null,
      arxiv: '2312.06795',
      pmid: null,
      origin: 'json-authors-year-variants.json:11',
    });
  });

  it('skips non-objects and untitled records with record number and line', async () => {
    expect(result.papers).toHaveLength(8);
    expect(result.skipped).toEqual([
      {
        origin: 'json-authors-year-variants.json:9',
        title: null,
        reason: 'not an object (record 8 is a string)',
      },
      {
        origin: 'json-authors-year-variants.json:10',
        title: null,
        reason: 'no title (record 9: "title" is missing)',
      },
    ]);
  });

  it.each([
    ['A, B and C', ['A', 'B', 'C']],
    ['A and B', ['A', 'B']],
    ['A, B, and C', ['A', 'B', 'C']],
    ['A & B', ['A', 'B']],
    ['Doe, J.; Roe, R.', ['Doe, J.', 'Roe, R.']],
    ['  Single   Author ', ['Single Author']],
    ['Alexander Anderson and Sandra Andrews', ['Alexander Anderson', 'Sandra Andrews']],
    ['', []],
  ])('splitAuthors(%j)', async (list, authors) => {
    expect(splitAuthors(list)).toEqual(authors);
  });

  it('takes arXiv ids and DOIs from aliases, prefixes and URLs, and ignores what is not an id', async () => {
    const text = JSON.stringify([
      { title: 'a', arxiv: 'arXiv:2312.06795v2' },
      { title: 'b', arxiv_id: 'hep-th/9901001' },
      { title: 'c', id: '10.1145/3292500.3330701' },
      { title: 'd', url: 'https://arxiv.org/pdf/1706.03762v7.pdf' },
      { title: 'e', doi: 'doi:10.1000/ABC', id: 'paper-17' },
      { title: 'f', doi: 'not a doi', arxiv: '12345' },
    ]);
    const papers = parseJsonArray('ids.json', text);
    expect(papers.papers.map((paper) => [paper.arxiv, paper.doi])).toEqual([
      ['2312.06795v2', null],
      ['hep-th/9901001', null],
      [null, '10.1145/3292500.3330701'],
      ['1706.03762v7', null],
      [null, '10.1000/ABC'],
      [null, null],
    ]);
    expect(papers.papers[3].url).toBe('https://arxiv.org/pdf/1706.03762v7.pdf');
    const messages = papers.notices.map((notice) => notice.message);
    expect(messages).toContain(
      `papermap/parse: ids.json:1:${text.indexOf('{"title":"f"') + 1}: record 6 "f" DOI "not a doi" does not look ` +
        'like a DOI (10.<prefix>/<suffix>) and was ignored',
    );
    expect(messages).toContain(
      `papermap/parse: ids.json:1:${text.indexOf('{"title":"f"') + 1}: record 6 "f" arXiv id "12345" is not an ` +
        'arXiv identifier and was ignored',
    );
  });
});

describe('json: JSON Lines', () => {
  it('reports the bad line and keeps the others', async () => {
    const result = await parseFiles([fixture('jsonl-one-bad-line.jsonl')]);
    expect(result.papers.map((paper) => [paper.origin, paper.title])).toEqual([
      ['jsonl-one-bad-line.jsonl:1', 'Attention Is All You Need'],
      ['jsonl-one-bad-line.jsonl:2', 'BERT: Pre-training of Deep Bidirectional Transformers'],
      ['jsonl-one-bad-line.jsonl:5', 'Training language models to follow instructions with human feedback'],
    ]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toEqual({
      origin: 'jsonl-one-bad-line.jsonl:3',
      title: 'Language Models are Few-Shot Learners',
      reason: expect.stringMatching(/^invalid JSON: unexpected end of the data \(record 3, column \d+\)$/),
    });
    expect(result.papers[0].arxiv).toBe('1706.03762v7');
    expect(result.papers[1]).toMatchObject({
      abstract: 'We introduce a new language representation model called BERT.',
      arxiv: '1810.04805',
    });
    expect(result.papers[2].doi).toBe('10.48550/arXiv.2203.02155');
  });

  it('counts records, not lines, and names the column of the error', async () => {
    const result = parseJsonLines(
      'l.jsonl',
      '\n{"title": "a"}\n{"title": "b",, }\n[1]\n{"abstract": "no title"}\n',
    );
    expect(result.papers.map((paper) => paper.origin)).toEqual(['l.jsonl:2']);
    expect(result.skipped).toEqual([
      {
        origin: 'l.jsonl:3',
        title: 'b',
        reason: "invalid JSON: expected a property name in double quotes, found ',' (record 2, column 15)",
      },
      { origin: 'l.jsonl:4', title: null, reason: 'not an object (record 3 is an array)' },
      { origin: 'l.jsonl:5', title: null, reason: 'no title (record 4: "title" is missing)' },
    ]);
  });
});
