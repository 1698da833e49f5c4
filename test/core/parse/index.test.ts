/** parseFiles as a whole: empty files, duplicates through the pipeline's dedupe, encodings, sizes, format detection. */
import { describe, expect, it } from 'vitest';
import { dedupePapers } from '../../../src/core/dedupe';
import { detectFormat, type InputFile, parseFiles } from '../../../src/core/parse/index';
import type { ParseResult } from '../../../src/core/types';
import { abstract, fixture, input, readBytes } from './helpers';

const DEFAULT_FILE = 'data/hf-papers-mar20.txt';
const defaultText = new TextDecoder().decode(readBytes(DEFAULT_FILE));

describe('parseFiles: empty files and files without papers', () => {
  it('says that an empty file is empty, for any format', async () => {
    for (const name of ['empty.txt', 'empty.json', 'empty.jsonl']) {
      const result = await parseFiles([input(name, new Uint8Array())]);
      expect(result.papers).toEqual([]);
      expect(result.skipped).toEqual([]);
      expect(result.notices).toEqual([
        { origin: name, message: `papermap/parse: ${name}: the file is empty (0 bytes); no papers read` },
      ]);
    }
  });

  it('says that a file of blank lines (and a BOM) is empty', async () => {
    const result = await parseFiles([input('blank.txt', '\uFEFF \n\r\n\t\n')]);
    expect(result.papers).toEqual([]);
    expect(result.notices.map((notice) => notice.message)).toEqual([
      'papermap/parse: blank.txt: the file holds only blank lines; no papers read',
    ]);
  });

  it('says clearly that a header-only page has no papers', async () => {
    const result = await parseFiles([fixture('hf-no-papers.txt')]);
    expect(result.papers).toEqual([]);
    expect(result.skipped).toEqual([]);
    const messages = result.notices.map((notice) => notice.message);
    expect(messages).toContain('papermap/parse: hf-no-papers.txt: no papers found (read as hf-daily)');
    expect(
      messages.some((message) => message.includes('no title followed by an abstract in 5 paragraph(s)')),
    ).toBe(true);
  });

  it('skips abstracts that have no title, with the line, and says no papers were found', async () => {
    const result = await parseFiles([
      input('abstracts.txt', `${abstract('alpha')}\n\n${abstract('beta')}\n`),
    ]);
    expect(result.papers).toEqual([]);
    expect(result.skipped.map((record) => record.origin)).toEqual(['abstracts.txt:1', 'abstracts.txt:3']);
    expect(result.skipped[0].reason).toMatch(
      /^abstract-like paragraph \(\d+ characters\) with no title before it$/,
    );
    expect(result.notices.map((notice) => notice.message)).toContain(
      'papermap/parse: abstracts.txt: no papers found (read as hf-daily; 2 record(s) skipped)',
    );
  });

  it('says so for a JSON array with no papers in it', async () => {
    const result = await parseFiles([input('none.json', '[]')]);
    expect(result.papers).toEqual([]);
    expect(result.notices.map((notice) => notice.message)).toEqual([
      'papermap/parse: none.json: no papers found (read as json)',
    ]);
  });
});

/** What the pipeline keeps of a parse: the parse, then duplicates removed (as `buildGraph` does). */
async function parseUnique(files: InputFile[]): Promise<ParseResult> {
  const parsed = await parseFiles(files);
  const unique = dedupePapers(parsed.papers);
  return { papers: unique.papers, skipped: [...parsed.skipped, ...unique.skipped], notices: parsed.notices };
}

describe('parseFiles then dedupePapers: duplicates', () => {
  it('keeps every duplicate, for the pipeline to report', async () => {
    const parsed = await parseFiles([fixture('hf-duplicate-titles.txt')]);
    expect(parsed.papers).toHaveLength(6);
    expect(parsed.skipped).toEqual([]);
  });

  it('reports every duplicate and loses nothing: papers + skipped = records read', async () => {
    const result = await parseUnique([fixture('hf-duplicate-titles.txt')]);
    const file = 'hf-duplicate-titles.txt';
    expect(result.papers.map((paper) => paper.title)).toEqual([
      'Chain-of-Thought Prompting Elicits Reasoning in Large Language Models',
      'Self-Consistency Improves Chain of Thought Reasoning in Language Models',
      'Tree of Thoughts: Deliberate Problem Solving with Large Language Models',
    ]);
    expect(result.skipped).toEqual([
      {
        origin: `${file}:11`,
        duplicateOf: `${file}:3`,
        title: 'chain of thought prompting elicits reasoning in large language models!',
        reason: `duplicate of ${file}:3 (same title)`,
      },
      {
        origin: `${file}:17`,
        title: 'Self-Consistency Improves Chain of Thought Reasoning in Language Models',
        reason: `duplicate of ${file}:7 (same title)`,
        duplicateOf: `${file}:7`,
      },
      {
        origin: `${file}:21`,
        title: 'Tree of Thoughts: Deliberate Problem Solving with Large Language Models',
        reason: `duplicate of ${file}:15 (same title)`,
        duplicateOf: `${file}:15`,
      },
    ]);
    expect(result.papers.length + result.skipped.length).toBe(6);
    // The first Tree of Thoughts had no abstract: it takes the duplicate's.
    expect(result.papers[2].origin).toBe(`${file}:15`);
    expect(result.papers[2].abstract).toMatch(/^Language models are increasingly being deployed/);
  });

  it('finds duplicates across files: the default file read twice', async () => {
    const result = await parseUnique([input('a.txt', defaultText), input('b.txt', defaultText)]);
    expect(result.papers).toHaveLength(104);
    expect(result.skipped).toHaveLength(104);
    for (const [i, record] of result.skipped.entries()) {
      const first = result.papers[i].origin;
      expect(record.origin).toBe(first.replace('a.txt', 'b.txt'));
      expect(record.reason).toBe(`duplicate of ${first} (same title)`);
    }
  });
});

