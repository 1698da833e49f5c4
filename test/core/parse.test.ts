import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dedupePapers } from '../../src/core/dedupe';
import { paperKeys } from '../../src/core/keys';
import { looksLikeAbstract, parseHfDaily, sentenceCount } from '../../src/core/parse/hf-daily';
import { detectFormat, type InputFile, ParseError, parseFiles } from '../../src/core/parse/index';
import { parseJsonArray, parseJsonLines, scanJson, splitAuthors } from '../../src/core/parse/json';
import type { Paper, ParseResult } from '../../src/core/types';

const root = new URL('../../', import.meta.url);
const readBytes = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, root)));
const fixture = (name: string): InputFile => ({
  name,
  bytes: readBytes(`test/fixtures/parse/${name}`),
});
const input = (name: string, content: string | Uint8Array): InputFile => ({
  name,
  bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content,
});

const DEFAULT_FILE = 'data/hf-papers-mar20.txt';
const defaultText = new TextDecoder().decode(readBytes(DEFAULT_FILE));
const parseDefault = (text: string | Uint8Array = defaultText): ParseResult =>
  parseFiles([input(DEFAULT_FILE, text)]);

/** The papers without their origins, for comparing inputs whose line numbers differ. */
const content = (papers: Paper[]) => papers.map(({ origin: _origin, ...rest }) => rest);

/** A long, sentence-rich abstract for synthetic files. */
const abstract = (topic: string): string =>
  `We study ${topic} in depth. Our method improves on strong baselines across many benchmarks and settings. ` +
  `Experiments on several data sets show consistent gains, and we release code and models for ${topic}.`;

describe('parseFiles: the default data file', () => {
  const result = parseDefault();

  it('reads all 104 papers and skips nothing', () => {
    expect(result.papers).toHaveLength(104);
    expect(result.skipped).toEqual([]);
    expect(result.papers[0].title).toBe(
      'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
    );
    expect(result.papers[0].abstract.startsWith('The rapid development of AI systems')).toBe(true);
    expect(result.papers[0].origin).toBe(`${DEFAULT_FILE}:11`);
    expect(result.papers[103].origin).toBe(`${DEFAULT_FILE}:423`);
  });

  it('turns no header line into a paper, and says which lines were taken as the header', () => {
    const titles = result.papers.map((paper) => paper.title);
    for (const header of ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'Mar 20']) {
      expect(titles).not.toContain(header);
    }
    expect(titles.some((title) => title.startsWith('byAK'))).toBe(false);
    expect(result.notices).toHaveLength(1);
    expect(result.notices[0].message).toMatch(
      /^papermap\/parse: data\/hf-papers-mar20\.txt:1: line\(s\) 1–9 /,
    );
    expect(result.notices[0].message).toContain('"Subscribe"');
  });

  it('gives every paper an abstract and an origin that points at its title line', () => {
    const lines = defaultText.split('\n');
    for (const paper of result.papers) {
      const line = Number(paper.origin.slice(DEFAULT_FILE.length + 1));
      expect(lines[line - 1].trim()).toBe(paper.title);
      expect(lines[line + 1].trim()).toBe(paper.abstract);
      expect(paper.abstract.length).toBeGreaterThanOrEqual(200);
      expect(paper).toMatchObject({ authors: [], year: null, url: null, doi: null, arxiv: null });
    }
  });

  it('gives 104 unique keys', () => {
    expect(new Set(paperKeys(result.papers)).size).toBe(104);
  });

  it('reads the same papers whatever the line ends, BOM, trailing spaces or final newline', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(defaultText)]);
    const variants: Record<string, string | Uint8Array> = {
      crlf: defaultText.replace(/\n/g, '\r\n'),
      cr: defaultText.replace(/\n/g, '\r'),
      bom,
      'trailing spaces and tabs': defaultText.replace(/\n/g, '  \t\n'),
      'final newline': `${defaultText}\n`,
      'everything at once': `\uFEFF${defaultText.replace(/\n/g, ' \r\n')}\r\n\r\n`,
    };
    expect(defaultText.endsWith('\n')).toBe(false);
    for (const [name, text] of Object.entries(variants)) {
      expect(parseDefault(text), name).toEqual(result);
    }
  });

  it('reads the same titles and abstracts when abstracts are wrapped and paragraphs spaced out', () => {
    const wrapped = defaultText
      .split('\n\n')
      .map((paragraph) => paragraph.replace(/(.{1,72})(?: |$)/g, '$1\n').trimEnd())
      .join('\n\n\n\n');
    const reread = parseDefault(wrapped);
    expect(reread.skipped).toEqual([]);
    expect(content(reread.papers)).toEqual(content(result.papers));
  });
});

