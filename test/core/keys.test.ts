import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fnv1a, paperKeys, titleSlug } from '../../src/core/keys';
import { newPaper } from '../../src/core/parse/fields';
import { parseFiles } from '../../src/core/parse/index';
import type { Paper } from '../../src/core/types';

const paper = (fields: Partial<Paper>): Paper => ({ ...newPaper('test', 'A Title'), ...fields });

describe('fnv1a', () => {
  // Reference values of 32-bit FNV-1a from the FNV test suite (http://www.isthe.com/chongo/tech/comp/fnv/).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j', (text, hash) => {
    expect(fnv1a(text)).toBe(hash.toString(36));
  });

  it('hashes UTF-8 bytes', () => {
    expect(fnv1a('é')).not.toBe(fnv1a('e'));
    expect(fnv1a('é')).toBe(fnv1a('e\u0301'.normalize('NFC')));
  });
});

describe('titleSlug', () => {
  it.each([
    [
      'Model Breadcrumbs: Scaling Multi-Task Model Merging',
      'model-breadcrumbs-scaling-multi-task-model-merging',
    ],
    ['Café Naïve — Résumé', 'cafe-naive-resume'],
    ["On Giant's Shoulders", 'on-giants-shoulders'],
    ['多模态 Models', 'models'],
    ['多模态', ''],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('%j → %j', (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });

  it('stays within 60 characters and cuts at a word boundary', () => {
    const title = 'The Ultimate Guide to Fine-Tuning LLMs from Basics to Breakthroughs: An Exhaustive Review';
    const slug = titleSlug(title);
    expect(slug).toBe('the-ultimate-guide-to-fine-tuning-llms-from-basics-to');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(`${titleSlug(title.replace(/:.*/, ''))}-`.startsWith(`${slug}-`)).toBe(true);
  });
});

describe('paperKeys', () => {
  it('prefers the DOI, then the arXiv id, then the title', () => {
    expect(
      paperKeys([
        paper({ doi: '10.1000/ABC.def', arxiv: '2312.06795v2' }),
        paper({ arxiv: '2312.06795v2' }),
        paper({ arxiv: 'hep-th/9901001' }),
        paper({ title: 'Tree of Thoughts: Deliberate Problem Solving' }),
        paper({ title: '多模态' }),
      ]),
    ).toEqual([
      'doi:10.1000/abc.def',
      'arxiv:2312.06795',
      'arxiv:hep-th/9901001',
      'tree-of-thoughts-deliberate-problem-solving',
      `paper-${fnv1a('多模态')}`,
    ]);
  });

  it('adds a hash of title + abstract to every key in a collision', () => {
    const a = paper({ title: 'Scaling Laws', abstract: 'For language.' });
    const b = paper({ title: 'Scaling laws!', abstract: 'For vision.' });
    const c = paper({ title: 'Other' });
    expect(paperKeys([a, b, c])).toEqual([
      `scaling-laws-${fnv1a('Scaling Laws\nFor language.')}`,
      `scaling-laws-${fnv1a('Scaling laws!\nFor vision.')}`,
      'other',
    ]);
  });

  it('falls back to the index for identical records, and keys stay unique', () => {
    const a = paper({ title: 'Same', abstract: 'Same.' });
    const keys = paperKeys([a, { ...a }, { ...a }]);
    expect(keys[0]).toBe(`same-${fnv1a('Same\nSame.')}`);
    expect(keys[1]).toBe(`same-${fnv1a('Same\nSame.\n1')}`);
    expect(new Set(keys).size).toBe(3);
  });

  it('never gives a hashed key that another paper has as its own key', () => {
    const a = paper({ title: 'Foo', abstract: 'one' });
    const b = paper({ title: 'Foo', abstract: 'two' });
    const squatter = paper({ title: `Foo ${fnv1a('Foo\none')}` });
    const keys = paperKeys([a, b, squatter]);
    expect(keys[2]).toBe(`foo-${fnv1a('Foo\none')}`);
    expect(new Set(keys).size).toBe(3);
  });

  it('is deterministic and independent of the other papers and their order', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../data/hf-papers-mar20.txt', import.meta.url)));
    const { papers } = await parseFiles([{ name: 'hf.txt', bytes }]);
    const keys = paperKeys(papers);
    expect(paperKeys(papers)).toEqual(keys);
    expect(new Set(keys).size).toBe(papers.length);
    const reversed = paperKeys([...papers].reverse());
    expect(reversed).toEqual([...keys].reverse());
    // Each paper alone gets the key it gets among all the others.
    papers.forEach((p, i) => {
      expect(paperKeys([p])).toEqual([keys[i]]);
    });
  });

  it('gives unique keys under heavy collisions', () => {
    const papers = Array.from({ length: 500 }, (_, i) =>
      paper({ title: `Title ${i % 7}`, abstract: `A${i % 13}`, doi: i % 50 === 0 ? '10.1/same' : null }),
    );
    const keys = paperKeys(papers);
    expect(new Set(keys).size).toBe(500);
    expect(paperKeys(papers)).toEqual(keys);
  });

  it('returns nothing for nothing', () => {
    expect(paperKeys([])).toEqual([]);
  });
});