describe('parseFiles: encodings', () => {
  it('reads a file with no UTF-8 in it as Windows-1252, and says so naming the file and lines', async () => {
    const result = await parseFiles([fixture('hf-invalid-utf8.txt')]);
    expect(result.skipped).toEqual([]);
    expect(result.papers.map((paper) => paper.title)).toEqual([
      'Café Society: Measuring Latin-1 Bytes in a UTF-8 Pipeline',
      'A Clean Second Paper',
      // 0xE2 0x80 in Windows-1252: what the bytes say, not a silent replacement.
      'Truncated Sequence â€ at the End of a Title',
    ]);
    expect(result.papers[0].abstract).toContain('(café, naïve)');
    expect(result.papers[1].abstract).toBe(
      'Nothing is wrong with this record. Its abstract is plain ASCII and it must be read exactly as written, ' +
        'whatever happened to the paper above it.',
    );
    expect(result.notices[0]).toEqual({
      origin: 'hf-invalid-utf8.txt:3',
      message:
        'papermap/parse: hf-invalid-utf8.txt:3: not UTF-8: read as Windows-1252 (Latin-1), which gives the ' +
        'accented letters on line(s) 3, 5, 11; if they look wrong, save the file as UTF-8 and read it again',
    });
  });

  it('replaces bad bytes in a UTF-8 file with U+FFFD, keeps every record and names the lines', async () => {
    const text = new TextDecoder('windows-1252').decode(readBytes('test/fixtures/parse/hf-invalid-utf8.txt'));
    // The same file written as UTF-8 (so it holds real UTF-8 sequences), with one Latin-1 byte on line 7.
    const bad = new TextEncoder().encode(text);
    const at = new TextEncoder().encode(text.slice(0, text.indexOf('Clean'))).length;
    bad[at] = 0xe9;
    const result = await parseFiles([input('mixed.txt', bad)]);
    expect(result.skipped).toEqual([]);
    expect(result.papers[0].title).toBe('Café Society: Measuring Latin-1 Bytes in a UTF-8 Pipeline');
    expect(result.papers[1].title).toBe('A \uFFFDlean Second Paper');
    expect(result.papers[1].abstract).toBe(
      'Nothing is wrong with this record. Its abstract is plain ASCII and it must be read exactly as written, ' +
        'whatever happened to the paper above it.',
    );
    expect(result.notices[0]).toEqual({
      origin: 'mixed.txt:7',
      message:
        'papermap/parse: mixed.txt:7: invalid UTF-8 bytes on line(s) 7, replaced with U+FFFD (�); ' +
        'the records there are kept',
    });
  });

  it('reports no bad bytes for valid UTF-8, even one that spells U+FFFD itself', async () => {
    const result = await parseFiles([
      input('ok.txt', `Title \uFFFD ok\n\n${abstract('replacement characters')}`),
    ]);
    expect(result.papers).toHaveLength(1);
    expect(result.notices).toEqual([]);
  });

  it('decodes UTF-16 with a BOM to the same papers as UTF-8', async () => {
    const text = `Title Ünïcode\r\n\r\n${abstract('encodings')}`;
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(await parseFiles([input('f.txt', utf16)])).toEqual(await parseFiles([input('f.txt', text)]));
    expect((await parseFiles([input('f.txt', utf16)])).papers[0].title).toBe('Title Ünïcode');
  });
});

describe('parseFiles: a 1 MB abstract', () => {
  const huge = `${'Sparse masks merge many fine-tuned models into one. '.repeat(20_000)}`.trim();

  it('is read whole from a daily-papers dump, a JSON array and JSON Lines', async () => {
    expect(huge.length).toBeGreaterThan(1_000_000);
    const record = JSON.stringify({ title: 'Huge', abstract: huge });
    for (const file of [
      input('huge.txt', `Header\n\nHuge\n\n${huge}\n`),
      input('huge.json', `[\n${record},\n{"title": "Small", "abstract": "Tiny."}\n]`),
      input('huge.jsonl', `${record}\n{"title": "Small", "abstract": "Tiny."}\n`),
    ]) {
      const started = performance.now();
      const result = await parseFiles([file]);
      expect(performance.now() - started, file.name).toBeLessThan(2000);
      expect(result.papers[0].abstract, file.name).toBe(huge);
    }
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
  ])('$name → $format', async ({ name, text, format }) => {
    expect(detectFormat(name.replace(/ \(.*\)$/, ''), text)).toBe(format);
  });

  it('lets content win over the extension when parsing', async () => {
    const result = await parseFiles([
      input('mislabelled.json', jsonl),
      input('mislabelled.txt', '[{"title": "c"}]'),
    ]);
    expect(result.papers.map((paper) => paper.title)).toEqual(['a', 'b', 'c']);
  });
});
