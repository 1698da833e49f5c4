/**
 * Helpers for the tests of opening files on the page: a real drop (DataTransfer drag events, as a
 * person's drag from the file manager makes them), long tasks and build steps recorded in the page,
 * and which papers the map draws.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { FIXTURES } from './browser';

export interface FileToDrop {
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** The first `lines` records of the arXiv RSS fixture (see test/fixtures/README.md) as a JSON Lines file. */
export async function arxivJsonl(lines: number, name = `arxiv-first${lines}.jsonl`): Promise<FileToDrop> {
  const all = gunzipSync(await readFile(join(FIXTURES, 'data/arxiv-rss-first6000.jsonl.gz'))).toString(
    'utf8',
  );
  const text = `${all.split('\n').slice(0, lines).join('\n')}\n`;
  return { name, bytes: new TextEncoder().encode(text), type: 'application/x-ndjson' };
}

export async function fixtureFile(path: string): Promise<FileToDrop> {
  return {
    name: path.split('/').at(-1) ?? path,
    bytes: new Uint8Array(await readFile(join(FIXTURES, path))),
  };
}

/**
 * A drop of `files`, ready to make: the DataTransfer that holds them is built in the page first
 * (decoding a large file there is the test's work, not the page's, and is kept out of what the
 * test measures), then `drop` drags it over the page and drops it on `target`: dragenter,
 * dragover and drop, as a drag from the file manager makes them.
 */
export async function prepareDrop(
  page: Page,
  files: FileToDrop[],
): Promise<{ drop(target?: string): Promise<void> }> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const file of list) {
        const binary = atob(file.base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      return transfer;
    },
    files.map((file) => ({
      name: file.name,
      type: file.type ?? '',
      base64: Buffer.from(file.bytes).toString('base64'),
    })),
  );
  return {
    async drop(target = '#app') {
      await page.dispatchEvent(target, 'dragenter', { dataTransfer });
      await page.dispatchEvent(target, 'dragover', { dataTransfer });
      await page.dispatchEvent(target, 'drop', { dataTransfer });
      await dataTransfer.dispose();
    },
  };
}

/** Drops `files` on the page (see `prepareDrop`). */
export async function dropFiles(page: Page, files: FileToDrop[], target = '#app'): Promise<void> {
  await (await prepareDrop(page, files)).drop(target);
}

/**
 * A task that holds the page this long means work that belongs in a worker ran on the main thread:
 * any pipeline stage at 5,000 papers takes seconds there. Garbage collection and a style pass on a
 * loaded 2-core CI machine reach 100–150 ms, which is not what the tests look for.
 */
export const BLOCKING_TASK_MS = 250;

declare global {
  interface Window {
    __openWatch: {
      longTasks: { start: number; duration: number }[];
      steps: { step: string; at: number }[];
      /** When the page had a map again (`#app` no longer busy), each time. */
      ready: number[];
    };
  }
}

/**
 * Starts recording the page's long tasks, the build steps the progress card shows, and when the
 * page has a map again, with times.
 */
export async function watchBuild(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watch: Window['__openWatch'] = { longTasks: [], steps: [], ready: [] };
    window.__openWatch = watch;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        watch.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
    const card = document.querySelector('.progress-card');
    if (!card) throw new Error('the page has no progress card');
    new MutationObserver(() => {
      const step = card.hasAttribute('hidden') ? 'hidden' : ((card as HTMLElement).dataset.stage ?? '');
      if (watch.steps.at(-1)?.step !== step) watch.steps.push({ step, at: performance.now() });
    }).observe(card, { attributes: true, attributeFilter: ['data-stage', 'hidden'] });
    const app = document.getElementById('app');
    if (!app) throw new Error('the page has no #app');
    new MutationObserver(() => {
      if (app.getAttribute('aria-busy') === 'false') watch.ready.push(performance.now());
    }).observe(app, { attributes: true, attributeFilter: ['aria-busy'] });
  });
}

export function buildWatch(page: Page): Promise<Window['__openWatch']> {
  return page.evaluate(() => window.__openWatch);
}

/** How many of `keys` the map draws now. */
export function drawnCount(page: Page, keys: readonly string[]): Promise<number> {
  return page.evaluate(
    (keys) => keys.filter((key) => window.papermap?.nodeScreenPosition(key) != null).length,
    keys,
  );
}
