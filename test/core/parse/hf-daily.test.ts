/** The Hugging Face daily-papers page dump: the default data, paragraphs, titles without abstracts. */
import { beforeAll, describe, expect, it } from 'vitest';
import { paperKeys } from '../../../src/core/keys';
import { looksLikeAbstract, parseHfDaily, sentenceCount } from '../../../src/core/parse/hf-daily';
import { parseFiles } from '../../../src/core/parse/index';
import type { ParseResult } from '../../../src/core/types';
import { abstract, content, fixture, input, readBytes } from './helpers';

const DEFAULT_FILE = 'data/hf-papers-mar20.txt';
const defaultText = new TextDecoder().decode(readBytes(DEFAULT_FILE));
const parseDefault = (text: string | Uint8Array = defaultText): Promise<ParseResult> =>
  parseFiles([input(DEFAULT_FILE, text)]);

describe('parseFiles: the default data file', () => {
  let result: ParseResult;
  beforeAll(async () => {
    result = await parseDefault();
  });

  it('reads all 104 papers and skips nothing', async () => {
    expect(result.papers).toHaveLength(104);
    expect(result.skipped).toEqual([]);
    expect(result.papers[0].title).toBe(
      'Model Breadcrumbs: Scaling Multi-Task Model Merging with Sparse Masks',
    );
    expect(result.papers[0].abstract.startsWith('The rapid development of AI systems')).toBe(true);
    expect(result.papers[0].origin).toBe(`${DEFAULT_FILE}:11`);
    expect(result.papers[103].origin).toBe(`${DEFAULT_FILE}:423`);
  });

  it('turns no header line into a paper, and says which lines were taken as the header', async () => {
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

  it('gives every paper an abstract and an origin that points at its title line', async () => {
    const lines = defaultText.split('\n');
    for (const paper of result.papers) {
      const line = Number(paper.origin.slice(DEFAULT_FILE.length + 1));
      expect(lines[line - 1].trim()).toBe(paper.title);
      expect(lines[line + 1].trim()).toBe(paper.abstract);
      expect(paper.abstract.length).toBeGreaterThanOrEqual(200);
      expect(paper).toMatchObject({ authors: [], year: null, url: null, doi: null, arxiv: null });
    }
  });

  it('gives 104 unique keys', async () => {
    expect(new Set(paperKeys(result.papers)).size).toBe(104);
  });

  it('reads the same papers whatever the line ends, BOM, trailing spaces or final newline', async () => {
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
      expect(await parseDefault(text), name).toEqual(result);
    }
  });

  it('reads the same titles and abstracts when abstracts are wrapped and paragraphs spaced out', async () => {
    const wrapped = defaultText
      .split('\n\n')
      .map((paragraph) => paragraph.replace(/(.{1,72})(?: |$)/g, '$1\n').trimEnd())
      .join('\n\n\n\n');
    const reread = await parseDefault(wrapped);
    expect(reread.skipped).toEqual([]);
    expect(content(reread.papers)).toEqual(content(result.papers));
  });
});

describe('hf-daily: titles without abstracts and stray abstracts', () => {
  it('keeps a title followed by another title, with an empty abstract and a notice', async () => {
    const result = await parseFiles([fixture('hf-titles-without-abstracts.txt')]);
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

  it('skips an abstract-like paragraph that follows an abstract, and keeps the rest', async () => {
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

  it('reads a title longer than 200 characters when an abstract follows it', async () => {
    const title = `A Very Long Title ${'with many qualifying words '.repeat(8)}and No Sentence End`;
    expect(title.length).toBeGreaterThan(200);
    const result = parseHfDaily('long.txt', `Header\n\n${title}\n\n${abstract('long titles')}\n`);
    expect(result.papers.map((paper) => paper.title)).toEqual([title.replace(/\s+/g, ' ')]);
    expect(result.skipped).toEqual([]);
  });

  it('reads a short several-sentence abstract as an abstract, not as a title', async () => {
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
  ])('sentenceCount / looksLikeAbstract(%j)', async (text, sentences, abstractLike) => {
    expect(sentenceCount(text)).toBe(sentences);
    expect(looksLikeAbstract(text)).toBe(abstractLike);
  });
});
