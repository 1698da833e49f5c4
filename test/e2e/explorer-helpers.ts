/**
 * Helpers for the explorer's end-to-end tests: the default graph built by the pipeline, the map's
 * screen positions (through the read-only `window.papermap` hook), clicks on the canvas as a
 * person makes them, downloads from the Export menu, and what a page must not have done.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { parseFiles } from '../../src/core/parse/index';
import { buildGraph } from '../../src/core/pipeline';
import { stringifyGraph } from '../../src/core/serialize';
import type { PapermapGraphJSON } from '../../src/core/types';
import { type AppUnderTest, domWatch, ROOT, type WatchedPage } from './browser';

export const SOURCE = 'data/hf-papers-mar20.txt';

export interface Point {
  x: number;
  y: number;
}

declare global {
  interface Window {
    /** The app's test hook (src/app/main.ts). */
    papermap?: { nodeScreenPosition(key: string): Point | null };
  }
}

/** The default graph, as `npm run graph -- data/hf-papers-mar20.txt` writes it. */
export async function defaultGraph(): Promise<{ graph: PapermapGraphJSON; text: string }> {
  const bytes = new Uint8Array(await readFile(join(ROOT, SOURCE)));
  const parsed = await parseFiles([{ name: SOURCE, bytes }]);
  const { graph } = await buildGraph({
    papers: parsed.papers,
    skipped: parsed.skipped,
    source: SOURCE,
  });
  const text = stringifyGraph(graph);
  return { graph, text };
}

/** Keys of the papers of `cluster`. */
export function members(graph: PapermapGraphJSON, cluster: number): string[] {
  return graph.nodes.filter((node) => node.attributes.cluster === cluster).map((node) => node.key);
}

export function paperOf(graph: PapermapGraphJSON, key: string) {
  const node = graph.nodes.find((n) => n.key === key);
  if (!node) throw new Error(`no paper ${key} in the graph`);
  return node.attributes;
}

/** Waits until the first layout has stopped moving. */
export async function settled(page: Page): Promise<void> {
  await page.locator('.map canvas[data-settled="true"]').waitFor();
}

/** Where the map draws each paper now (CSS pixels from the canvas's corner), null when not drawn. */
export function positions(page: Page, keys: readonly string[]): Promise<(Point | null)[]> {
  return page.evaluate((keys) => {
    const hook = window.papermap;
    if (!hook) throw new Error('window.papermap is missing');
    return keys.map((key) => hook.nodeScreenPosition(key));
  }, keys);
}

const same = (a: (Point | null)[], b: (Point | null)[]): boolean =>
  a.every((p, i) => {
    const q = b[i];
    return p === null || q === null ? p === q : Math.abs(p.x - q.x) < 0.05 && Math.abs(p.y - q.y) < 0.05;
  });

/** Positions once the layout and any camera flight have stopped (two reads 150 ms apart agree). */
export async function steadyPositions(page: Page, keys: readonly string[]): Promise<(Point | null)[]> {
  await settled(page);
  let last = await positions(page, keys);
  for (let attempt = 0; attempt < 60; attempt++) {
    await page.waitForTimeout(150);
    const next = await positions(page, keys);
    if (same(last, next)) return next;
    last = next;
  }
  throw new Error('the map kept moving for 9 s');
}

/**
 * The key whose node is farthest from any other drawn node (a click on it cannot hit another),
 * among `candidates` when given.
 */
export function loneKey(
  keys: readonly string[],
  points: readonly (Point | null)[],
  candidates: readonly string[] = keys,
): string {
  let best = -1;
  let bestGap = -1;
  points.forEach((p, i) => {
    if (p === null || !candidates.includes(keys[i])) return;
    let gap = Number.POSITIVE_INFINITY;
    points.forEach((q, j) => {
      if (q !== null && j !== i) gap = Math.min(gap, Math.hypot(p.x - q.x, p.y - q.y));
    });
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  });
  if (best < 0) throw new Error('no paper is drawn');
  return keys[best];
}

/** Clicks the canvas at a point given relative to it, with the real mouse. */
export async function clickMap(page: Page, point: Point): Promise<void> {
  const box = await page.locator('.map canvas').boundingBox();
  if (!box) throw new Error('the map canvas has no box');
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

/** The view in the address's hash. */
export function hashParams(page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.replace(/^#/, ''));
}

/** Keys of the papers in the list view, in order. */
export function listedKeys(page: Page): Promise<string[]> {
  return page
    .locator('.list-view .list-item')
    .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.paper ?? ''));
}

export function edgeCount(page: Page): Promise<number> {
  return page.locator('.control-note').getAttribute('data-edges').then(Number);
}

/** Opens the Export menu (if it is closed) and returns it. */
export async function exportMenu(page: Page): Promise<Locator> {
  const menu = page.locator('details.export-menu');
  if (!(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await menu.locator('> summary').click();
  }
  return menu;
}

/** Clicks an Export menu item and returns the file it saved, after the menu said so. */
export async function exportFile(
  page: Page,
  id: string,
): Promise<{ name: string; bytes: Buffer; text: string }> {
  const menu = await exportMenu(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.locator(`[data-export="${id}"]`).click(),
  ]);
  const name = download.suggestedFilename();
  expect(await download.failure()).toBeNull();
  const bytes = await readFile(await download.path());
  await expect.poll(() => menu.locator('.menu-note').textContent()).toBe(`Saved ${name}`);
  return { name, bytes, text: bytes.toString('utf8') };
}

/** A page must not log errors, throw, open dialogs, parse HTML from strings or insert images. */
export async function expectClean(watched: WatchedPage): Promise<void> {
  expect(watched.pageErrors, 'page errors').toEqual([]);
  expect(watched.consoleErrors, 'console errors').toEqual([]);
  expect(watched.dialogs, 'dialogs').toEqual([]);
  expect(watched.failedRequests, 'failed requests').toEqual([]);
  if (!watched.page.isClosed()) {
    const watch = await domWatch(watched.page);
    expect(watch.htmlWrites, 'innerHTML-like writes').toBe(0);
    expect(watch.imagesInserted, 'images inserted').toBe(0);
  }
}

/**
 * Opens pages of `app` for a test file: every page a test opens is checked for errors and dialogs
 * after the test (`expectClean`), then closed.
 */
export function checkedPages(app: AppUnderTest): {
  open(options?: string | Parameters<AppUnderTest['open']>[0]): Promise<Page>;
  openUrl(...args: Parameters<AppUnderTest['openUrl']>): Promise<WatchedPage>;
} {
  let opened: WatchedPage[] = [];
  afterEach(async () => {
    const pages = opened;
    opened = [];
    try {
      for (const watched of pages) await expectClean(watched);
    } finally {
      for (const watched of pages) await watched.close();
    }
  });
  const checked = (watched: WatchedPage): WatchedPage => {
    opened.push(watched);
    return watched;
  };
  return {
    open: async (options) =>
      checked(
        await app.open(typeof options === 'string' || options === undefined ? { hash: options } : options),
      ).page,
    openUrl: async (...args) => checked(await app.openUrl(...args)),
  };
}
