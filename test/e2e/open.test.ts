/**
 * Opening one's own files on the page, in Chromium: a real drop (or the "Open papers…" file input)
 * builds the map in a worker with the same pipeline as the CLI and shows it in place of the default
 * one; problems are listed as text with their file and line, and a file that cannot be read leaves
 * the map alone; a papermap graph opens as it is; Cancel stops the build (and its workers) and
 * keeps the map; the page has no long task while it builds; the way back brings the default map.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiles } from '../../src/core/parse/index';
import { buildGraph } from '../../src/core/pipeline';
import type { PapermapGraphJSON } from '../../src/core/types';
import { useApp } from './browser';
import {
  checkedPages,
  defaultGraph,
  exportFile,
  hashParams,
  listedKeys,
  SOURCE,
  settled,
} from './explorer-helpers';
import {
  arxivJsonl,
  BLOCKING_TASK_MS,
  buildWatch,
  drawnCount,
  dropFiles,
  type FileToDrop,
  fixtureFile,
  prepareDrop,
  watchBuild,
} from './open-helpers';

const app = useApp();
let defaultKeys: string[];
let saved = '';

beforeAll(async () => {
  const built = await defaultGraph();
  defaultKeys = built.graph.nodes.map((node) => node.key);
  await app.putGraph({ contents: built.text });
  saved = await mkdtemp(join(tmpdir(), 'papermap-open-'));
});
afterAll(async () => {
  if (saved) await rm(saved, { recursive: true, force: true });
});

// Every page a test opens is checked for errors and dialogs, then closed.
const pages = checkedPages(app);
async function open(): Promise<Page> {
  const page = await pages.open();
  await settled(page);
  return page;
}

/** The graph the CLI's pipeline makes of `files`, to compare with what the page shows. */
async function pipelineGraph(files: FileToDrop[]): Promise<PapermapGraphJSON> {
  const parsed = await parseFiles(files.map((file) => ({ name: file.name, bytes: file.bytes })));
  const source = files.map((file) => file.name).join(', ');
  return (await buildGraph({ papers: parsed.papers, skipped: parsed.skipped, source })).graph;
}

const source = (page: Page) => page.locator('.app-header .source').textContent();

/** Waits for the header to name `text` as what is shown, then for the new map's layout to settle. */
async function shown(page: Page, text: string): Promise<void> {
  await page.locator('.app-header .source', { hasText: text }).waitFor({ timeout: 120_000 });
  await settled(page);
}

/** The default map is still the one shown, every paper of it drawn. */
async function expectDefaultMap(page: Page): Promise<void> {
  expect(await source(page)).toBe(SOURCE);
  expect(await drawnCount(page, defaultKeys)).toBe(defaultKeys.length);
}

/**
 * Listeners on the document and the window by event type, and canvases alive after a garbage
 * collection (through the DevTools protocol): what a map taken down must not leave behind.
 */
async function pageFootprint(page: Page): Promise<{ listeners: Record<string, number>; canvases: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const listeners: Record<string, number> = {};
    for (const target of ['document', 'window']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: target });
      if (!result.objectId) throw new Error(`no ${target}`);
      const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      for (const listener of found.listeners) {
        const name = `${target} ${listener.type}`;
        listeners[name] = (listeners[name] ?? 0) + 1;
      }
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { result: prototype } = await cdp.send('Runtime.evaluate', {
      expression: 'HTMLCanvasElement.prototype',
    });
    if (!prototype.objectId) throw new Error('no canvas prototype');
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
    const { result: count } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    });
    return { listeners, canvases: Number(count.value) };
  } finally {
    await cdp.detach();
  }
}

const problemLines = (page: Page, kind: string) =>
  page.locator(`.problems-card .problem-group[data-kind="${kind}"] li`).allTextContents();

