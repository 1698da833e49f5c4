/**
 * A field-sized map in real Chromium: 45,000 papers in 50 clusters (generated, seeded:
 * `large-graph.ts`). The page loads it with a progress line and shows the final map without a
 * simulation, opens papers by click and by search, keeps its names apart at every zoom, gives 50
 * clusters 50 colours, and drags a paper. A stack overflow on a large array (`Math.max(...)`) or
 * a map that never settles would fail here, whatever the timing.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DrawnLabel } from '../../src/app/map/types';
import type { PapermapGraphJSON } from '../../src/core/types';
import { useApp } from './browser';
import { checkedPages, clickMap, type Point } from './explorer-helpers';
import { syntheticGraph, UNIQUE_WORD } from './large-graph';

const PAPERS = 45_000;
const CLUSTERS = 50;
const app = useApp();
const { open } = checkedPages(app);
let graph: PapermapGraphJSON;
let uniqueKey: string;

declare global {
  interface Window {
    /** Every value the map canvas's data-settled took, and every text of the loading line. */
    __largeWatch: { settled: string[]; loading: string[] };
  }
}

type LabelHook = { labels(): readonly DrawnLabel[] };

beforeAll(async () => {
  ({ graph, uniqueKey } = syntheticGraph({ papers: PAPERS, clusters: CLUSTERS, k: 4, seed: 7 }));
  await app.putGraph({ contents: JSON.stringify(graph) });
}, 120_000);

