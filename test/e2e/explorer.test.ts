/**
 * The explorer on the real default graph (data/hf-papers-mar20.txt through the pipeline), driven in
 * Chromium with real clicks and keys: the map draws every paper, a click opens its abstract,
 * related papers, search, cluster toggles, the view controls, re-clustering, deep links, and the
 * keyboard-only path. No test may leave a console error, a page error or a dialog behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PapermapGraphJSON } from '../../src/core/types';
import { useApp } from './browser';
import {
  checkedPages,
  clickMap,
  defaultGraph,
  edgeCount,
  hashParams,
  listedKeys,
  loneKey,
  members,
  paperOf,
  positions,
  settled,
  steadyPositions,
} from './explorer-helpers';

const app = useApp();
let graph: PapermapGraphJSON;
let keys: string[];

beforeAll(async () => {
  const built = await defaultGraph();
  graph = built.graph;
  keys = graph.nodes.map((node) => node.key);
  await app.putGraph({ contents: built.text });
});

// Every page a test opens is checked for errors and dialogs, then closed.
const { open } = checkedPages(app);

const tokens = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[\s\p{Z}\p{P}]+/u)
    .filter(Boolean);

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

/**
 * A word of one paper's abstract that no other text of the graph has, nor anything close to it
 * (the search matches prefixes and small typos), and that is not in the paper's title or terms.
 */
function abstractOnlyWord(g: PapermapGraphJSON): { word: string; key: string } {
  const texts = g.nodes.map((node) => ({
    key: node.key,
    abstract: new Set(tokens(node.attributes.abstract)),
    rest: new Set(tokens(`${node.attributes.title} ${node.attributes.terms.join(' ')}`)),
  }));
  for (const [i, paper] of texts.entries()) {
    for (const word of paper.abstract) {
      if (word.length < 8 || !/^\p{L}+$/u.test(word) || paper.rest.has(word)) continue;
      const typos = Math.round(word.length * 0.2);
      const near = (other: string): boolean => other.startsWith(word) || editDistance(word, other) <= typos;
      const elsewhere = texts.some(
        (other, j) => j !== i && [...other.abstract, ...other.rest].some((token) => near(token)),
      );
      if (!elsewhere && ![...paper.rest].some((token) => near(token))) return { word, key: paper.key };
    }
  }
  throw new Error('no word occurs in one abstract only');
}

