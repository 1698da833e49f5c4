/** The page with a good graph: everything listed, abstracts on click, file contents shown as text. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PapermapGraphJSON } from '../../src/core/types';
import { domWatch, FIXTURES, useApp, type WatchedPage } from './browser';

const fixture = JSON.parse(await readFile(join(FIXTURES, 'graph-small.json'), 'utf8')) as PapermapGraphJSON;
const XSS_KEY = 'a-b-bold-b-merge';
const xss = fixture.nodes.find((node) => node.key === XSS_KEY)?.attributes;
if (!xss) throw new Error(`test/fixtures/graph-small.json lost its ${XSS_KEY} paper`);

/** "#4e79a7" → "rgb(78, 121, 167)", as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

const app = useApp({ graph: { fixture: 'graph-small.json' } });
const open = (colorScheme: 'light' | 'dark' = 'light'): Promise<WatchedPage> => app.open({ colorScheme });

describe('papermap page with the small fixture graph', () => {
  it('shows the source and the counts', async () => {
    const { page } = await open();
    await expect(page.locator('.source code').textContent()).resolves.toBe(fixture.attributes.source);
    const stats = await page
      .locator('.stat')
      .evaluateAll((items) =>
        items.map((item) => [item.querySelector('dt')?.textContent, item.querySelector('dd')?.textContent]),
      );
    expect(stats).toEqual([
      ['papers', String(fixture.nodes.length)],
      ['edges', String(fixture.edges.length)],
      ['clusters', String(fixture.attributes.clusters.length)],
      ['modularity', fixture.attributes.stats.modularity.toFixed(3)],
    ]);
    await expect(page.locator('.skipped summary').textContent()).resolves.toBe('1 record skipped');
  });

  it('lists every cluster with its swatch, label and size, and every paper under its cluster', async () => {
    const { page } = await open();
    const clusters = page.locator('details.cluster');
    await expect(clusters.count()).resolves.toBe(fixture.attributes.clusters.length);
    const bySize = [...fixture.attributes.clusters].sort((a, b) => b.size - a.size || a.id - b.id);

    for (const [index, cluster] of bySize.entries()) {
      const details = clusters.nth(index);
      await expect(details.getAttribute('data-cluster')).resolves.toBe(String(cluster.id));
      await expect(details.locator('.cluster-label').textContent()).resolves.toBe(cluster.label);
      await expect(details.locator('.cluster-size').textContent()).resolves.toBe(
        `${cluster.size} paper${cluster.size === 1 ? '' : 's'}`,
      );
      const swatch = await details
        .locator('.swatch')
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(swatch).toBe(rgb(cluster.color));

      const titles = details.locator('.paper-title');
      await expect(titles.first().isVisible()).resolves.toBe(false);
      await details.locator('summary').click();
      await expect(titles.first().isVisible()).resolves.toBe(true);
      const expected = fixture.nodes.filter((node) => node.attributes.cluster === cluster.id);
      await expect(titles.allTextContents()).resolves.toEqual(expected.map((node) => node.attributes.title));
    }
  });

  it('shows a paper’s abstract and terms when its title is clicked, and hides them on a second click', async () => {
    const { page } = await open();
    const paper = fixture.nodes[0].attributes;
    await page.locator(`details.cluster[data-cluster="${paper.cluster}"] summary`).click();
    const title = page.getByRole('button', { name: paper.title, exact: true });
    await expect(title.getAttribute('aria-expanded')).resolves.toBe('false');

    await title.click();
    const detail = page.locator('.paper', { has: title }).locator('.paper-detail');
    await expect(title.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(detail.locator('.abstract').textContent()).resolves.toBe(paper.abstract);
    await expect(detail.locator('.term').allTextContents()).resolves.toEqual(paper.terms);
    await expect(detail.locator('a').getAttribute('href')).resolves.toBe(paper.url);
    await expect(detail.isVisible()).resolves.toBe(true);

    await title.click();
    await expect(detail.isVisible()).resolves.toBe(false);
    await expect(title.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('says so when a paper has no abstract', async () => {
    const { page } = await open();
    const paper = fixture.nodes.find((node) => node.attributes.abstract === '')?.attributes;
    if (!paper) throw new Error('the fixture should have a paper without an abstract');
    await page.locator(`details.cluster[data-cluster="${paper.cluster}"] summary`).click();
    await page.getByRole('button', { name: paper.title, exact: true }).click();
    await expect(page.locator('.abstract.empty').textContent()).resolves.toBe('No abstract.');
  });

  it('shows markup from the file as literal text: no element made from it, no image, no dialog', async () => {
    const watched = await open();
    const { page } = watched;
    await page.locator(`details.cluster[data-cluster="${xss.cluster}"] summary`).click();
    const title = page.locator('.paper-title', { hasText: 'bold' });
    await expect(title.textContent()).resolves.toBe(xss.title);
    await expect(title.locator('b').count()).resolves.toBe(0);

    await title.click();
    const detail = page.locator('.paper', { has: title }).locator('.paper-detail');
    await expect(detail.locator('.abstract').textContent()).resolves.toBe('<img src=x onerror=alert(1)>');
    await expect(detail.locator('.term').allTextContents()).resolves.toEqual(xss.terms);
    // Its url is `javascript:alert(2)`: not followed, so not a link.
    await expect(detail.locator('a').count()).resolves.toBe(0);

    // An injected <img src=x> would fail to load and fire its handler within a moment.
    await page.waitForTimeout(300);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.locator('#app script, #app b').count()).resolves.toBe(0);
    await expect(domWatch(page)).resolves.toEqual({ htmlWrites: 0, imagesInserted: 0 });
    expect(watched.dialogs).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
  });

  it('logs no console errors, page errors or failed requests with every cluster and paper opened', async () => {
    const watched = await open();
    const { page } = watched;
    for (const summary of await page.locator('details.cluster > summary').all()) await summary.click();
    for (const title of await page.locator('.paper-title').all()) await title.click();
    await expect(page.locator('.paper-detail').count()).resolves.toBe(fixture.nodes.length);
    await page.waitForTimeout(300);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.failedRequests).toEqual([]);
    expect(watched.dialogs).toEqual([]);
  });

  it('follows the system light or dark preference', async () => {
    const background = async (scheme: 'light' | 'dark') => {
      const { page } = await open(scheme);
      return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    };
    const luminance = (color: string) => {
      const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(await background('light'))).toBeGreaterThan(200);
    expect(luminance(await background('dark'))).toBeLessThan(60);
  });
});
