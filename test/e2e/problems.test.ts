/**
 * The page when graph.json cannot be shown: always a message that says what failed and how to
 * rebuild. And a graph that is not quite what it claims (a weight that is text, an edge given
 * twice, a paper at x = 1e308), as the page's own graph or dropped on it: the map opens with a
 * notice of what was repaired, and works.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PapermapGraphJSON } from '../../src/core/types';
import { FIXTURES, useApp } from './browser';
import {
  checkedPages,
  clickMap,
  defaultGraph,
  loneKey,
  paperOf,
  positions,
  settled,
  steadyPositions,
} from './explorer-helpers';
import { drawnCount, dropFiles } from './open-helpers';

const REBUILD_COMMAND = 'npm start';
const fixtureText = await readFile(join(FIXTURES, 'graph-small.json'), 'utf8');

/** The fixture with one change, as JSON text. */
function fixtureWith(change: (graph: PapermapGraphJSON) => void): string {
  const graph = JSON.parse(fixtureText) as PapermapGraphJSON;
  change(graph);
  return JSON.stringify(graph);
}

const app = useApp();

async function problemShown(
  spaFallback = false,
): Promise<{ title: string; text: string; command: string[] }> {
  const watched = await app.open({ spaFallback });
  const problem = watched.page.getByRole('alert');
  expect(watched.pageErrors).toEqual([]);
  expect(await watched.page.locator('.cluster').count()).toBe(0);
  return {
    title: (await problem.locator('h2').textContent()) ?? '',
    text: (await problem.textContent()) ?? '',
    command: await problem.locator('pre code').allTextContents(),
  };
}

describe('papermap page when graph.json cannot be shown', () => {
  it.each([
    // case, graph.json contents (null: no file), expected title, expected detail
    ['missing', null, 'graph.json is missing', '404 Not Found'],
    ['empty', '', 'graph.json is empty', 'no content'],
    ['only whitespace', ' \n', 'graph.json is empty', 'no content'],
    ['cut short', fixtureText.slice(0, 200), 'graph.json is not valid JSON', 'JSON'],
    ['not JSON at all', 'hello', 'graph.json is not valid JSON', 'JSON'],
    [
      'JSON but not a graph',
      '[1, 2, 3]',
      'graph.json is not a papermap graph',
      'the file should be an object',
    ],
    [
      'another format',
      fixtureWith((graph) => {
        Object.assign(graph.attributes, { format: 'gexf' });
      }),
      'graph.json is not a papermap graph',
      'attributes.format should be "papermap-graph", found "gexf"',
    ],
    [
      'a newer version',
      fixtureWith((graph) => {
        Object.assign(graph.attributes, { version: 2 });
      }),
      'graph.json is not a papermap graph',
      'version 1',
    ],
    [
      'a paper without a title',
      fixtureWith((graph) => {
        Reflect.deleteProperty(graph.nodes[2].attributes, 'title');
      }),
      'graph.json is not a papermap graph',
      'nodes[2].attributes.title should be a string, found nothing',
    ],
    [
      'a paper in an unknown cluster',
      fixtureWith((graph) => {
        graph.nodes[0].attributes.cluster = 7;
      }),
      'graph.json is not a papermap graph',
      'nodes[0].attributes.cluster is 7, which is not in attributes.clusters',
    ],
  ])('%s', async (_case, contents, title, detail) => {
    await app.putGraph(contents === null ? null : { contents });
    const problem = await problemShown();
    expect(problem.title).toBe(title);
    expect(problem.text).toContain(detail);
    expect(problem.command).toEqual([REBUILD_COMMAND]);
  });

  it('missing, behind a server that answers unknown paths with index.html (as Vite does)', async () => {
    await app.putGraph(null);
    const problem = await problemShown(true);
    expect(problem.title).toBe('graph.json is missing');
    expect(problem.text).toContain('web page instead of graph.json');
    expect(problem.command).toEqual([REBUILD_COMMAND]);
  });
});