describe('dropping papers files', () => {
  it('maps a dropped BibTeX export with the pipeline and draws every paper of it', async () => {
    const file = await fixtureFile('parse/bibtex/zotero-export.bib');
    const expected = await pipelineGraph([file]);
    const keys = expected.nodes.map((node) => node.key);
    expect(keys).toHaveLength(6);
    const page = await open();
    await page.locator('.drop-overlay').waitFor({ state: 'hidden' });
    await dropFiles(page, [file]);
    await shown(page, `dropped file: ${file.name}`);
    // The page's map is the CLI pipeline's graph: the same papers and the same named clusters.
    expect(await drawnCount(page, keys)).toBe(keys.length);
    expect(await drawnCount(page, defaultKeys)).toBe(0);
    expect((await listedKeys(page)).sort()).toEqual([...keys].sort());
    expect(await page.locator('.legend-label').allTextContents()).toEqual(
      expected.attributes.clusters.map((cluster) => cluster.label),
    );
    await expect(page.locator('.map canvas').getAttribute('aria-label')).resolves.toMatch(
      new RegExp(`^Map of 6 papers in ${expected.attributes.clusters.length} clusters?`),
    );
    // LaTeX in the export ({\'e}, braces) is clean text on the page.
    await expect(
      page.locator('.list-item', { hasText: 'Rényi Divergence and Kullback-Leibler Divergence' }).count(),
    ).resolves.toBe(1);
    expect(await page.title()).toBe(`papermap · dropped file: ${file.name}`);
    // Nothing to report about a clean file; the progress card is gone.
    await expect(page.locator('.problems-card').isHidden()).resolves.toBe(true);
    await expect(page.locator('.progress-card').isHidden()).resolves.toBe(true);
    // The URL says a map opened from a file is shown; the view still goes into the hash.
    expect(hashParams(page).get('map')).toBe('opened');
    await page.locator('.list-item').first().click();
    expect(hashParams(page).get('paper')).toBe(
      await page.locator('.list-item').first().getAttribute('data-paper'),
    );
  });

  it('maps a JSON Lines file of 200 papers to the graph the CLI pipeline makes of it', async () => {
    const file = await arxivJsonl(200);
    const expected = await pipelineGraph([file]);
    const page = await open();
    await dropFiles(page, [file]);
    await shown(page, `dropped file: ${file.name}`);
    const keys = expected.nodes.map((node) => node.key);
    expect(await drawnCount(page, keys)).toBe(200);
    expect(await page.locator('.legend-label').allTextContents()).toEqual(
      expected.attributes.clusters.map((cluster) => cluster.label),
    );
    // The whole graph, as the page exports it, is the pipeline's but for the positions, which the
    // map's layout moved. Weights and the order of each edge's terms are the same to the last bit
    // because the core's logarithm is the same in every engine (src/core/portable-math.ts).
    const exported = JSON.parse((await exportFile(page, 'graph-json')).text) as PapermapGraphJSON;
    const comparable = (graph: PapermapGraphJSON) => ({
      ...graph,
      nodes: graph.nodes.map(({ key, attributes: { x: _x, y: _y, ...rest } }) => ({ key, attributes: rest })),
    });
    expect(comparable(exported)).toEqual(comparable(expected));
  });

  it('comes back to the default papers, leaving no listener or map of the other one behind', async () => {
    const page = await open();
    const before = await pageFootprint(page);
    const file = await fixtureFile('parse/jsonl-one-bad-line.jsonl');
    const back = page.getByRole('button', { name: 'Back to the default papers' });
    for (let round = 0; round < 3; round++) {
      await page.setInputFiles('#open-files', {
        name: 'three.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(file.bytes),
      });
      await shown(page, 'opened file: three.jsonl');
      await back.click();
      await settled(page);
    }
    await expectDefaultMap(page);
    await expect(back.isHidden()).resolves.toBe(true);
    expect(hashParams(page).has('map')).toBe(false);
    // The explorers taken down left no listener on the document or the window, and no canvas alive.
    const after = await pageFootprint(page);
    expect(after.listeners).toEqual(before.listeners);
    // The map's offscreen canvases (the pan picture, the dot layer) come with its first frames:
    // fewer than before is fine, more would be a map left behind.
    expect(after.canvases).toBeGreaterThanOrEqual(1);
    expect(after.canvases).toBeLessThanOrEqual(before.canvases);
    // The default map works as before: `/` goes to its search box, and its search finds papers.
    await page.keyboard.press('/');
    await page.keyboard.type('language');
    await expect.poll(() => page.locator('.search-status').textContent()).toMatch(/^\d+ match/);
  });

  it('says why a reload of an opened map’s link shows the default papers', async () => {
    const page = await open();
    await page.evaluate(() => history.replaceState(null, '', '#map=opened&q=language'));
    await page.reload();
    await page.locator('#app[aria-busy="false"]').waitFor();
    await settled(page);
    await expectDefaultMap(page);
    await expect(page.locator('.open-note').textContent()).resolves.toBe(
      'The link was to a map opened from files, which the page does not keep: showing the default papers.',
    );
    expect(hashParams(page).has('map')).toBe(false);
    await expect(page.locator('#search').inputValue()).resolves.toBe('');
  });

  it('lists every skipped record and warning with its file and line, and still maps the good records', async () => {
    const broken = await fixtureFile('parse/bibtex/unclosed-brace.bib');
    const jabref = await fixtureFile('parse/bibtex/jabref.bib');
    const jsonl = await fixtureFile('parse/jsonl-one-bad-line.jsonl');
    const page = await open();
    await dropFiles(page, [broken, jabref, jsonl]);
    await shown(page, `dropped files: ${broken.name}, ${jabref.name}, ${jsonl.name}`);
    const card = page.locator('.problems-card');
    await expect(card.getAttribute('data-mapped')).resolves.toBe('true');
    await expect(card.locator('.problems-headline').textContent()).resolves.toBe(
      'Mapped 10 papers; 4 skipped, 3 warnings.',
    );
    const skipped = await problemLines(page, 'skipped');
    expect(skipped.map((line) => line.split(': ')[0])).toEqual([
      'unclosed-brace.bib:8',
      'unclosed-brace.bib:21',
      'unclosed-brace.bib:31',
      'jsonl-one-bad-line.jsonl:3',
    ]);
    expect(skipped[0]).toContain('"{" opened on line 9 is still open');
    const warnings = await problemLines(page, 'notices');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^unclosed-brace\.bib:26: .*has no abstract/);
    expect(await page.locator('.list-item').count()).toBe(10);
  });

  it('lists the first 300 skipped records and says how many more there are, and where', async () => {
    const good = await arxivJsonl(60);
    const untitled = Array.from({ length: 400 }, (_, i) => JSON.stringify({ abstract: `Abstract ${i}.` }));
    const text = `${new TextDecoder().decode(good.bytes)}${untitled.join('\n')}\n`;
    const page = await open();
    await dropFiles(page, [{ name: 'mixed.jsonl', bytes: new TextEncoder().encode(text) }]);
    await shown(page, 'dropped file: mixed.jsonl');
    const card = page.locator('.problems-card');
    await expect(card.locator('.problems-headline').textContent()).resolves.toBe(
      'Mapped 60 papers; 400 skipped.',
    );
    const skipped = await problemLines(page, 'skipped');
    expect(skipped).toHaveLength(300);
    expect(skipped[0]).toMatch(/^mixed\.jsonl:61: /);
    await expect(card.locator('[data-kind="skipped"] .problem-more').textContent()).resolves.toBe(
      '… and 100 more, all in the graph JSON (Export → Whole graph, stats.skipped).',
    );
  });

  it('leaves the map as it was when a file cannot be read, with the error shown as text', async () => {
    const page = await open();
    // A JSON array broken as a whole, and bytes that are markup: both must stay text.
    const hostile: FileToDrop = {
      name: '<img src=x onerror=alert(1)>.json',
      bytes: new TextEncoder().encode('[{"title": "<b>x</b>", "abstract": "y"} {"title": 2}]'),
    };
    await dropFiles(page, [await fixtureFile('parse/json-array-missing-comma.json'), hostile]);
    const card = page.locator('.problems-card');
    await card.waitFor();
    await expect(card.getAttribute('role')).resolves.toBe('alert');
    await expect(card.locator('.problems-headline').textContent()).resolves.toContain(
      'the map shown is unchanged',
    );
    const failed = await problemLines(page, 'failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatch(/json-array-missing-comma\.json.*line 9/);
    expect(failed[1]).toContain('<img src=x onerror=alert(1)>.json');
    await expectDefaultMap(page);
    await expect(page.locator('.progress-card').isHidden()).resolves.toBe(true);
  });

  it('maps the good files of a drop, merges their duplicates, and shows the file that failed', async () => {
    const page = await open();
    // The first bytes of a PNG image (its signature and IHDR header).
    const png = {
      name: 'figure.png',
      bytes: Uint8Array.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1,
      ]),
    };
    const good = await arxivJsonl(60);
    const twenty = await arxivJsonl(20, 'first20-again.jsonl');
    await dropFiles(page, [png, good, twenty]);
    // The header names the files the map was made of, not the one that could not be read.
    await shown(page, `dropped files: ${good.name}, ${twenty.name}`);
    expect(await page.locator('.list-item').count()).toBe(60);
    const failed = await problemLines(page, 'failed');
    expect(failed).toEqual(['figure.png: this is a PNG image, not a list of papers']);
    // Each record of the second file is a duplicate, named with both its origins.
    const merged = await problemLines(page, 'merged');
    expect(merged).toHaveLength(20);
    expect(merged[0]).toMatch(/^first20-again\.jsonl:1: duplicate of arxiv-first60\.jsonl:1 /);
    const card = page.locator('.problems-card');
    await expect(card.getAttribute('data-mapped')).resolves.toBe('true');
    await expect(card.locator('.problems-headline').textContent()).resolves.toBe(
      'Mapped 60 papers; 1 file could not be read, 20 merged duplicates.',
    );
  });
});

