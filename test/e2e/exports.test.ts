/**
 * The Export menu in Chromium: each item saves a file (a real download) that parses back with a
 * reader of its format and holds what the view shows. The interactive HTML file is opened from
 * disk with every network request blocked. Then the small fixture graph with a hostile paper
 * (markup in its title and abstract) must stay text in the panel, the list, the tooltip, and the
 * exported SVG and HTML.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/app/export/csv';
import type { PapermapGraphJSON } from '../../src/core/types';
import { FIXTURES, useApp, type WatchedPage } from './browser';
import {
  defaultGraph,
  expectClean,
  exportFile,
  exportMenu,
  listedKeys,
  members,
  paperOf,
  settled,
  steadyPositions,
} from './explorer-helpers';

const app = useApp();
let graph: PapermapGraphJSON;
let graphText: string;
let keys: string[];
let saved: string;

beforeAll(async () => {
  const built = await defaultGraph();
  graph = built.graph;
  graphText = built.text;
  keys = graph.nodes.map((node) => node.key);
  saved = await mkdtemp(join(tmpdir(), 'papermap-exports-'));
});
afterAll(async () => {
  if (saved) await rm(saved, { recursive: true, force: true });
});

let opened: WatchedPage[] = [];
async function track(watched: Promise<WatchedPage>): Promise<WatchedPage> {
  const page = await watched;
  opened.push(page);
  return page;
}
afterEach(async () => {
  // Pages shared by a describe block stay open; each test checks them for errors so far.
  for (const watched of opened) await expectClean(watched);
});
async function closeAll(): Promise<void> {
  const pages = opened;
  opened = [];
  for (const watched of pages) await watched.close();
}

/** Parses XML with xmldom, failing on any error or warning. */
function parseXml(text: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(text, 'application/xml');
  expect(problems).toEqual([]);
  return doc as unknown as Document;
}

const elementNames = (doc: Document): Set<string> =>
  new Set(Array.from(doc.getElementsByTagName('*'), (element) => element.localName ?? element.nodeName));

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Saves `text` under the test's temporary directory and opens it from disk with no network. */
async function openSavedHtml(name: string, text: string): Promise<WatchedPage> {
  const path = join(saved, name);
  await writeFile(path, text);
  const watched = await track(app.openUrl(pathToFileURL(path).href, { offline: true }));
  return watched;
}