describe('a graph that is not quite what it claims', () => {
  const pages = checkedPages(app);
  let graph: PapermapGraphJSON;
  let keys: string[];
  /** The default graph with a weight that is text, an edge given twice and a paper at x = 1e308. */
  let damaged: string;
  const FAR = 12;
  const HEAVY = 5;

  beforeAll(async () => {
    graph = (await defaultGraph()).graph;
    keys = graph.nodes.map((node) => node.key);
    const copy = structuredClone(graph);
    Object.assign(copy.edges[HEAVY].attributes, { weight: 'heavy' });
    const { source, target, attributes } = copy.edges[0];
    copy.edges.push({ source: target, target: source, attributes });
    Object.assign(copy.nodes[FAR].attributes, { x: 1e308 });
    damaged = JSON.stringify(copy);
  });

  /** A key as the notices quote it: in quotes, cut at 40 characters. */
  const quoted = (key: string): string => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  const repairs = (): string[] => [
    `1 paper had no usable position (first: nodes[${FAR}].attributes.x, number 1e+308); the map places it itself.`,
    `1 edge had no usable weight, a similarity in (0, 1] (first: edges[${HEAVY}].attributes.weight, "heavy"); it was left out.`,
    `1 edge joined two papers an earlier edge joins (first: edges[${graph.edges.length}], ${quoted(graph.edges[0].target)} and ${quoted(graph.edges[0].source)}, as edges[0]); only the first edge of each pair was kept.`,
  ];

  async function expectNotice(page: Page, name: string): Promise<void> {
    const card = page.locator('.problems-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect(card.getAttribute('role')).resolves.toBe('status');
    await expect(card.locator('.problems-headline').textContent()).resolves.toBe(
      `Opened ${name} with 3 kinds of repair; the file itself is unchanged.`,
    );
    await expect(card.locator('.problem-group[data-kind="repairs"] li').allTextContents()).resolves.toEqual(
      repairs(),
    );
  }

  /** Every paper drawn, the far one where the map put it; a click opens a paper; Re-cluster works. */
  async function expectWorkingMap(page: Page): Promise<void> {
    await settled(page);
    expect(await drawnCount(page, keys)).toBe(keys.length);
    const [far] = await positions(page, [keys[FAR]]);
    expect(far !== null && Number.isFinite(far.x) && Number.isFinite(far.y)).toBe(true);

    const points = await steadyPositions(page, keys);
    const key = loneKey(keys, points);
    await clickMap(page, points[keys.indexOf(key)] as { x: number; y: number });
    const panel = page.locator('aside#paper-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect(panel.locator('.paper-title').textContent()).resolves.toBe(paperOf(graph, key).title);

    const before = await page.locator('.legend-item').count();
    const recluster = page.getByRole('button', { name: 'Re-cluster' });
    await page.locator('#control-resolution').fill('2');
    await recluster.click();
    await expect.poll(() => page.locator('.legend-item').count()).toBeGreaterThan(before);
    await expect.poll(() => recluster.isEnabled()).toBe(true);
    const sizes = await page.locator('.legend-size').allTextContents();
    expect(sizes.map(Number).reduce((a, b) => a + b, 0)).toBe(keys.length);
  }

  it('dropped on the page: the map opens with a notice of the repairs, and works', async () => {
    await app.putGraph({ fixture: 'graph-small.json' });
    const page = await pages.open();
    await settled(page);
    await dropFiles(page, [{ name: 'damaged.json', bytes: new TextEncoder().encode(damaged) }]);
    await page.locator('.app-header .source', { hasText: 'dropped file: damaged.json' }).waitFor();
    await expectNotice(page, 'damaged.json');
    await expectWorkingMap(page);
  });

  it('as the page’s own graph.json: the map opens with the same notice, and works', async () => {
    await app.putGraph({ contents: damaged });
    const page = await pages.open();
    await expectNotice(page, 'graph.json');
    await expectWorkingMap(page);
  });
});