describe('dropping a papermap graph', () => {
  it('opens a graph exported by the app as it is, and refuses a broken one', async () => {
    const page = await open();
    await dropFiles(page, [await arxivJsonl(80)]);
    await shown(page, 'dropped file: arxiv-first80.jsonl');
    const exported = await exportFile(page, 'graph-json');
    const keys = (JSON.parse(exported.text) as PapermapGraphJSON).nodes.map((node) => node.key);
    await page.getByRole('button', { name: 'Back to the default papers' }).click();
    await settled(page);
    await expectDefaultMap(page);

    await dropFiles(page, [{ name: exported.name, bytes: exported.bytes }]);
    await shown(page, `dropped file: ${exported.name}`);
    expect(await drawnCount(page, keys)).toBe(80);
    await expect(page.locator('.progress-card').isHidden()).resolves.toBe(true);

    // A graph that breaks the contract is named with what is wrong, and the map stays.
    const graph = JSON.parse(exported.text) as PapermapGraphJSON;
    graph.nodes[3].attributes.cluster = 999;
    await dropFiles(page, [{ name: 'edited.json', bytes: new TextEncoder().encode(JSON.stringify(graph)) }]);
    await page.locator('.problems-card').waitFor();
    const failed = await problemLines(page, 'failed');
    expect(failed).toEqual([
      'edited.json is not a papermap graph: nodes[3].attributes.cluster is 999, which is not in attributes.clusters.',
    ]);
    expect(await source(page)).toBe(`dropped file: ${exported.name}`);
    expect(await drawnCount(page, keys)).toBe(80);
  });
});

