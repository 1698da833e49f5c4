/**
 * Loading the graph: from `graph.json` beside the page, or from the data embedded in a standalone
 * HTML export. Everything read is untrusted: the file is checked against the contract
 * (`src/core/types.ts`) before anything is drawn, and every failure becomes a GraphLoadError that
 * says what went wrong and how to rebuild the graph, never a blank page.
 */
import type { PapermapGraphJSON } from '../core/types';
import { h } from './dom';

export const GRAPH_URL = 'graph.json';
export const REBUILD_COMMAND = 'npm start';

/** A failure to show the graph: a one-line title and a sentence or two of detail. */
export class GraphLoadError extends Error {
  constructor(
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
    this.name = 'GraphLoadError';
  }
}

// ---------------------------------------------------------------------------------------------
// Loading and checking

export async function fetchGraph(url: string): Promise<PapermapGraphJSON> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (error) {
    throw new GraphLoadError(`Could not load ${url}`, `The request failed: ${messageOf(error)}.`);
  }
  if (response.status === 404) {
    throw new GraphLoadError(`${url} is missing`, `The server has no ${url} (404 Not Found).`);
  }
  if (!response.ok) {
    throw new GraphLoadError(
      `Could not load ${url}`,
      `The server answered ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
    );
  }
  // Dev and preview servers answer a missing file with the app's own page (SPA fallback).
  if ((response.headers.get('content-type') ?? '').includes('text/html')) {
    throw new GraphLoadError(
      `${url} is missing`,
      `The server answered with a web page instead of ${url}, which is what it does for a file it does not have.`,
    );
  }
  const text = await response.text();
  if (text.trim() === '') throw new GraphLoadError(`${url} is empty`, 'The file has no content.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GraphLoadError(`${url} is not valid JSON`, `${messageOf(error)}.`);
  }
  return checkGraph(json, url);
}

/** Throws a GraphLoadError naming the first place where `json` breaks the graph contract. */
export function checkGraph(json: unknown, url: string): PapermapGraphJSON {
  const broken = (detail: string): GraphLoadError =>
    new GraphLoadError(`${url} is not a papermap graph`, detail);
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw broken(`${path} should be an object, found ${describe(value)}.`);
    }
    return value as Record<string, unknown>;
  };
  const array = (value: unknown, path: string): unknown[] => {
    if (!Array.isArray(value)) throw broken(`${path} should be an array, found ${describe(value)}.`);
    return value;
  };
  const string = (value: unknown, path: string): string => {
    if (typeof value !== 'string') throw broken(`${path} should be a string, found ${describe(value)}.`);
    return value;
  };
  const number = (value: unknown, path: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw broken(`${path} should be a number, found ${describe(value)}.`);
    }
    return value;
  };
  const strings = (value: unknown, path: string): void => {
    array(value, path).forEach((item, i) => {
      string(item, `${path}[${i}]`);
    });
  };
  const nullable = <T>(check: (value: unknown, path: string) => T) => {
    return (value: unknown, path: string): T | null => (value === null ? null : check(value, path));
  };

  const root = object(json, 'the file');
  const attributes = object(root.attributes, 'attributes');
  if (attributes.format !== 'papermap-graph') {
    throw broken(`attributes.format should be "papermap-graph", found ${describe(attributes.format)}.`);
  }
  if (attributes.version !== 1) {
    throw broken(`this page reads version 1 of the format, the file says ${describe(attributes.version)}.`);
  }
  string(attributes.source, 'attributes.source');
  const stats = object(attributes.stats, 'attributes.stats');
  number(stats.modularity, 'attributes.stats.modularity');
  array(stats.skipped ?? [], 'attributes.stats.skipped').forEach((item, i) => {
    const record = object(item, `attributes.stats.skipped[${i}]`);
    string(record.origin, `attributes.stats.skipped[${i}].origin`);
    string(record.reason, `attributes.stats.skipped[${i}].reason`);
    nullable(string)(record.title ?? null, `attributes.stats.skipped[${i}].title`);
  });

  const clusterIds = new Set<number>();
  array(attributes.clusters, 'attributes.clusters').forEach((item, i) => {
    const path = `attributes.clusters[${i}]`;
    const cluster = object(item, path);
    clusterIds.add(number(cluster.id, `${path}.id`));
    string(cluster.label, `${path}.label`);
    strings(cluster.terms, `${path}.terms`);
    number(cluster.size, `${path}.size`);
    string(cluster.color, `${path}.color`);
  });

  array(root.nodes, 'nodes').forEach((item, i) => {
    const node = object(item, `nodes[${i}]`);
    string(node.key, `nodes[${i}].key`);
    const path = `nodes[${i}].attributes`;
    const paper = object(node.attributes, path);
    string(paper.title, `${path}.title`);
    string(paper.abstract, `${path}.abstract`);
    strings(paper.authors, `${path}.authors`);
    strings(paper.terms, `${path}.terms`);
    nullable(number)(paper.year ?? null, `${path}.year`);
    for (const link of ['url', 'doi', 'arxiv', 'pmid'] as const)
      nullable(string)(paper[link] ?? null, `${path}.${link}`);
    const cluster = number(paper.cluster, `${path}.cluster`);
    if (!clusterIds.has(cluster))
      throw broken(`${path}.cluster is ${cluster}, which is not in attributes.clusters.`);
  });
  array(root.edges, 'edges');
  return json as PapermapGraphJSON;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

/** The graph embedded by a standalone HTML export, if this page is one. */
export function embeddedGraph(): PapermapGraphJSON | null {
  const element = document.getElementById('papermap-data');
  if (element === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(element.textContent ?? '');
  } catch (error) {
    throw new GraphLoadError('The embedded graph is not valid JSON', `${messageOf(error)}.`);
  }
  return checkGraph(json, 'the embedded graph');
}

export function renderProblem(error: unknown): HTMLElement {
  const { title, detail } =
    error instanceof GraphLoadError
      ? error
      : { title: 'Could not show the graph', detail: `Something unexpected failed: ${messageOf(error)}.` };
  const section = h(
    'section',
    'problem',
    h('h2', null, title),
    h('p', null, detail),
    h('p', null, 'Build the graph of the default papers (or add your files after --) and serve the app:'),
    h('pre', null, h('code', null, REBUILD_COMMAND)),
    h(
      'p',
      'hint',
      h('code', null, 'npm run build'),
      ' writes the app with its graph into dist/ for any static server.',
    ),
  );
  section.setAttribute('role', 'alert');
  return section;
}