describe('exports of the default graph', () => {
  let page: Page;
  beforeAll(async () => {
    await app.putGraph({ contents: graphText });
    page = (await track(app.open())).page;
    await settled(page);
  });
  afterAll(closeAll);

  it('whole graph as JSON: graphology loads it with every paper and edge', async () => {
    const file = await exportFile(page, 'graph-json');
    expect(file.name).toBe('papermap-graph.json');
    const json = JSON.parse(file.text);
    const loaded = Graph.from(json);
    expect(loaded.order).toBe(keys.length);
    expect(loaded.size).toBe(graph.edges.length);
    expect(new Set(loaded.nodes())).toEqual(new Set(keys));
    expect(loaded.getAttribute('format')).toBe('papermap-graph');
    for (const key of keys) expect(loaded.getNodeAttribute(key, 'title')).toBe(paperOf(graph, key).title);
  });

  it('current view as JSON: only the papers shown, with a cluster hidden', async () => {
    const cluster = graph.attributes.clusters[1].id;
    const hidden = new Set(members(graph, cluster));
    const toggle = page.locator(`.legend-item[data-cluster="${cluster}"] input.legend-toggle`);
    await toggle.uncheck();
    try {
      const file = await exportFile(page, 'graph-view');
      expect(file.name).toBe('papermap-view.json');
      const loaded = Graph.from(JSON.parse(file.text));
      const shown = keys.filter((key) => !hidden.has(key));
      expect(new Set(loaded.nodes())).toEqual(new Set(shown));
      const edges = graph.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target));
      expect(loaded.size).toBe(edges.length);
      for (const edge of edges) expect(loaded.hasEdge(edge.source, edge.target)).toBe(true);
    } finally {
      await toggle.check();
    }
  });

  it('GEXF: parses back with graphology-gexf, every paper with its title and cluster', async () => {
    const file = await exportFile(page, 'gexf');
    expect(file.name).toBe('papermap-graph.gexf');
    parseXml(file.text);
    const loaded = parseGexf(Graph, file.text);
    expect(loaded.order).toBe(keys.length);
    expect(loaded.size).toBe(graph.edges.length);
    for (const { key, attributes } of graph.nodes) {
      expect(loaded.getNodeAttribute(key, 'cluster')).toBe(attributes.cluster);
      expect(loaded.getNodeAttribute(key, 'abstract')).toBe(attributes.abstract);
    }
  });

  it('GraphML: parses back with graphology-graphml, every paper and edge', async () => {
    const file = await exportFile(page, 'graphml');
    expect(file.name).toBe('papermap-graph.graphml');
    parseXml(file.text);
    const loaded = parseGraphml(Graph, file.text);
    expect(new Set(loaded.nodes())).toEqual(new Set(keys));
    expect(loaded.size).toBe(graph.edges.length);
    for (const { key, attributes } of graph.nodes) {
      expect(loaded.getNodeAttribute(key, 'cluster')).toBe(attributes.cluster);
    }
  });

  it('VOSviewer JSON: an item per paper, a link per edge', async () => {
    const file = await exportFile(page, 'vosviewer');
    expect(file.name).toBe('papermap-vosviewer.json');
    const { network } = JSON.parse(file.text);
    expect(network.items).toHaveLength(keys.length);
    expect(new Set(network.items.map((item: { label: string }) => item.label))).toEqual(
      new Set(graph.nodes.map((node) => node.attributes.title)),
    );
    expect(network.links).toHaveLength(graph.edges.length);
  });

  it('CSV: a header and a row per paper', async () => {
    const file = await exportFile(page, 'csv');
    expect(file.name).toBe('papermap-papers.csv');
    const rows = parseCsv(file.text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(keys.length);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    for (const row of body) {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      const paper = paperOf(graph, row[column('key')]);
      expect(row[column('abstract')].replace(/^'/, '')).toBe(paper.abstract);
      expect(row[column('cluster')]).toBe(String(paper.cluster));
    }
    expect(new Set(body.map((row) => row[column('key')]))).toEqual(new Set(keys));
  });

  it('BibTeX: needs an open cluster, then has one entry per paper of that cluster', async () => {
    // Nothing open, nothing selected: the menu says what to do.
    const menu = await exportMenu(page);
    await menu.locator('[data-export="bibtex"]').click();
    await expect
      .poll(() => menu.locator('.menu-note').textContent())
      .toBe('Could not export: open a cluster (or select a paper) first');

    const cluster = graph.attributes.clusters[2];
    const name = page.locator(`.legend-item[data-cluster="${cluster.id}"] button.legend-name`);
    await name.click();
    await expect(name.getAttribute('aria-pressed')).resolves.toBe('true');
    const inCluster = members(graph, cluster.id);
    expect((await listedKeys(page)).sort()).toEqual([...inCluster].sort());
    await expect(page.locator('.list-title').textContent()).resolves.toBe(cluster.label);

    const file = await exportFile(page, 'bibtex');
    expect(file.name).toBe(`papermap-cluster-${cluster.id}.bib`);
    const entries = file.text.match(/^@\w+\{[^,\s]+,$/gm) ?? [];
    expect(entries).toHaveLength(inCluster.length);
    expect(new Set(entries).size).toBe(entries.length);
    const titles = file.text.match(/^ {2}title = \{/gm) ?? [];
    expect(titles).toHaveLength(inCluster.length);

    await page.getByRole('button', { name: 'Show all papers' }).click();
    await expect(name.getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(page.locator('.list-item').count()).resolves.toBe(keys.length);
  });

  it('PNG: a PNG file the size of the map at twice the pixels', async () => {
    const file = await exportFile(page, 'png');
    expect(file.name).toBe('papermap-view.png');
    expect([...file.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = await page.locator('.map').evaluate((map) => [map.clientWidth, map.clientHeight]);
    expect([file.bytes.readUInt32BE(16), file.bytes.readUInt32BE(20)]).toEqual(size.map((n) => n * 2));
    expect(file.bytes.length).toBeGreaterThan(10_000);
  });

  it('SVG: parses as XML, a circle per paper shown', async () => {
    const file = await exportFile(page, 'svg');
    expect(file.name).toBe('papermap-view.svg');
    const doc = parseXml(file.text);
    expect(doc.documentElement.localName).toBe('svg');
    const titles = Array.from(doc.getElementsByTagName('circle'), (c) => c.textContent);
    expect(titles.sort()).toEqual(graph.nodes.map((node) => node.attributes.title).sort());
  });

  it('HTML: the saved file shows the map from disk with no network and no errors', async () => {
    const file = await exportFile(page, 'html');
    expect(file.name).toBe('papermap-map.html');
    const saved = await openSavedHtml('papermap-map.html', file.text);
    const html = saved.page;
    await expect(html.locator('.map canvas').count()).resolves.toBe(1);
    await settled(html);
    expect((await listedKeys(html)).sort()).toEqual([...keys].sort());
    await expect(html.locator('.legend-item').count()).resolves.toBe(graph.attributes.clusters.length);
    const points = await steadyPositions(html, keys);
    expect(points.every((p) => p !== null)).toBe(true);
    // It works: a paper opens from the list.
    await html.locator(`.list-item[data-paper="${keys[0]}"]`).click();
    await expect(html.locator('#paper-panel .abstract').textContent()).resolves.toBe(
      paperOf(graph, keys[0]).abstract,
    );
    expect(saved.blockedRequests).toEqual([]);
    expect(saved.failedRequests).toEqual([]);
  });
});

describe('a paper with markup in its title and abstract (test/fixtures/graph-small.json)', () => {
  const XSS_KEY = 'a-b-bold-b-merge';
  const TITLE = 'A <b>bold</b> merge of models';
  const ABSTRACT = '<img src=x onerror=alert(1)>';
  let small: PapermapGraphJSON;
  let page: Page;

  /** Neither the page nor `root` has an element made from the paper's text. */
  async function noMarkupFrom(target: Page): Promise<void> {
    await expect(target.locator('b').count()).resolves.toBe(0);
    await expect(target.locator('img').count()).resolves.toBe(0);
  }

  async function panelShowsText(target: Page): Promise<void> {
    await target.locator(`.list-item[data-paper="${XSS_KEY}"]`).click();
    const panel = target.locator('aside#paper-panel');
    await expect(panel.locator('.paper-title').textContent()).resolves.toBe(TITLE);
    await expect(panel.locator('.abstract').textContent()).resolves.toBe(ABSTRACT);
    await expect(target.locator(`.list-item[data-paper="${XSS_KEY}"]`).textContent()).resolves.toBe(TITLE);
    await noMarkupFrom(target);
  }

  beforeAll(async () => {
    await app.putGraph({ fixture: 'graph-small.json' });
    page = (await track(app.open())).page;
    await settled(page);
    small = JSON.parse(await readFile(join(FIXTURES, 'graph-small.json'), 'utf8')) as PapermapGraphJSON;
  });
  afterAll(closeAll);

  it('shows it as text in the list, the panel, the related papers and the tooltip', async () => {
    expect(paperOf(small, XSS_KEY)).toMatchObject({ title: TITLE, abstract: ABSTRACT });
    await panelShowsText(page);
    // Another paper's related list names it as text.
    const edge = small.edges.find((e) => e.source === XSS_KEY || e.target === XSS_KEY);
    if (!edge) throw new Error('the fixture’s hostile paper has no edge');
    const other = edge.source === XSS_KEY ? edge.target : edge.source;
    await page.locator(`.list-item[data-paper="${other}"]`).click();
    await expect(
      page.locator(`#paper-panel .related[data-paper="${XSS_KEY}"] .related-title`).textContent(),
    ).resolves.toBe(TITLE);
    // Listed as a search result.
    await page.locator('#search').fill('merge');
    await expect.poll(() => listedKeys(page)).toContain(XSS_KEY);
    await expect(page.locator(`.list-item[data-paper="${XSS_KEY}"]`).textContent()).resolves.toBe(TITLE);
    await page.locator('#search').fill('');
    // The map's tooltip, on hover.
    const keysSmall = small.nodes.map((node) => node.key);
    const points = await steadyPositions(page, keysSmall);
    const at = points[keysSmall.indexOf(XSS_KEY)];
    const box = await page.locator('.map canvas').boundingBox();
    if (!at || !box) throw new Error('the hostile paper is not drawn');
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const tooltip = page.locator('.papermap-tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    await expect(tooltip.textContent()).resolves.toBe(TITLE);
    await noMarkupFrom(page);
  });

  it('keeps it text in the exported SVG', async () => {
    const file = await exportFile(page, 'svg');
    const doc = parseXml(file.text);
    const names = elementNames(doc);
    expect(names.has('b')).toBe(false);
    expect(names.has('img')).toBe(false);
    expect(names.has('script')).toBe(false);
    const titles = Array.from(doc.getElementsByTagName('circle'), (c) => c.textContent);
    expect(titles).toContain(TITLE);
  });

  it('keeps it text in the exported HTML file, opened from disk', async () => {
    const file = await exportFile(page, 'html');
    expect(file.text).not.toContain(ABSTRACT);
    expect(file.text).not.toContain('<b>bold');
    const saved = await openSavedHtml('small.html', file.text);
    await settled(saved.page);
    await panelShowsText(saved.page);
    await saved.page.waitForTimeout(200);
    expect(saved.dialogs).toEqual([]);
    expect(saved.blockedRequests).toEqual([]);
  });
});