describe('parseFiles: empty files and files without papers', () => {
  it('says that an empty file is empty, for any format', () => {
    for (const name of ['empty.txt', 'empty.json', 'empty.jsonl']) {
      const result = parseFiles([input(name, new Uint8Array())]);
      expect(result.papers).toEqual([]);
      expect(result.skipped).toEqual([]);
      expect(result.notices).toEqual([
        { origin: name, message: `papermap/parse: ${name}: the file is empty (0 bytes); no papers read` },
      ]);
    }
  });

  it('says that a file of blank lines (and a BOM) is empty', () => {
    const result = parseFiles([input('blank.txt', '\uFEFF \n\r\n\t\n')]);
    expect(result.papers).toEqual([]);
    expect(result.notices.map((notice) => notice.message)).toEqual([
      'papermap/parse: blank.txt: the file holds only blank lines; no papers read',
    ]);
  });

  it('says clearly that a header-only page has no papers', () => {
    const result = parseFiles([fixture('hf-no-papers.txt')]);
    expect(result.papers).toEqual([]);
    expect(result.skipped).toEqual([]);
    const messages = result.notices.map((notice) => notice.message);
    expect(messages).toContain('papermap/parse: hf-no-papers.txt: no papers found (read as hf-daily)');
    expect(
      messages.some((message) => message.includes('no title followed by an abstract in 5 paragraph(s)')),
    ).toBe(true);
  });

  it('skips abstracts that have no title, with the line, and says no papers were found', () => {
    const result = parseFiles([input('abstracts.txt', `${abstract('alpha')}\n\n${abstract('beta')}\n`)]);
    expect(result.papers).toEqual([]);
    expect(result.skipped.map((record) => record.origin)).toEqual(['abstracts.txt:1', 'abstracts.txt:3']);
    expect(result.skipped[0].reason).toMatch(
      /^abstract-like paragraph \(\d+ characters\) with no title before it$/,
    );
    expect(result.notices.map((notice) => notice.message)).toContain(
      'papermap/parse: abstracts.txt: no papers found (read as hf-daily; 2 record(s) skipped)',
    );
  });

  it('says so for a JSON array with no papers in it', () => {
    const result = parseFiles([input('none.json', '[]')]);
    expect(result.papers).toEqual([]);
    expect(result.notices.map((notice) => notice.message)).toEqual([
      'papermap/parse: none.json: no papers found (read as json)',
    ]);
  });
});