/** Opens the app with a watch on the canvas's settled flag and the loading line, from the start. */
async function openWatched(): Promise<Page> {
  return open({
    init: () => {
      const watch = { settled: [] as string[], loading: [] as string[] };
      window.__largeWatch = watch;
      new MutationObserver(() => {
        const canvas = document.querySelector('.map canvas');
        const value = canvas?.getAttribute('data-settled');
        if (value && watch.settled.at(-1) !== value) watch.settled.push(value);
        const line = document.querySelector('.load-progress');
        const text = line?.textContent ?? '';
        if (text && watch.loading.at(-1) !== text) watch.loading.push(text);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    },
  });
}

function labels(page: Page): Promise<DrawnLabel[]> {
  return page.evaluate(() => [...(window.papermap as unknown as LabelHook).labels()]);
}

function overlaps(a: DrawnLabel, b: DrawnLabel): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

async function wheelAt(page: Page, point: Point, steps: number): Promise<void> {
  const box = await page.locator('.map canvas').boundingBox();
  if (!box) throw new Error('the map canvas has no box');
  await page.mouse.move(box.x + point.x, box.y + point.y);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(40);
  }
  // d3-zoom ends a wheel gesture 150 ms after the last event; the full frame follows.
  await page.waitForTimeout(400);
}

async function screenOf(page: Page, key: string): Promise<Point | null> {
  return page.evaluate((key) => window.papermap?.nodeScreenPosition(key) ?? null, key);
}

describe('a 45,000-paper map', () => {
  it('loads with a progress line into a final map (no simulation), and opens a paper by search and by click', async () => {
    const page = await openWatched();
    await page.locator('.map canvas[data-settled="true"]').waitFor();
    const watch = await page.evaluate(() => window.__largeWatch);
    // Final from its first frame: the canvas never said it was still moving.
    expect(watch.settled).toEqual(['true']);
    expect(watch.loading.some((text) => /Loading/.test(text))).toBe(true);
    await expect(page.locator('.load-progress').count()).resolves.toBe(0);
    await expect(page.locator('.map canvas').getAttribute('aria-label')).resolves.toMatch(
      /^Map of 45,000 papers in 50 clusters/,
    );

    // Search for the word only one abstract has; Enter opens it.
    await page.locator('#search').fill(UNIQUE_WORD);
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 30_000 })
      .toBe('1 match');
    await page.locator('#search').press('Enter');
    const unique = graph.nodes.find((node) => node.key === uniqueKey);
    await expect.poll(() => page.locator('#paper-panel-title').textContent()).toBe(unique?.attributes.title);

    // Zoomed in on it now: click one of its neighbours on the canvas.
    const neighbour = graph.edges.find((edge) => edge.source === uniqueKey)?.target ?? '';
    await expect.poll(async () => (await screenOf(page, neighbour)) !== null).toBe(true);
    await page.waitForTimeout(800); // the camera's flight
    const at = await screenOf(page, neighbour);
    if (!at) throw new Error('the neighbour is not drawn');
    await clickMap(page, at);
    const title = graph.nodes.find((node) => node.key === neighbour)?.attributes.title;
    await expect.poll(() => page.locator('#paper-panel-title').textContent()).toBe(title);
  });

  it('gives 50 clusters 50 distinct colours, in the legend and on the map', async () => {
    const page = await openWatched();
    await page.locator('.map canvas[data-settled="true"]').waitFor();
    const legend = await page
      .locator('.legend-item .swatch')
      .evaluateAll((items) => items.map((item) => getComputedStyle(item).backgroundColor));
    expect(legend).toHaveLength(CLUSTERS);
    expect(new Set(legend).size).toBe(CLUSTERS);
    expect(new Set(graph.attributes.clusters.map((c) => c.color)).size).toBe(CLUSTERS);

    // On the canvas: the pixel under a paper of each cluster, away from any label, has its colour.
    const drawn = await labels(page);
    const samples: { cluster: number; point: Point }[] = [];
    for (const cluster of graph.attributes.clusters) {
      const keys = graph.nodes
        .filter((node) => node.attributes.cluster === cluster.id)
        .map((node) => node.key);
      for (const key of keys.slice(Math.floor(keys.length / 3))) {
        const p = await screenOf(page, key);
        if (!p) continue;
        const clear = drawn.every(
          (l) => p.x < l.x0 - 4 || p.x > l.x1 + 4 || p.y < l.y0 - 4 || p.y > l.y1 + 4,
        );
        if (clear) {
          samples.push({ cluster: cluster.id, point: p });
          break;
        }
      }
    }
    const pixels = await page.locator('.map canvas').evaluate(
      (element, points) => {
        const canvas = element as HTMLCanvasElement;
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        const context = canvas.getContext('2d');
        return points.map(({ x, y }) => [
          ...(context?.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data ?? []),
        ]);
      },
      samples.map((s) => s.point),
    );
    const hex = (rgb: number[]): number[] => rgb.slice(0, 3);
    let matching = 0;
    samples.forEach((sample, i) => {
      const color = graph.attributes.clusters[sample.cluster].color;
      const want = [1, 3, 5].map((o) => Number.parseInt(color.slice(o, o + 2), 16));
      const got = hex(pixels[i]);
      if (want.every((v, c) => Math.abs(v - got[c]) <= 40)) matching++;
    });
    // Papers overlap their neighbours' edges and dots here and there: nearly all must match.
    expect(samples.length).toBeGreaterThanOrEqual(45);
    expect(matching).toBeGreaterThanOrEqual(Math.floor(samples.length * 0.85));
  });

  it('keeps names apart at three zoom levels, with more and finer names as it zooms in', async () => {
    const page = await openWatched();
    await page.locator('.map canvas[data-settled="true"]').waitFor();
    const box = await page.locator('.map canvas').boundingBox();
    if (!box) throw new Error('no canvas box');
    const centre = { x: box.width / 2, y: box.height / 2 };
    const levels: DrawnLabel[][] = [await labels(page)];
    await wheelAt(page, centre, 4);
    levels.push(await labels(page));
    await wheelAt(page, centre, 6);
    levels.push(await labels(page));
    for (const level of levels) {
      expect(level.length).toBeGreaterThan(0);
      for (let a = 0; a < level.length; a++)
        for (let b = a + 1; b < level.length; b++) expect(overlaps(level[a], level[b])).toBe(false);
      for (const l of level) {
        expect(l.x0).toBeGreaterThanOrEqual(0);
        expect(l.x1).toBeLessThanOrEqual(box.width);
      }
    }
    // The fitted map names clusters; zoomed in, names of regions inside them and titles come.
    expect(levels[0].some((l) => l.kind === 'cluster')).toBe(true);
    const finer = (level: DrawnLabel[]) => level.filter((l) => l.kind !== 'cluster').length;
    expect(finer(levels[2])).toBeGreaterThan(finer(levels[0]));
    expect(levels[2].some((l) => l.kind === 'region' || l.kind === 'title')).toBe(true);
  });

  it('drags a paper with its neighbourhood, leaves far papers where they were, and settles', async () => {
    const page = await openWatched();
    await page.locator('.map canvas[data-settled="true"]').waitFor();
    // Zoom in on the paper found by search, so it is large enough to take hold of.
    await page.locator('#search').fill(UNIQUE_WORD);
    await expect
      .poll(() => page.locator('.search-status').textContent(), { timeout: 30_000 })
      .toBe('1 match');
    await page.locator('#search').press('Enter');
    await page.waitForTimeout(900);
    await page.locator('#search').fill('');
    await page.waitForTimeout(200);
    const from = await screenOf(page, uniqueKey);
    if (!from) throw new Error('the paper is not drawn');
    const far = graph.nodes[0].key;
    const farBefore = await screenOf(page, far);
    const box = await page.locator('.map canvas').boundingBox();
    if (!box) throw new Error('no canvas box');
    await page.mouse.move(box.x + from.x, box.y + from.y);
    await page.mouse.down();
    const to = { x: from.x + 60, y: from.y + 40 };
    await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 12 });
    await expect(page.locator('.map canvas').getAttribute('data-settled')).resolves.toBe('false');
    const held = await screenOf(page, uniqueKey);
    expect(held?.x).toBeCloseTo(to.x, 0);
    expect(held?.y).toBeCloseTo(to.y, 0);
    await page.mouse.up();
    await page.locator('.map canvas[data-settled="true"]').waitFor({ timeout: 10_000 });
    expect(await screenOf(page, far)).toEqual(farBefore);
  });
});