describe('5,000 papers', () => {
  let file: FileToDrop;
  beforeAll(async () => {
    file = await arxivJsonl(5000);
  });

  it('Cancel stops the build and its workers, the map stays, and no task holds the page', async () => {
    const page = await open();
    const drop = await prepareDrop(page, [file]);
    await watchBuild(page);
    await drop.drop();
    const card = page.locator('.progress-card');
    await card.waitFor();
    await expect(card.locator('.progress-title').textContent()).resolves.toBe(`Mapping ${file.name}`);
    // Cancel in the middle of the text stage, while the shard workers are busy.
    await page.locator('.progress-card[data-stage="text"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.workers().length, { timeout: 30_000 }).toBeGreaterThan(1);
    await page.waitForTimeout(500);
    // The page answers at once while the workers build.
    const started = Date.now();
    await page.locator('#search').fill('language');
    await expect.poll(() => page.locator('.search-status').textContent()).toMatch(/\d+ match/);
    expect(Date.now() - started).toBeLessThan(1000);
    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect(card.isHidden()).resolves.toBe(true);
    await expect(page.locator('.open-note').textContent()).resolves.toBe(
      'Cancelled: the map shown is unchanged.',
    );
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
    // Long enough for a build left running to have shown its map.
    await page.waitForTimeout(3000);
    await expectDefaultMap(page);
    const watch = await buildWatch(page);
    expect(watch.steps.map((s) => s.step)).toEqual(expect.arrayContaining(['parse', 'text', 'hidden']));
    expect(watch.steps.map((s) => s.step)).not.toContain('draw');
    expect(watch.longTasks.filter((task) => task.duration > BLOCKING_TASK_MS)).toEqual([]);
  });

  it('builds the map in a worker with no task holding the page until it is handed to the page', async () => {
    const page = await open();
    const drop = await prepareDrop(page, [file]);
    await watchBuild(page);
    await drop.drop();
    await shown(page, `dropped file: ${file.name}`);
    expect(await page.locator('.legend-item').count()).toBeGreaterThan(5);
    await expect(page.locator('.map canvas').getAttribute('aria-label')).resolves.toMatch(
      /^Map of 5,?000 papers/,
    );
    const watch = await buildWatch(page);
    const steps = watch.steps.map((s) => s.step);
    expect(steps).toEqual([
      'parse',
      'text',
      'tfidf',
      'similarity',
      'graph',
      'clusters',
      'layout',
      'serialize',
      'draw',
      'hidden',
    ]);
    const handedOver = watch.steps[steps.indexOf('draw')].at;
    expect(
      watch.longTasks.filter((task) => task.start < handedOver && task.duration > BLOCKING_TASK_MS),
    ).toEqual([]);
  });
});

describe('the saved HTML page', () => {
  it('has no papers button (no worker there) but opens a dropped graph, and says why papers cannot open', async () => {
    const page = await open();
    await dropFiles(page, [await arxivJsonl(40)]);
    await shown(page, 'dropped file: arxiv-first40.jsonl');
    const html = await exportFile(page, 'html');
    const graph = await exportFile(page, 'graph-json');
    const path = join(saved, html.name);
    await writeFile(path, html.text);
    const offline = await pages.openUrl(pathToFileURL(path).href, { offline: true });
    const savedPage = offline.page;
    await settled(savedPage);
    await expect(savedPage.getByRole('button', { name: 'Open papers…' }).count()).resolves.toBe(0);
    await expect(savedPage.locator('#open-files').getAttribute('accept')).resolves.toBe(
      '.json,application/json',
    );

    await dropFiles(savedPage, [await arxivJsonl(10)]);
    await savedPage.locator('.problems-card').waitFor();
    expect((await problemLines(savedPage, 'failed'))[0]).toContain('opens papermap graph files (.json) only');

    await savedPage.getByRole('button', { name: 'Open a graph…' }).waitFor();
    await savedPage.setInputFiles('#open-files', {
      name: graph.name,
      mimeType: 'application/json',
      buffer: graph.bytes,
    });
    await shown(savedPage, `opened file: ${graph.name}`);
    expect(await savedPage.locator('.list-item').count()).toBe(40);
    expect(offline.blockedRequests).toEqual([]);
  });
});