describe('hf-daily: titles without abstracts and stray abstracts', () => {
  it('keeps a title followed by another title, with an empty abstract and a notice', () => {
    const result = parseFiles([fixture('hf-titles-without-abstracts.txt')]);
    expect(result.skipped).toEqual([]);
    expect(result.papers.map((paper) => [paper.origin, paper.title, paper.abstract.slice(0, 30)])).toEqual([
      [
        'hf-titles-without-abstracts.txt:7',
        'Sparse Upcycling: Training Mixture-of-Experts from Dense Checkpoints',
        'Training large, deep neural ne',
      ],
      [
        'hf-titles-without-abstracts.txt:11',
        'Branch-Train-Merge: Embarrassingly Parallel Training of Expert Language Models',
        '',
      ],
      ['hf-titles-without-abstracts.txt:13', 'Mixtral of Experts', 'We introduce Mixtral 8x7B, a S'],
      ['hf-titles-without-abstracts.txt:22', 'Switch Transformers: Scaling to Trillion Parameter Models', ''],
    ]);
    // The abstract wrapped over four lines is one paragraph, joined with single spaces.
    expect(result.papers[2].abstract).toContain(
      'with the difference that each layer is composed of 8 feedforward',
    );
    expect(result.notices.map((notice) => notice.origin)).toEqual([
      'hf-titles-without-abstracts.txt:1',
      'hf-titles-without-abstracts.txt:11',
      'hf-titles-without-abstracts.txt:22',
    ]);
    expect(result.notices[1].message).toBe(
      'papermap/parse: hf-titles-without-abstracts.txt:11: "Branch-Train-Merge: Embarrassingly Parallel Training of Expert Language Models" ' +
        'has no abstract (the next paragraph (line 13) reads as another title); kept with an empty abstract',
    );
    expect(result.notices[2].message).toContain('it is the last paragraph of the file');
  });

  it('skips an abstract-like paragraph that follows an abstract, and keeps the rest', () => {
    const text = [
      'First Title',
      abstract('one'),
      abstract('a stray second part'),
      'Second Title',
      abstract('two'),
    ].join('\n\n');
    const result = parseHfDaily('stray.txt', text);
    expect(result.papers.map((paper) => [paper.origin, paper.title])).toEqual([
      ['stray.txt:1', 'First Title'],
      ['stray.txt:7', 'Second Title'],
    ]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ origin: 'stray.txt:5', title: null });
  });

  it('reads a title longer than 200 characters when an abstract follows it', () => {
    const title = `A Very Long Title ${'with many qualifying words '.repeat(8)}and No Sentence End`;
    expect(title.length).toBeGreaterThan(200);
    const result = parseHfDaily('long.txt', `Header\n\n${title}\n\n${abstract('long titles')}\n`);
    expect(result.papers.map((paper) => paper.title)).toEqual([title.replace(/\s+/g, ' ')]);
    expect(result.skipped).toEqual([]);
  });

  it('reads a short several-sentence abstract as an abstract, not as a title', () => {
    const result = parseHfDaily(
      'short.txt',
      'Title One\n\nWe propose X. It works.\n\nTitle Two\n\nShort again. Still fine.',
    );
    expect(result.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['Title One', 'We propose X. It works.'],
      ['Title Two', 'Short again. Still fine.'],
    ]);
    expect(result.notices).toEqual([]);
  });

  it.each([
    ['Can LLMs Learn from Previous Mistakes? Investigating LLMs’ Errors to Boost for Reasoning', 1, false],
    ['Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks', 0, false],
    ['We propose X. It works.', 2, true],
    ['Results improve, e.g. by 3 points, as in Smith et al. (2023), Fig. 3 and v2.0 of the model.', 1, false],
    ['It works. (See the appendix.) Yes', 2, true],
    ['x'.repeat(200), 0, true],
    ['', 0, false],
  ])('sentenceCount / looksLikeAbstract(%j)', (text, sentences, abstractLike) => {
    expect(sentenceCount(text)).toBe(sentences);
    expect(looksLikeAbstract(text)).toBe(abstractLike);
  });
});

/** What the pipeline keeps of a parse: the parse, then duplicates removed (as `buildGraph` does). */
function parseUnique(files: InputFile[]): ParseResult {
  const parsed = parseFiles(files);
  const unique = dedupePapers(parsed.papers);
  return { papers: unique.papers, skipped: [...parsed.skipped, ...unique.skipped], notices: parsed.notices };
}

describe('parseFiles then dedupePapers: duplicates', () => {
  it('keeps every duplicate, for the pipeline to report', () => {
    const parsed = parseFiles([fixture('hf-duplicate-titles.txt')]);
    expect(parsed.papers).toHaveLength(6);
    expect(parsed.skipped).toEqual([]);
  });

  it('reports every duplicate and loses nothing: papers + skipped = records read', () => {
    const result = parseUnique([fixture('hf-duplicate-titles.txt')]);
    const file = 'hf-duplicate-titles.txt';
    expect(result.papers.map((paper) => paper.title)).toEqual([
      'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
      'Self-Consistency Improves Chain of Thought Reasoning in Language Models',
      'Tree of Thoughts: Deliberate Problem Solving with Large Language Models',
    ]);
    expect(result.skipped).toEqual([
      {
        origin: `${file}:11`,
        title: 'chain of thought prompting elicits reasoning in large language models!',
        reason: `duplicate of ${file}:3 (same title)`,
      },
      {
        origin: `${file}:17`,
        title: 'Self-Consistency Improves Chain of Thought Reasoning in Language Models',
        reason: `duplicate of ${file}:7 (same title)`,
      },
      {
        origin: `${file}:21`,
        title: 'Tree of Thoughts: Deliberate Problem Solving with Large Language Models',
        reason: `duplicate of ${file}:15 (same title)`,
      },
    ]);
    expect(result.papers.length + result.skipped.length).toBe(6);
    // The first Tree of Thoughts had no abstract: it takes the duplicate's.
    expect(result.papers[2].origin).toBe(`${file}:15`);
    expect(result.papers[2].abstract).toMatch(/^Language models are increasingly being deployed/);
  });

  it('finds duplicates across files: the default file read twice', () => {
    const result = parseUnique([input('a.txt', defaultText), input('b.txt', defaultText)]);
    expect(result.papers).toHaveLength(104);
    expect(result.skipped).toHaveLength(104);
    for (const [i, record] of result.skipped.entries()) {
      const first = result.papers[i].origin;
      expect(record.origin).toBe(first.replace('a.txt', 'b.txt'));
      expect(record.reason).toBe(`duplicate of ${first} (same title)`);
    }
  });
});

