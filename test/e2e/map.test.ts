/**
 * The map alone (bench/map.html, a Vite build of src/app/map with nothing else) on the default
 * graph, in real Chromium: every paper drawn inside the canvas, a layout that settles the same way
 * every time, clicks and hovers that reach the right paper, hidden papers out of reach, keys that
 * move the view, and a PNG export.
 */
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchHandle } from '../../bench/map';
import { buildMapPage, openMap } from '../../scripts/bench-frames';
import type { PapermapGraphJSON } from '../../src/core/types';
import { launchChromium, ROOT, type StaticServer, serveStatic } from './browser';

type MapWindow = Window & { papermapBench: BenchHandle };
const VIEWPORT = { width: 1000, height: 700 };
const LIGHT_BG = [0xfb, 0xfb, 0xfa];
const DARK_BG = [0x13, 0x15, 0x19];

let browser: Browser | undefined;
let server: StaticServer | undefined;
let dir = '';
let graph: PapermapGraphJSON;
let setupError: unknown;
const pages: Page[] = [];

beforeAll(async () => {
  try {
    dir = await buildMapPage();
    // The default graph, built fresh from the default papers (public/graph.json may be stale).
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/graph.ts',
        'data/hf-papers-mar20.txt',
        '--out',
        join(dir, 'graph.json'),
        '--quiet',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } },
    );
    if (run.status !== 0) throw new Error(`building the default graph failed:\n${run.stderr}`);
    graph = JSON.parse(await readFile(join(dir, 'graph.json'), 'utf8')) as PapermapGraphJSON;
    server = await serveStatic(dir);
    browser = await launchChromium();
  } catch (error) {
    setupError = error;
  }
});

afterAll(async () => {
  for (const page of pages) await page.context().close();
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A fresh page with the settled map of the default graph. */
async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  if (!browser || !server) throw setupError ?? new Error('map e2e: setup did not run');
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme });
  const page = await context.newPage();
  pages.push(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Counts animation frames the page asks for, to check that an idle map asks for none.
  await page.addInitScript(() => {
    const counter = window as unknown as { rafCalls: number };
    counter.rafCalls = 0;
    const request = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      counter.rafCalls++;
      return request(callback);
    };
  });
  await openMap(page, server.url, '/graph.json');
  expect(errors).toEqual([]);
  return page;
}

/** Screen positions of every node (null when hidden), in CSS pixels relative to the canvas. */
function screenPositions(page: Page): Promise<({ x: number; y: number } | null)[]> {
  return page.evaluate(() => {
    const { map, nodes } = (window as unknown as MapWindow).papermapBench;
    return nodes.map((_, i) => map.nodeScreenPosition(i));
  });
}

/** Nodes whose centre hit-tests to themselves (not under a bigger neighbour), largest first. */
async function clickableNodes(page: Page, count: number): Promise<{ i: number; x: number; y: number }[]> {
  return page.evaluate((count) => {
    const { map, nodes } = (window as unknown as MapWindow).papermapBench;
    const { width, height } = map.canvas.getBoundingClientRect();
    const found: { i: number; x: number; y: number }[] = [];
    const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].radius - nodes[a].radius);
    for (const i of order) {
      const p = map.nodeScreenPosition(i);
      if (!p || p.x < 10 || p.y < 10 || p.x > width - 10 || p.y > height - 10) continue;
      if (map.nodeAt(p.x, p.y) === i) found.push({ i, ...p });
      if (found.length === count) break;
    }
    return found;
  }, count);
}

