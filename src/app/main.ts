/**
 * papermap's first page: loads `graph.json` and lists its clusters and papers.
 *
 * Everything read from the file is untrusted (titles and abstracts come from whatever a person
 * fed the pipeline), so it reaches the page only as text nodes and checked attributes: no
 * innerHTML anywhere. The file is checked against the contract (`src/core/types.ts`) before
 * anything is drawn, and every failure ends in a message that says what went wrong and how to
 * rebuild the graph, never in a blank page.
 */
import type { ClusterInfo, PapermapGraphJSON, PaperNodeAttributes, SerializedNode } from '../core/types';

const GRAPH_URL = 'graph.json';
const REBUILD_COMMAND = 'npm run graph -- data/hf-papers-mar20.txt --out public/graph.json';

/** A failure to show the graph: a one-line title and a sentence or two of detail. */
class GraphLoadError extends Error {
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

async function fetchGraph(url: string): Promise<PapermapGraphJSON> {
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
function checkGraph(json: unknown, url: string): PapermapGraphJSON {
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
    for (const link of ['url', 'doi', 'arxiv'] as const)
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

// ---------------------------------------------------------------------------------------------
// Derived view data: what the page lists, decided once, apart from the DOM code.

interface ClusterView {
  info: ClusterInfo;
  papers: SerializedNode[];
}

/** Clusters largest first (ties by id); papers in file order within each cluster. */
function clusterViews(graph: PapermapGraphJSON): ClusterView[] {
  const byId = new Map<number, ClusterView>();
  for (const info of graph.attributes.clusters) byId.set(info.id, { info, papers: [] });
  for (const node of graph.nodes) byId.get(node.attributes.cluster)?.papers.push(node);
  return [...byId.values()].sort((a, b) => b.info.size - a.info.size || a.info.id - b.info.id);
}

/** Where to read the paper: its own URL when that is http(s), else its DOI or arXiv page. */
function paperLink(paper: PaperNodeAttributes): { href: string; text: string } | null {
  const url = paper.url ? webUrl(paper.url) : null;
  if (url) return { href: url.href, text: url.hostname };
  if (paper.doi) return { href: `https://doi.org/${encodeURI(paper.doi)}`, text: `doi:${paper.doi}` };
  if (paper.arxiv) {
    return { href: `https://arxiv.org/abs/${encodeURIComponent(paper.arxiv)}`, text: `arXiv:${paper.arxiv}` };
  }
  return null;
}

/** The URL when it is http or https; anything else (javascript:, data:, …) is not followed. */
function webUrl(href: string): URL | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function authorLine(authors: string[]): string {
  return authors.length > 6 ? `${authors.slice(0, 5).join(', ')} et al.` : authors.join(', ');
}

// ---------------------------------------------------------------------------------------------
// DOM

type Child = Node | string;

/** createElement with a class and text or element children; strings become text nodes. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

const count = new Intl.NumberFormat();
const plural = (n: number, word: string): string => `${count.format(n)} ${word}${n === 1 ? '' : 's'}`;

function renderGraph(graph: PapermapGraphJSON): HTMLElement {
  const { attributes } = graph;
  document.title = `papermap · ${attributes.source}`;

  const stat = (label: string, value: string) => h('div', 'stat', h('dt', null, label), h('dd', null, value));
  const summary = h(
    'section',
    'summary',
    h('p', 'source', 'Source ', h('code', null, attributes.source)),
    h(
      'dl',
      'stats',
      stat('papers', count.format(graph.nodes.length)),
      stat('edges', count.format(graph.edges.length)),
      stat('clusters', count.format(attributes.clusters.length)),
      stat('modularity', attributes.stats.modularity.toFixed(3)),
    ),
  );
  const skipped = attributes.stats.skipped ?? [];
  if (skipped.length > 0) {
    const list = h('ul', 'skipped-list');
    for (const record of skipped) {
      const title = record.title ? ` “${record.title}”` : '';
      list.append(h('li', null, h('code', null, record.origin), `${title}: ${record.reason}`));
    }
    summary.append(
      h('details', 'skipped', h('summary', null, `${plural(skipped.length, 'record')} skipped`), list),
    );
  }

  const list = h('ol', 'cluster-list');
  let paperIndex = 0;
  for (const view of clusterViews(graph)) {
    const swatch = h('span', 'swatch');
    // One typed property: a value that is not a colour is dropped by the style engine.
    swatch.style.backgroundColor = view.info.color;
    swatch.setAttribute('aria-hidden', 'true');

    const papers = h('ul', 'paper-list');
    for (const node of view.papers) papers.append(renderPaper(node.attributes, `paper-${paperIndex++}`));
    // The label is made of the first terms: list only the ones it does not already show.
    const named = new Set(view.info.label.split(' · '));
    const more = view.info.terms.filter((term) => !named.has(term));
    const terms = more.length > 0 ? [h('p', 'cluster-terms', `also ${more.join(' · ')}`)] : [];

    const details = h(
      'details',
      'cluster',
      h(
        'summary',
        null,
        swatch,
        h('span', 'cluster-label', view.info.label || `cluster ${view.info.id}`),
        h('span', 'cluster-size', plural(view.info.size, 'paper')),
      ),
      ...terms,
      papers,
    );
    details.dataset.cluster = String(view.info.id);
    list.append(h('li', null, details));
  }

  return h('div', 'graph', summary, h('section', 'clusters', h('h2', null, 'Clusters'), list));
}

/** A paper's title as a toggle; its abstract and terms are built on first open. */
function renderPaper(paper: PaperNodeAttributes, id: string): HTMLElement {
  const toggle = h('button', 'paper-title', paper.title || '(untitled)');
  toggle.type = 'button';
  toggle.setAttribute('aria-expanded', 'false');
  const item = h('li', 'paper', toggle);

  let detail: HTMLElement | null = null;
  toggle.addEventListener('click', () => {
    if (detail === null) {
      detail = renderPaperDetail(paper);
      detail.id = id;
      item.append(detail);
      toggle.setAttribute('aria-controls', id);
    } else {
      detail.hidden = !detail.hidden;
    }
    toggle.setAttribute('aria-expanded', String(!detail.hidden));
  });
  return item;
}

function renderPaperDetail(paper: PaperNodeAttributes): HTMLElement {
  const detail = h('div', 'paper-detail');
  const meta: Child[] = [];
  if (paper.authors.length > 0) meta.push(h('span', null, authorLine(paper.authors)));
  if (paper.year !== null && paper.year !== undefined) meta.push(h('span', null, String(paper.year)));
  const link = paperLink(paper);
  if (link) {
    const anchor = h('a', null, link.text);
    anchor.href = link.href;
    anchor.target = '_blank';
    anchor.rel = 'noopener noreferrer';
    meta.push(anchor);
  }
  if (meta.length > 0) detail.append(h('p', 'paper-meta', ...meta));

  detail.append(
    paper.abstract.trim() === ''
      ? h('p', 'abstract empty', 'No abstract.')
      : h('p', 'abstract', paper.abstract),
  );
  if (paper.terms.length > 0) {
    const terms = h('ul', 'terms');
    terms.setAttribute('aria-label', 'Terms');
    for (const term of paper.terms) terms.append(h('li', 'term', term));
    detail.append(terms);
  }
  return detail;
}

function renderProblem(error: unknown): HTMLElement {
  const { title, detail } =
    error instanceof GraphLoadError
      ? error
      : { title: 'Could not show the graph', detail: `Something unexpected failed: ${messageOf(error)}.` };
  const section = h(
    'section',
    'problem',
    h('h2', null, title),
    h('p', null, detail),
    h('p', null, 'Build the graph from the default papers, then reload this page:'),
    h('pre', null, h('code', null, REBUILD_COMMAND)),
    h(
      'p',
      'hint',
      h('code', null, 'npm start'),
      ' does this for you when the graph is missing or out of date.',
    ),
  );
  section.setAttribute('role', 'alert');
  return section;
}

async function main(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) throw new Error('papermap: index.html has no #app element');
  let content: HTMLElement;
  try {
    content = renderGraph(await fetchGraph(GRAPH_URL));
  } catch (error) {
    content = renderProblem(error);
  }
  app.replaceChildren(content);
  app.setAttribute('aria-busy', 'false');
}

void main();