describe('parseFiles: invalid UTF-8', () => {
  it('replaces the bad bytes, keeps every record and names the lines', () => {
    const result = parseFiles([fixture('hf-invalid-utf8.txt')]);
    expect(result.skipped).toEqual([]);
    expect(result.papers.map((paper) => paper.title)).toEqual([
      'Caf\uFFFD Society: Measuring Latin-1 Bytes in a UTF-8 Pipeline',
      'A Clean Second Paper',
      'Truncated Sequence \uFFFD at the End of a Title',
    ]);
    expect(result.papers[0].abstract).toContain('(caf\uFFFD, na\uFFFDve)');
    expect(result.papers[1].abstract).toBe(
      'Nothing is wrong with this record. Its abstract is plain ASCII and it must be read exactly as written, ' +
        'whatever happened to the paper above it.',
    );
    expect(result.notices[0]).toEqual({
      origin: 'hf-invalid-utf8.txt:3',
      message:
        'papermap/parse: hf-invalid-utf8.txt:3: invalid UTF-8 bytes on line(s) 3, 5, 11, replaced with U+FFFD (�); ' +
        'the records there are kept',
    });
  });

  it('reports no bad bytes for valid UTF-8, even one that spells U+FFFD itself', () => {
    const result = parseFiles([input('ok.txt', `Title \uFFFD ok\n\n${abstract('replacement characters')}`)]);
    expect(result.papers).toHaveLength(1);
    expect(result.notices).toEqual([]);
  });

  it('decodes UTF-16 with a BOM to the same papers as UTF-8', () => {
    const text = `Title Ünïcode\r\n\r\n${abstract('encodings')}`;
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(parseFiles([input('f.txt', utf16)])).toEqual(parseFiles([input('f.txt', text)]));
    expect(parseFiles([input('f.txt', utf16)]).papers[0].title).toBe('Title Ünïcode');
  });
});

describe('parseFiles: a 1 MB abstract', () => {
  const huge = `${'Sparse masks merge many fine-tuned models into one. '.repeat(20_000)}`.trim();

  it('is read whole from a daily-papers dump, a JSON array and JSON Lines', () => {
    expect(huge.length).toBeGreaterThan(1_000_000);
    const record = JSON.stringify({ title: 'Huge', abstract: huge });
    for (const file of [
      input('huge.txt', `Header\n\nHuge\n\n${huge}\n`),
      input('huge.json', `[\n${record},\n{"title": "Small", "abstract": "Tiny."}\n]`),
      input('huge.jsonl', `${record}\n{"title": "Small", "abstract": "Tiny."}\n`),
    ]) {
      const started = performance.now();
      const result = parseFiles([file]);
      expect(performance.now() - started, file.name).toBeLessThan(2000);
      expect(result.papers[0].abstract, file.name).toBe(huge);
    }
  });
});

