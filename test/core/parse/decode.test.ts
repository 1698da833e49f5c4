/**
 * Bytes → text for every format: gzip by its magic bytes, binary files refused with one message
 * that names them, UTF-8 / UTF-16 / Windows-1252, and a bad file beside good ones.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFile } from '../../../src/core/parse/decode';
import { ParseError, parseFiles } from '../../../src/core/parse/index';
import { abstract, input } from './helpers';

const PAPERS = `Daily papers\n\nSparse Attention for Long Documents\n\n${abstract('sparse attention')}\n\nDense Retrieval at Scale\n\n${abstract('dense retrieval')}\n`;
const JSONL = `${JSON.stringify({ title: 'Über Graphen', abstract: abstract('graphs') })}\n`;

const utf16 = (text: string, order: 'le' | 'be', bom = true): Uint8Array => {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const at = (bom ? 2 : 0) + 2 * i;
    out[at + (order === 'le' ? 0 : 1)] = code & 0xff;
    out[at + (order === 'le' ? 1 : 0)] = code >> 8;
  }
  return out;
};

describe('decodeFile', () => {
  it('inflates gzip found by its magic bytes, whatever the name', async () => {
    const zipped = new Uint8Array(gzipSync(Buffer.from(JSONL)));
    const decoded = await decodeFile('papers.jsonl', zipped);
    expect(decoded).toMatchObject({ text: JSONL, gzipped: true, encoding: 'UTF-8', notices: [] });
    const result = await parseFiles([input('papers.jsonl.gz', zipped)]);
    expect(result.papers.map((p) => p.title)).toEqual(['Über Graphen']);
    expect(result.files[0]).toMatchObject({ format: 'jsonl', papers: 1, error: null });
  });

  it('refuses a broken gzip file with its name', async () => {
    const zipped = new Uint8Array(gzipSync(Buffer.from(JSONL))).slice(0, 20);
    await expect(decodeFile('cut.jsonl.gz', zipped)).rejects.toThrow(/cut\.jsonl\.gz: not a valid gzip file/);
  });

  it.each([
    ['UTF-16LE with BOM', utf16(JSONL, 'le'), 'UTF-16LE'],
    ['UTF-16BE with BOM', utf16(JSONL, 'be'), 'UTF-16BE'],
    ['UTF-16LE without BOM', utf16(JSONL, 'le', false), 'UTF-16LE'],
    ['UTF-16BE without BOM', utf16(JSONL, 'be', false), 'UTF-16BE'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSONL)]), 'UTF-8'],
  ])('reads %s', async (_name, bytes, encoding) => {
    const decoded = await decodeFile('f.jsonl', bytes);
    expect(decoded.text).toBe(JSONL);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.notices).toEqual([]);
  });

  it('reads Windows-1252 bytes as what they spell, with a notice naming the file and lines', async () => {
    const bytes = Uint8Array.from(Buffer.from('Title\n\nCaf\xe9 \x93quoted\x94 na\xefve\n', 'latin1'));
    const decoded = await decodeFile('latin1.txt', bytes);
    expect(decoded.text).toBe('Title\n\nCafé “quoted” naïve\n');
    expect(decoded.encoding).toBe('Windows-1252');
    expect(decoded.notices).toHaveLength(1);
    expect(decoded.notices[0].message).toMatch(
      /^papermap\/parse: latin1\.txt:3: not UTF-8: read as Windows-1252/,
    );
  });

  it.each([
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], /this is a PNG image/],
    [
      'a PDF',
      [...Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')],
      /this is a PDF document.*export the references/,
    ],
    ['a zip archive', [0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0], /this is a zip archive/],
    ['a JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0, 16], /this is a JPEG image/],
    [
      'unknown binary',
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 9, 0x11, 0x12, 0x13, 0x14],
      /this is a binary file/,
    ],
  ])('refuses %s with one message that names it', async (_name, bytes, message) => {
    const error = await decodeFile('upload.bin', Uint8Array.from(bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toMatch(/^papermap\/parse: upload\.bin: /);
    expect((error as ParseError).message).toMatch(message);
  });
});

describe('parseFiles: a bad file beside good ones', () => {
  it('reads the good files and lists the binary one as failed, adding no records from it', async () => {
    const png = new Uint8Array(4096);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    for (let i = 8; i < png.length; i++) png[i] = (i * 7919) % 256;
    const result = await parseFiles([
      input('good.txt', PAPERS),
      input('figure.png', png),
      input('more.jsonl', JSONL),
    ]);
    expect(result.papers.map((p) => p.title)).toEqual([
      'Sparse Attention for Long Documents',
      'Dense Retrieval at Scale',
      'Über Graphen',
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.failed.map((e) => e.file)).toEqual(['figure.png']);
    expect(result.files.map((f) => [f.file, f.format, f.records, f.error === null])).toEqual([
      ['good.txt', 'hf-daily', 2, true],
      ['figure.png', null, 0, false],
      ['more.jsonl', 'jsonl', 1, true],
    ]);
  });

  it('reads every file in the forced format', async () => {
    const result = await parseFiles([input('papers.txt', JSONL)], { format: 'hf-daily' });
    expect(result.files[0].format).toBe('hf-daily');
    const detected = await parseFiles([input('papers.txt', JSONL)]);
    expect(detected.files[0].format).toBe('jsonl');
  });
});
