/** The page when graph.json cannot be shown: always a message that says what failed and how to rebuild. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PapermapGraphJSON } from '../../src/core/types';
import { FIXTURES, useApp } from './browser';

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