describe('json: arrays', () => {
  it('throws a ParseError naming the file, line and column of a syntax error', () => {
    let error: unknown;
    try {
      parseFiles([fixture('json-array-missing-comma.json')]);
    } catch (caught) {
      error = caught;
    }
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
  ])('locates a %s', (_name, text, line, column, problem) => {
    expect(() => parseJsonArray('x.json', text)).toThrow(
      `papermap/parse: x.json: invalid JSON at line ${line}, column ${column}: ${problem}`,
    );
  });

  it('scanJson accepts exactly what JSON.parse accepts', () => {
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

  it('gives each record the line it starts on, and a column when records share a line', () => {
    const pretty = parseJsonArray('p.json', '[\n  {"title": "A"},\n\n  {"title": "B"}\n]');
    expect(pretty.papers.map((paper) => paper.origin)).toEqual(['p.json:2', 'p.json:4']);
    const minified = parseJsonArray('m.json', '[{"title":"A"},{"title":"B"}]\n');
    expect(minified.papers.map((paper) => paper.origin)).toEqual(['m.json:1:2', 'm.json:1:16']);
  });

  it('reads a lone object as one record and refuses other top-level values', () => {
    expect(parseJsonArray('o.json', '{\n  "title": "Alone"\n}').papers.map((paper) => paper.title)).toEqual([
      'Alone',
    ]);
    expect(() => parseJsonArray('n.json', '\n  42')).toThrow(
      'papermap/parse: n.json: line 2, column 3: expected a JSON array of paper objects, found a number',
    );
  });

  it('keeps text as written apart from whitespace: no HTML or LaTeX stripping', () => {
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

describe('json: authors, year and ids', () => {
  const result = parseFiles([fixture('json-authors-year-variants.json')]);
  const byTitle = new Map(result.papers.map((paper) => [paper.title, paper]));

  it.each([
    ['Authors as an array of strings', ['Ada Lovelace', 'Charles Babbage'], 1843],
    ['Authors as name objects', ['Alan Turing', 'Alonzo Church'], 1936],
    ['Authors as an Oxford-comma string', ['Grace Hopper', 'John von Neumann', 'Claude Shannon'], 1948],
    ['Authors as a pair', ['Edsger Dijkstra', 'Tony Hoare'], 1969],
    ['Authors in BibTeX form', ['Knuth, Donald E.', 'Lamport, Leslie'], 1984],
    ['No authors and an unusable year', [], null],
    ['Year string wins over date', [], 2001],
  ])('%s', (title, authors, year) => {
    expect(byTitle.get(title)).toMatchObject({ authors, year });
  });

  it('reads the Hugging Face daily_papers API shape', () => {
    expect(byTitle.get('Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks')).toEqual({
      title: 'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
      abstract: 'The rapid development of AI systems.',
      authors: ['MohammadReza Davari', 'Eugene Belilovsky'],
      year: 2023,
      url: null,
      doi: null,
      arxiv: '2312.06795',
      origin: 'json-authors-year-variants.json:11',
    });
  });

  it('skips non-objects and untitled records with record number and line', () => {
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
  ])('splitAuthors(%j)', (list, authors) => {
    expect(splitAuthors(list)).toEqual(authors);
  });

  it('takes arXiv ids and DOIs from aliases, prefixes and URLs, and ignores what is not an id', () => {
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
  it('reports the bad line and keeps the others', () => {
    const result = parseFiles([fixture('jsonl-one-bad-line.jsonl')]);
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

  it('counts records, not lines, and names the column of the error', () => {
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

describe('detectFormat', () => {
  const jsonl = '{"title": "a"}\n{"title": "b"}\n';
  it.each([
    { name: 'papers.json', text: '[{"title": "a"}]', format: 'json' },
    { name: 'papers.txt', text: '  [\n {"title": "a"}]', format: 'json' },
    { name: 'papers.json', text: '[]', format: 'json' },
    { name: 'PAPERS.JSON', text: 'not json at all', format: 'json' },
    { name: 'paper.json', text: '{\n  "title": "a",\n  "abstract": "b"\n}\n', format: 'json' },
    { name: 'papers.jsonl', text: jsonl, format: 'jsonl' },
    { name: 'papers.json', text: jsonl, format: 'jsonl' },
    { name: 'papers', text: jsonl, format: 'jsonl' },
    { name: 'papers.ndjson', text: '', format: 'jsonl' },
    { name: 'papers.json', text: `\uFEFF${jsonl}`, format: 'jsonl' },
    { name: 'hf.txt', text: defaultText.slice(0, 400), format: 'hf-daily' },
    { name: 'hf.txt (the whole default file)', text: defaultText, format: 'hf-daily' },
    { name: 'notes', text: '[Re] Reproducing a Paper\n\nWe reproduce it. It works.', format: 'hf-daily' },
    { name: 'page.md', text: 'Title\n\nAbstract.', format: 'hf-daily' },
  ])('$name → $format', ({ name, text, format }) => {
    expect(detectFormat(name.replace(/ \(.*\)$/, ''), text)).toBe(format);
  });

  it('lets content win over the extension when parsing', () => {
    const result = parseFiles([
      input('mislabelled.json', jsonl),
      input('mislabelled.txt', '[{"title": "c"}]'),
    ]);
    expect(result.papers.map((paper) => paper.title)).toEqual(['a', 'b', 'c']);
  });
});