describe('the explorer on the default graph', () => {
  it('draws every paper inside the canvas after “Fit to view”, and lists every paper', async () => {
    const page = await open();
    await settled(page);
    await page.getByRole('button', { name: 'Fit to view' }).click();
    const points = await steadyPositions(page, keys);
    const box = await page.locator('.map canvas').boundingBox();
    if (!box) throw new Error('no canvas box');
    expect(box.width).toBeGreaterThan(300);
    points.forEach((p, i) => {
      expect(p, keys[i]).not.toBeNull();
      expect(p?.x, keys[i]).toBeGreaterThanOrEqual(0);
      expect(p?.x, keys[i]).toBeLessThanOrEqual(box.width);
      expect(p?.y, keys[i]).toBeGreaterThanOrEqual(0);
      expect(p?.y, keys[i]).toBeLessThanOrEqual(box.height);
    });

    // Not blank, and the papers are painted: the pixel at a node's centre has its cluster's colour
    // (unless a neighbour or a title covers it) for most papers of every cluster.
    const centres = await page.locator('.map canvas').evaluate((element, points) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      return points.map((p) => {
        if (p === null) return null;
        const i = (Math.floor(p.y * ratio) * canvas.width + Math.floor(p.x * ratio)) * 4;
        return `#${[data[i], data[i + 1], data[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      });
    }, points);
    const ownColour = (i: number): boolean =>
      centres[i] ===
      graph.attributes.clusters.find((c) => c.id === graph.nodes[i].attributes.cluster)?.color.toLowerCase();
    expect(keys.filter((_, i) => ownColour(i)).length / keys.length).toBeGreaterThan(0.8);
    for (const cluster of graph.attributes.clusters) {
      const own = keys.flatMap((_, i) =>
        graph.nodes[i].attributes.cluster === cluster.id ? [ownColour(i)] : [],
      );
      expect(own.filter(Boolean).length, `painted papers of cluster ${cluster.id}`).toBeGreaterThanOrEqual(
        own.length / 2,
      );
    }

    expect((await listedKeys(page)).sort()).toEqual([...keys].sort());
    await expect(page.locator('.legend-item').count()).resolves.toBe(graph.attributes.clusters.length);
    await expect(page.locator('#paper-panel').isHidden()).resolves.toBe(true);
  });

  it('opens a paper’s abstract in the panel when its node is clicked', async () => {
    const page = await open();
    const points = await steadyPositions(page, keys);
    const key = loneKey(keys, points);
    const paper = paperOf(graph, key);
    await clickMap(page, points[keys.indexOf(key)] as { x: number; y: number });

    const panel = page.locator('aside#paper-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect(panel.locator('.paper-title').textContent()).resolves.toBe(paper.title);
    await expect(panel.locator('.abstract').textContent()).resolves.toBe(paper.abstract);
    await expect(panel.locator('.terms li').allTextContents()).resolves.toEqual(paper.terms);
    expect(hashParams(page).get('paper')).toBe(key);
    await expect(page.locator('.list-item[aria-current="true"]').getAttribute('data-paper')).resolves.toBe(
      key,
    );

    // A click on empty map clears the selection.
    const box = await page.locator('.map canvas').boundingBox();
    if (!box) throw new Error('no canvas box');
    const empty = { x: 3, y: box.height - 3 };
    const near = points.some((p) => p !== null && Math.hypot(p.x - empty.x, p.y - empty.y) < 30);
    if (!near) {
      await clickMap(page, empty);
      await expect.poll(() => panel.isHidden()).toBe(true);
    }
  });

  it('moves the selection to a related paper clicked in the panel', async () => {
    const page = await open();
    await settled(page);
    // The paper with the most links, opened from the list.
    const degree = new Map<string, number>();
    for (const edge of graph.edges) {
      for (const end of [edge.source, edge.target]) degree.set(end, (degree.get(end) ?? 0) + 1);
    }
    const start = [...keys].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0))[0];
    await page.locator(`.list-item[data-paper="${start}"]`).click();
    const panel = page.locator('aside#paper-panel');
    await expect(panel.locator('.paper-title').textContent()).resolves.toBe(paperOf(graph, start).title);

    // Related papers: one per edge, strongest first, with its similarity.
    const incident = graph.edges
      .filter((e) => e.source === start || e.target === start)
      .sort((a, b) => b.attributes.weight - a.attributes.weight);
    const related = panel.locator('.related[data-paper]');
    await expect(related.count()).resolves.toBe(incident.length);
    const strongest = incident[0];
    const target = strongest.source === start ? strongest.target : strongest.source;
    await expect(related.first().getAttribute('data-paper')).resolves.toBe(target);
    await expect(related.first().locator('.related-score').textContent()).resolves.toBe(
      `${Math.round(strongest.attributes.weight * 100)}%`,
    );

    const last = related.last();
    const next = (await last.getAttribute('data-paper')) as string;
    await last.click();
    await expect.poll(() => panel.locator('.paper-title').textContent()).toBe(paperOf(graph, next).title);
    await expect(panel.locator('.abstract').textContent()).resolves.toBe(paperOf(graph, next).abstract);
    const current = page.locator('.list-item[aria-current="true"]');
    await expect(current.count()).resolves.toBe(1);
    await expect(current.getAttribute('data-paper')).resolves.toBe(next);
    expect(hashParams(page).get('paper')).toBe(next);
  });

  it('finds a paper by a word only its abstract has, and Enter opens it', async () => {
    const page = await open();
    await settled(page);
    const { word, key } = abstractOnlyWord(graph);
    const paper = paperOf(graph, key);
    const search = page.locator('#search');
    await search.click();
    await page.keyboard.type(word);
    await expect.poll(() => page.locator('.search-status').textContent()).toBe('1 match');
    await expect(listedKeys(page)).resolves.toEqual([key]);
    await page.keyboard.press('Enter');

    const panel = page.locator('aside#paper-panel');
    await expect.poll(() => panel.locator('.paper-title').textContent()).toBe(paper.title);
    await expect(panel.locator('.abstract').textContent()).resolves.toBe(paper.abstract);
    expect(paper.abstract.toLowerCase()).toContain(word);
    expect(hashParams(page).get('q')).toBe(word);
    expect(hashParams(page).get('paper')).toBe(key);

    // With many matches, Enter opens the best one: the first listed.
    await search.fill('reasoning');
    await expect.poll(async () => (await listedKeys(page)).length).toBeGreaterThan(5);
    const best = (await listedKeys(page))[0];
    expect(best).not.toBe(key);
    await search.press('Enter');
    await expect.poll(() => panel.locator('.paper-title').textContent()).toBe(paperOf(graph, best).title);

    // Esc clears the search and the whole list comes back.
    await search.press('Escape');
    await expect(search.inputValue()).resolves.toBe('');
    await expect(page.locator('.search-status').textContent()).resolves.toBe('');
    await expect.poll(() => page.locator('.list-item').count()).toBe(keys.length);
  });

  it('hides a cluster’s papers from the map and the list when its box is unchecked, and shows them again', async () => {
    const page = await open();
    // A mid-sized cluster; its paper farthest from the others is the one clicked at.
    const cluster = [...graph.attributes.clusters].sort((a, b) => a.size - b.size)[
      Math.floor(graph.attributes.clusters.length / 2)
    ].id;
    const hidden = members(graph, cluster);
    const shown = keys.filter((key) => !hidden.includes(key));
    // Move the view by hand (there and back), so the camera no longer refits on its own when the
    // layout changes: a hidden paper's old place on screen stays where it was.
    await settled(page);
    await page.locator('.map canvas').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    const before = await steadyPositions(page, keys);
    const lonely = loneKey(keys, before, hidden);
    const toggle = page.locator(`.legend-item[data-cluster="${cluster}"] input.legend-toggle`);
    await expect(toggle.isChecked()).resolves.toBe(true);

    await toggle.uncheck();
    await expect(toggle.isChecked()).resolves.toBe(false);
    expect(hashParams(page).get('hide')).toBe(String(cluster));
    expect(await positions(page, hidden)).toEqual(hidden.map(() => null));
    expect((await positions(page, shown)).every((p) => p !== null)).toBe(true);
    expect((await listedKeys(page)).sort()).toEqual([...shown].sort());
    // Where a hidden paper was drawn, a click does not select it.
    await clickMap(page, before[keys.indexOf(lonely)] as { x: number; y: number });
    await page.waitForTimeout(100);
    expect(hashParams(page).get('paper')).not.toBe(lonely);
    if (await page.locator('#paper-panel').isVisible()) {
      await expect(page.locator('#paper-panel .paper-title').textContent()).resolves.not.toBe(
        paperOf(graph, lonely).title,
      );
    }

    await toggle.check();
    await expect(toggle.isChecked()).resolves.toBe(true);
    expect(hashParams(page).get('hide')).toBeNull();
    expect((await positions(page, keys)).every((p) => p !== null)).toBe(true);
    expect((await listedKeys(page)).sort()).toEqual([...keys].sort());
  });

  it('shows fewer edges with fewer neighbours per paper and with a higher minimum similarity', async () => {
    const page = await open();
    await settled(page);
    const expected = (k: number, t: number): number =>
      graph.edges.filter((e) => e.attributes.rank <= k && e.attributes.weight >= t).length;
    const maxK = Number(graph.attributes.params.k);
    await expect(edgeCount(page)).resolves.toBe(graph.edges.length);
    expect(expected(maxK, 0)).toBe(graph.edges.length);

    // Neighbours per paper, with the arrow keys on the slider.
    const k = page.locator('#control-k');
    await k.focus();
    let previous = graph.edges.length;
    for (let value = maxK - 1; value >= 1; value--) {
      await page.keyboard.press('ArrowLeft');
      await expect(k.inputValue()).resolves.toBe(String(value));
      const count = await edgeCount(page);
      expect(count).toBe(expected(value, 0));
      expect(count).toBeLessThan(previous);
      previous = count;
    }
    await page.keyboard.press('End');
    await expect.poll(() => edgeCount(page)).toBe(graph.edges.length);

    // Minimum similarity.
    const similarity = page.locator('#control-similarity');
    previous = graph.edges.length;
    for (const t of [0.1, 0.2, 0.3]) {
      await similarity.fill(String(t));
      const count = await edgeCount(page);
      expect(count).toBe(expected(maxK, t));
      expect(count).toBeLessThan(previous);
      previous = count;
    }
  });

  it('re-clusters at resolution 2 into more clusters', async () => {
    const page = await open();
    await settled(page);
    const before = graph.attributes.clusters.length;
    await expect(page.locator('.legend-item').count()).resolves.toBe(before);
    await page.locator('#control-resolution').fill('2');
    await page.getByRole('button', { name: 'Re-cluster' }).click();
    await expect.poll(() => page.locator('.legend-item').count()).toBeGreaterThan(before);
    const sizes = await page.locator('.legend-size').allTextContents();
    expect(sizes.map(Number).reduce((a, b) => a + b, 0)).toBe(keys.length);
    await expect(page.getByRole('button', { name: 'Re-cluster' }).isEnabled()).resolves.toBe(true);
    await expect(page.locator('.list-item').count()).resolves.toBe(keys.length);
  });

  it('restores the paper, the search and the hidden cluster from a link, and after a reload', async () => {
    const { word, key } = abstractOnlyWord(graph);
    const own = paperOf(graph, key).cluster;
    const hide = graph.attributes.clusters.find((c) => c.id !== own)?.id as number;
    const page = await open(`paper=${encodeURIComponent(key)}&q=${encodeURIComponent(word)}&hide=${hide}`);

    for (const when of ['after load', 'after reload']) {
      await settled(page);
      const panel = page.locator('aside#paper-panel');
      await expect(panel.isVisible(), when).resolves.toBe(true);
      await expect(panel.locator('.paper-title').textContent(), when).resolves.toBe(
        paperOf(graph, key).title,
      );
      await expect(page.locator('#search').inputValue(), when).resolves.toBe(word);
      await expect(page.locator('.search-status').textContent(), when).resolves.toBe('1 match');
      await expect(listedKeys(page), when).resolves.toEqual([key]);
      for (const cluster of graph.attributes.clusters) {
        await expect(
          page.locator(`.legend-item[data-cluster="${cluster.id}"] input.legend-toggle`).isChecked(),
          `${when}: cluster ${cluster.id}`,
        ).resolves.toBe(cluster.id !== hide);
      }
      const hiddenKeys = members(graph, hide);
      expect(await positions(page, hiddenKeys), when).toEqual(hiddenKeys.map(() => null));
      expect((await positions(page, [key]))[0], when).not.toBeNull();
      const params = hashParams(page);
      expect([params.get('paper'), params.get('q'), params.get('hide')], when).toEqual([
        key,
        word,
        String(hide),
      ]);
      if (when === 'after load') await page.reload();
    }

    // A link followed on the open page (hash change) moves the view too.
    const other = members(graph, own).find((k) => k !== key) as string;
    await page.goto(`${page.url().split('#')[0]}#paper=${encodeURIComponent(other)}`);
    await expect
      .poll(() => page.locator('#paper-panel .paper-title').textContent())
      .toBe(paperOf(graph, other).title);
    await expect(page.locator('#search').inputValue()).resolves.toBe('');
    await expect(
      page.locator(`.legend-item[data-cluster="${hide}"] input.legend-toggle`).isChecked(),
    ).resolves.toBe(true);
  });

  it('works from the keyboard alone, and every control has a name', async () => {
    const page = await open();
    await settled(page);
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return 'body';
        if (element.id) return `#${element.id}`;
        if (element.dataset.paper) return `.${element.className.split(' ')[0]}[${element.dataset.paper}]`;
        return `${element.tagName.toLowerCase()}.${element.className.split(' ')[0]}`;
      });
    /** Presses Tab until `want` has focus; returns what had focus on the way. */
    const tabTo = async (want: RegExp, limit: number): Promise<string[]> => {
      const seen: string[] = [];
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        seen.push(now);
        if (want.test(now)) return seen;
      }
      throw new Error(`Tab never reached ${want} in ${limit} presses: ${seen.join(' → ')}`);
    };

    // From the top of the page: the search box first, then the legend, then the list.
    const path = await tabTo(/^\.list-item\[/, 60);
    expect(path[0]).toBe('#search');
    expect(path).toContain('input.legend-toggle');
    expect(path).toContain('button.legend-name');
    expect(path.indexOf('button.legend-name')).toBeLessThan(path.length - 1);

    // `/` jumps to the search box from anywhere (a checkbox, a slider, a list item); typing and
    // Enter open the best match.
    for (const from of ['.legend-toggle', '#control-k']) {
      await page.locator(from).first().focus();
      await page.keyboard.press('/');
      await expect(focused(), `/ from ${from}`).resolves.toBe('#search');
    }
    await page.locator('.list-item').first().focus();
    const { word, key } = abstractOnlyWord(graph);
    await page.keyboard.press('/');
    await expect(focused()).resolves.toBe('#search');
    await page.keyboard.type(word);
    await expect.poll(() => page.locator('.search-status').textContent()).toBe('1 match');
    await page.keyboard.press('Enter');
    const panel = page.locator('aside#paper-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await expect(panel.locator('.paper-title').textContent()).resolves.toBe(paperOf(graph, key).title);

    // Tab reaches the panel's close button and its related papers; Enter on one follows it.
    const toClose = await tabTo(/^button\.close$/, 80);
    expect(toClose).not.toContain('body');
    await tabTo(/^\.related\[/, 10);
    const next = (await focused()).replace(/^\.related\[(.*)\]$/, '$1');
    await page.keyboard.press('Enter');
    await expect.poll(() => hashParams(page).get('paper')).toBe(next);
    await expect(panel.locator('.paper-title').textContent()).resolves.toBe(paperOf(graph, next).title);

    // Esc in the open Export menu closes the menu only.
    const menu = page.locator('details.export-menu');
    await menu.locator('> summary').focus();
    await page.keyboard.press('Enter');
    await expect(menu.evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu.evaluate((details) => (details as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(focused()).resolves.toBe('summary.');
    await expect(panel.isVisible()).resolves.toBe(true);

    // Esc (outside a text field) closes the panel; in the search box it clears the search.
    await tabTo(/^button\.close$/, 80);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isHidden()).toBe(true);
    expect(hashParams(page).get('paper')).toBeNull();
    await page.keyboard.press('/');
    await expect(page.locator('#search').inputValue()).resolves.toBe(word);
    await page.keyboard.press('Escape');
    await expect(page.locator('#search').inputValue()).resolves.toBe('');
    await expect.poll(() => page.locator('.list-item').count()).toBe(keys.length);

    // Every control has an accessible name: text, aria-label(ledby), a label, or a title.
    await page.locator(`.list-item[data-paper="${key}"]`).click();
    await expect.poll(() => panel.isVisible()).toBe(true);
    await page.locator('details.export-menu > summary').click();
    const unnamed = await page.evaluate(() => {
      const controls = document.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"]), [role="button"]',
      );
      const named = (element: HTMLElement): boolean => {
        if (element.getAttribute('aria-label')?.trim()) return true;
        const labelledBy = element.getAttribute('aria-labelledby');
        if (labelledBy?.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim()))
          return true;
        const labels = (element as HTMLInputElement).labels;
        if (labels && Array.from(labels).some((label) => label.textContent?.trim())) return true;
        if (element instanceof HTMLInputElement && ['button', 'submit'].includes(element.type)) {
          return element.value.trim() !== '';
        }
        if (!(element instanceof HTMLInputElement) && element.textContent?.trim()) return true;
        return Boolean(element.title.trim());
      };
      return Array.from(controls)
        .filter((element) => !named(element))
        .map((element) => element.outerHTML.slice(0, 120));
    });
    expect(unnamed).toEqual([]);
    const count = await page
      .locator('button, input, summary, canvas')
      .evaluateAll((elements) => elements.length);
    expect(count).toBeGreaterThan(keys.length);
  });
});