async function canvasOrigin(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('canvas').boundingBox();
  if (!box) throw new Error('map e2e: the canvas has no box');
  return box;
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('the map on the default graph', () => {
  it('settles, and stops: data-settled is set and positions no longer move', async () => {
    const page = await open();
    await expect(page.locator('canvas').getAttribute('data-settled')).resolves.toBe('true');
    const before = await screenPositions(page);
    await page.waitForTimeout(300);
    expect(await screenPositions(page)).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as MapWindow).papermapBench.map.settled)).toBe(true);
  });

  it('lays out the same way every time (seeded)', async () => {
    const layout = (page: Page) =>
      page.evaluate(() => [...(window as unknown as MapWindow).papermapBench.map.positions()]);
    const first = await layout(await open());
    const second = await layout(await open());
    expect(first).toHaveLength(graph.nodes.length);
    expect(second).toEqual(first);
    expect(first.map(([key]) => key)).toEqual(graph.nodes.map((node) => node.key));
    for (const [, p] of first) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('draws every node inside the canvas, in colour on the background', async () => {
    const page = await open();
    const positions = await screenPositions(page);
    expect(positions).toHaveLength(graph.nodes.length);
    for (const p of positions) {
      expect(p).not.toBeNull();
      expect(p?.x).toBeGreaterThanOrEqual(0);
      expect(p?.x).toBeLessThanOrEqual(VIEWPORT.width);
      expect(p?.y).toBeGreaterThanOrEqual(0);
      expect(p?.y).toBeLessThanOrEqual(VIEWPORT.height);
    }
    // Pixels at node centres, and in the corner (background, inside the fit margin).
    const pixels = await page.evaluate(() => {
      const { map, nodes } = (window as unknown as MapWindow).papermapBench;
      const ctx = map.canvas.getContext('2d');
      if (!ctx) throw new Error('no context');
      const ratio = map.canvas.width / map.canvas.getBoundingClientRect().width;
      const at = (x: number, y: number) => [
        ...ctx.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data,
      ];
      return {
        nodes: nodes.map((_, i) => {
          const p = map.nodeScreenPosition(i);
          return p ? at(p.x, p.y) : null;
        }),
        corner: at(3, 3),
      };
    });
    expect(pixels.corner.slice(0, 3)).toEqual(LIGHT_BG);
    const painted = pixels.nodes.filter(
      (rgba) => rgba !== null && rgba.slice(0, 3).join() !== LIGHT_BG.join(),
    );
    // A cluster name's halo may cover a few centres; nearly all show their node's colour.
    expect(painted.length).toBeGreaterThanOrEqual(Math.floor(graph.nodes.length * 0.9));
  });

  it('reports a click on a node with its index, and on the background with null', async () => {
    const page = await open();
    const origin = await canvasOrigin(page);
    const targets = await clickableNodes(page, 5);
    expect(targets).toHaveLength(5);
    const before = await screenPositions(page);
    for (const { i, x, y } of targets) {
      await page.mouse.click(origin.x + x, origin.y + y);
      const clicks = await page.evaluate(() => (window as unknown as MapWindow).papermapBench.clicks);
      expect(clicks.at(-1)).toBe(i);
    }
    await page.mouse.click(origin.x + 3, origin.y + 3);
    const clicks = await page.evaluate(() => (window as unknown as MapWindow).papermapBench.clicks);
    expect(clicks).toEqual([...targets.map((t) => t.i), null]);
    // A click is not a drag: the layout stays where it was.
    await expect(page.locator('canvas').getAttribute('data-settled')).resolves.toBe('true');
    expect(await screenPositions(page)).toEqual(before);
  });

  it('shows the hovered paper’s title, and hides it when the pointer leaves', async () => {
    const page = await open();
    const origin = await canvasOrigin(page);
    const [target] = await clickableNodes(page, 1);
    await page.mouse.move(origin.x + target.x, origin.y + target.y);
    const tooltip = page.locator('.papermap-tooltip');
    await expect(tooltip.isVisible()).resolves.toBe(true);
    await expect(tooltip.textContent()).resolves.toBe(graph.nodes[target.i].attributes.title);
    await page.mouse.move(origin.x + 3, origin.y + 3);
    await expect(tooltip.isVisible()).resolves.toBe(false);
    const hovers = await page.evaluate(() => (window as unknown as MapWindow).papermapBench.hovers);
    expect(hovers).toEqual([target.i, null]);
  });

  it('keeps hidden nodes out of reach: no position, no hit, no click', async () => {
    const page = await open();
    const origin = await canvasOrigin(page);
    const [target] = await clickableNodes(page, 1);
    const result = await page.evaluate(({ i, x, y }) => {
      const { map, view } = (window as unknown as MapWindow).papermapBench;
      const before = map.nodeAt(x, y);
      const visible = view.visible.slice();
      visible[i] = 0;
      map.update({ ...view, visible, edges: view.edges.filter((e) => e.source !== i && e.target !== i) });
      return { before, after: map.nodeAt(x, y), position: map.nodeScreenPosition(i) };
    }, target);
    expect(result.before).toBe(target.i);
    expect(result.after).not.toBe(target.i);
    expect(result.position).toBeNull();
    await page.mouse.click(origin.x + target.x, origin.y + target.y);
    await page.mouse.move(origin.x + target.x, origin.y + target.y);
    const { clicks, hovers } = await page.evaluate(() => (window as unknown as MapWindow).papermapBench);
    expect(clicks).not.toContain(target.i);
    expect(hovers).not.toContain(target.i);
  });

  it('is focusable and described, pans with the arrow keys and zooms with + and −', async () => {
    const page = await open();
    const canvas = page.locator('canvas');
    await expect(canvas.getAttribute('tabindex')).resolves.toBe('0');
    await expect(canvas.getAttribute('aria-label')).resolves.toMatch(
      new RegExp(`^Map of ${graph.nodes.length} papers in ${graph.attributes.clusters.length} clusters`),
    );
    await canvas.focus();
    const at = async () => (await screenPositions(page))[0] as { x: number; y: number };
    const start = await at();
    await page.keyboard.press('ArrowLeft');
    const panned = await at();
    expect(panned.x - start.x).toBeCloseTo(60, 5);
    expect(panned.y).toBeCloseTo(start.y, 5);
    // Zooming about the centre moves a point away from the centre by the factor.
    const centre = { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
    await page.keyboard.press('+');
    const zoomed = await at();
    expect(zoomed.x - centre.x).toBeCloseTo((panned.x - centre.x) * 1.3, 3);
    await page.keyboard.press('-');
    const back = await at();
    expect(back.x).toBeCloseTo(panned.x, 3);
  });

  it('focuses a paper: centred, zoomed in far enough to read titles', async () => {
    const page = await open();
    const { p, scale, radius } = await page.evaluate(async () => {
      const { map, nodes } = (window as unknown as MapWindow).papermapBench;
      const target = nodes.findIndex((node) => node.radius === Math.min(...nodes.map((n) => n.radius)));
      map.focus(target);
      await new Promise((done) => setTimeout(done, 900));
      // The scale, from two nodes' screen and layout distances.
      const layout = map.positions();
      const [a, b] = [nodes[0], nodes[1]].map((node) => layout.get(node.key) as { x: number; y: number });
      const [sa, sb] = [0, 1].map((i) => map.nodeScreenPosition(i) as { x: number; y: number });
      const scale = Math.hypot(sa.x - sb.x, sa.y - sb.y) / Math.hypot(a.x - b.x, a.y - b.y);
      return { p: map.nodeScreenPosition(target), scale, radius: nodes[target].radius };
    });
    expect(p?.x).toBeCloseTo(VIEWPORT.width / 2, 0);
    expect(p?.y).toBeCloseTo(VIEWPORT.height / 2, 0);
    // Titles are drawn from 4.5 CSS pixels of radius on screen.
    expect(scale * radius).toBeGreaterThanOrEqual(4.5);
  });

  it('asks for no frames once settled and idle (drawing is on demand)', async () => {
    const page = await open();
    const frames = () => page.evaluate(() => (window as unknown as { rafCalls: number }).rafCalls);
    await page.waitForTimeout(200);
    const before = await frames();
    await page.waitForTimeout(500);
    expect(await frames()).toBe(before);
    // A change asks for exactly one frame.
    await page.evaluate(() => (window as unknown as MapWindow).papermapBench.map.panBy(5, 0));
    await page.waitForTimeout(200);
    expect(await frames()).toBe(before + 1);
  });

  it('drags a node: it follows the pointer, no click is reported, and the layout settles again', async () => {
    const page = await open();
    const origin = await canvasOrigin(page);
    const [target] = await clickableNodes(page, 1);
    await page.mouse.move(origin.x + target.x, origin.y + target.y);
    await page.mouse.down();
    const to = { x: target.x + 40, y: target.y + 30 };
    await page.mouse.move(origin.x + to.x, origin.y + to.y, { steps: 8 });
    await expect(page.locator('canvas').getAttribute('data-settled')).resolves.toBe('false');
    const held = (await screenPositions(page))[target.i];
    expect(held?.x).toBeCloseTo(to.x, 0);
    expect(held?.y).toBeCloseTo(to.y, 0);
    await page.mouse.up();
    await page.locator('canvas[data-settled="true"]').waitFor({ timeout: 10_000 });
    const { clicks } = await page.evaluate(() => (window as unknown as MapWindow).papermapBench);
    expect(clicks).toEqual([]);
  });

  it('exports the view as a PNG at twice the CSS size', async () => {
    const page = await open();
    const { type, size, bytes } = await page.evaluate(async () => {
      const blob = await (window as unknown as MapWindow).papermapBench.map.toPNG();
      const head = new Uint8Array(await blob.slice(0, 24).arrayBuffer());
      return { type: blob.type, size: blob.size, bytes: [...head] };
    });
    expect(type).toBe('image/png');
    expect(size).toBeGreaterThan(10_000);
    const png = Uint8Array.from(bytes);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: VIEWPORT.width * 2, height: VIEWPORT.height * 2 });
  });

  it('follows a dark page: the background comes from --map-bg', async () => {
    const page = await open('dark');
    const corner = await page.evaluate(() => {
      const ctx = (window as unknown as MapWindow).papermapBench.map.canvas.getContext('2d');
      return [...(ctx?.getImageData(1, 1, 1, 1).data ?? [])].slice(0, 3);
    });
    expect(corner).toEqual(DARK_BG);
  });
});
