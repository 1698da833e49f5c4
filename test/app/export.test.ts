/**
 * The exporters, on the real default graph (data/hf-papers-mar20.txt through the pipeline) and on
 * the same graph with hostile text over a few papers (test/fixtures/export/hostile-text.json):
 * every file parses back with a reader of its format, holds exactly the view, and keeps text from
 * the input as data.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { citationKeys, exportBibTeX } from '../../src/app/export/bibtex';
import { CSV_COLUMNS, exportCSV } from '../../src/app/export/csv';
import { downloadText } from '../../src/app/export/download';
import { paperUrl, xmlSafe } from '../../src/app/export/escape';
import { exportGEXF } from '../../src/app/export/gexf';
import { exportGraphJSON, viewGraphJSON } from '../../src/app/export/graph-json';
import { exportGraphML } from '../../src/app/export/graphml';
import {
  collectAppAssets,
  EMBEDDED_GRAPH_ID,
  inlineScriptText,
  standaloneHtml,
} from '../../src/app/export/html';
import { EXPORT_FORMATS, exportFormat, VIEW_WRITERS } from '../../src/app/export/index';
import { type ExportInput, exportRadius, exportView, viewModularity } from '../../src/app/export/input';
import { sha256Base64 } from '../../src/app/export/sha256';
import { exportSVG } from '../../src/app/export/svg';
import { vosviewerJSON } from '../../src/app/export/vosviewer';
import { parseFiles } from '../../src/core/parse/index';
import { buildGraph } from '../../src/core/pipeline';
import { stringifyGraph } from '../../src/core/serialize';
import type { Paper, PapermapGraphJSON, PaperNodeAttributes } from '../../src/core/types';

// graphology-gexf's browser entry builds its parser from the page's DOMParser when loaded; Node
// has none, so the exporter gets the Node entry, whose writer is the same module.
vi.mock('graphology-gexf/browser', () => import('graphology-gexf'));

const SOURCE = 'data/hf-papers-mar20.txt';
const bytes = new Uint8Array(readFileSync(new URL(`../../${SOURCE}`, import.meta.url)));
const parsed = await parseFiles([{ name: SOURCE, bytes }]);

type Hostile = Pick<Paper, 'title' | 'abstract' | 'authors' | 'year' | 'url' | 'doi' | 'arxiv'>;
const hostile: Hostile[] = JSON.parse(
  readFileSync(new URL('../fixtures/export/hostile-text.json', import.meta.url), 'utf8'),
).papers;

/** The default papers with the hostile records over the first ones (their abstracts kept after). */
const hostilePapers: Paper[] = parsed.papers.map((paper, i) =>
  i < hostile.length
    ? { ...paper, ...hostile[i], abstract: `${hostile[i].abstract} ${paper.abstract}`.trim() }
    : paper,
);

const XSS_TITLE = hostile[0].title;
const BAD_COLOR = 'red" onload="alert(1)';
const BAD_LABEL = '<script>alert("label")</script> & {cluster} @evil';

let main: PapermapGraphJSON;
let mainText: string;
let xss: PapermapGraphJSON;

beforeAll(async () => {
  const built = await buildGraph({ papers: parsed.papers, skipped: parsed.skipped, source: SOURCE });
  main = built.graph;
  mainText = stringifyGraph(built.graph);
  xss = (await buildGraph({ papers: hostilePapers, source: SOURCE })).graph;
  // Cluster names and colours come from the file too.
  xss.attributes.clusters[0].label = BAD_LABEL;
  xss.attributes.clusters[1].color = BAD_COLOR;
});

/** A view: the nodes of clusters 0 and 1, and of the edges among them those of rank 1 or 2. */
function sampleView(graph: PapermapGraphJSON): Required<Pick<ExportInput, 'nodes' | 'edges'>> {
  const nodes = graph.nodes.filter((n) => n.attributes.cluster <= 1).map((n) => n.key);
  const kept = new Set(nodes);
  const edges = graph.edges
    .filter((e) => kept.has(e.source) && kept.has(e.target) && e.attributes.rank <= 2)
    // Either way round.
    .map((e, i): [string, string] => (i % 2 === 0 ? [e.source, e.target] : [e.target, e.source]));
  return { nodes, edges };
}

const hostileNode = (graph: PapermapGraphJSON, i: number): PaperNodeAttributes => {
  const node = graph.nodes.find((n) => n.attributes.title === hostile[i].title);
  if (!node) throw new Error(`the hostile paper ${i} is not in the graph`);
  return node.attributes;
};

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

/** Element names in an XML document. */
const elementNames = (doc: Document): Set<string> =>
  new Set(Array.from(doc.getElementsByTagName('*'), (element) => element.localName ?? element.nodeName));

const colorOf = (graph: PapermapGraphJSON, cluster: number): string =>
  graph.attributes.clusters.find((c) => c.id === cluster)?.color as string;

describe('PubMed ids', () => {
  it('travel to CSV, GEXF, GraphML and BibTeX, and give a link when nothing else does', () => {
    const graph: PapermapGraphJSON = structuredClone(main);
    const node = graph.nodes[0];
    Object.assign(node.attributes, { pmid: '31452104', url: null, doi: null, arxiv: null });
    const [header, first] = parseCsv(exportCSV({ graph }).slice(1));
    expect(first[header.indexOf('pmid')]).toBe('31452104');
    expect(parseGexf(Graph, exportGEXF({ graph })).getNodeAttribute(node.key, 'pmid')).toBe('31452104');
    expect(parseGraphml(Graph, exportGraphML({ graph })).getNodeAttribute(node.key, 'pmid')).toBe('31452104');
    expect(exportBibTeX({ graph }, node.attributes.cluster)).toContain('pmid = {31452104}');
    expect(paperUrl(node.attributes)).toBe('https://pubmed.ncbi.nlm.nih.gov/31452104/');
  });
});

describe('exportView', () => {
  it('keeps the given nodes, and of the given edges those among them, in graph order', () => {
    const { nodes, edges } = sampleView(main);
    const outsider = main.nodes.find((n) => n.attributes.cluster > 1)?.key as string;
    const edgeToOutsider = main.edges.find((e) => e.source === outsider || e.target === outsider);
    const view = exportView({
      graph: main,
      nodes: [...nodes].reverse(),
      edges: [...edges, [edgeToOutsider?.source as string, edgeToOutsider?.target as string]],
    });
    expect(view.nodes.map((n) => n.key)).toEqual(
      main.nodes.filter((n) => nodes.includes(n.key)).map((n) => n.key),
    );
    expect(view.edges).toHaveLength(edges.length);
    expect(view.filtered).toBe(true);
    for (const edge of view.edges) expect(main.edges[edge.index].source).toBe(edge.source);
  });

  it('keeps everything when nothing is given, and counts degree and strength', () => {
    const view = exportView({ graph: main });
    expect(view.filtered).toBe(false);
    expect(view.nodes).toHaveLength(main.nodes.length);
    expect(view.edges).toHaveLength(main.edges.length);
    const degreeSum = [...view.degree.values()].reduce((a, b) => a + b, 0);
    expect(degreeSum).toBe(2 * main.edges.length);
  });

  it('rejects node keys and edges that are not in the graph', () => {
    expect(() => exportView({ graph: main, nodes: ['no-such-paper'] })).toThrow(/no-such-paper/);
    const [a, b] = [main.nodes[0].key, main.nodes[1].key];
    const linked = main.edges.some(
      (e) => (e.source === a && e.target === b) || (e.source === b && e.target === a),
    );
    if (!linked) expect(() => exportView({ graph: main, edges: [[a, b]] })).toThrow(/not in the graph/);
  });

  it('takes positions from the layout, finite ones only', () => {
    const [first, second] = main.nodes;
    const positions = new Map([
      [first.key, { x: 12.345, y: -6.78 }],
      [second.key, { x: Number.NaN, y: 1 }],
    ]);
    const view = exportView({ graph: main, positions });
    expect(view.nodes[0].attributes).toMatchObject({ x: 12.3, y: -6.8 });
    expect(view.nodes[1].attributes).toMatchObject({ x: second.attributes.x, y: second.attributes.y });
    expect(main.nodes[0].attributes.x).toBe(first.attributes.x);
  });

  it('recomputes the reported modularity for the whole graph', () => {
    const q = viewModularity(exportView({ graph: main }), main.attributes.params.resolution);
    expect(q).toBeCloseTo(main.attributes.stats.modularity, 3);
  });
});

describe('graph JSON', () => {
  it('writes the whole graph byte for byte as the pipeline does', () => {
    expect(viewGraphJSON({ graph: main })).toEqual(main);
    expect(exportGraphJSON({ graph: main })).toBe(mainText);
  });

  it('loads with Graph.from with every paper and attribute', () => {
    const graph = Graph.from(JSON.parse(exportGraphJSON({ graph: xss })));
    expect(graph.order).toBe(xss.nodes.length);
    expect(graph.size).toBe(xss.edges.length);
    for (const node of xss.nodes) expect(graph.getNodeAttributes(node.key)).toEqual(node.attributes);
    expect(graph.getAttribute('clusters')[0].label).toBe(BAD_LABEL);
  });

  it('holds exactly the view for a filtered view, with its counts', () => {
    const view = sampleView(main);
    const json = JSON.parse(exportGraphJSON({ graph: main, ...view })) as PapermapGraphJSON;
    const graph = Graph.from(json);
    expect(new Set(graph.nodes())).toEqual(new Set(view.nodes));
    expect(graph.size).toBe(view.edges.length);
    for (const [a, b] of view.edges) expect(graph.hasEdge(a, b)).toBe(true);
    const { stats, clusters, params } = json.attributes;
    expect(stats).toMatchObject({ papers: view.nodes.length, edges: view.edges.length, clusters: 2 });
    expect(clusters.map((c) => c.id)).toEqual([0, 1]);
    expect(clusters.reduce((sum, c) => sum + c.size, 0)).toBe(view.nodes.length);
    expect(params).toEqual(main.attributes.params);
    expect(exportFormat('graph-json').fileName({ filtered: true })).toBe('papermap-view.json');
  });
});

describe('GEXF', () => {
  it('parses back with graphology-gexf with every node, edge and attribute', () => {
    const text = exportGEXF({ graph: xss });
    parseXml(text);
    const graph = parseGexf(Graph, text);
    expect(graph.type).toBe('undirected');
    expect(graph.order).toBe(xss.nodes.length);
    expect(graph.size).toBe(xss.edges.length);
    const view = exportView({ graph: xss });
    for (const { key, attributes: paper } of xss.nodes) {
      const [r, g, b] = [1, 3, 5].map((i) =>
        Number.parseInt(colorOf(xss, paper.cluster).slice(i, i + 2), 16),
      );
      const expected: Record<string, unknown> = {
        label: xmlSafe(paper.title),
        title: xmlSafe(paper.title),
        cluster: paper.cluster,
        cluster_label: xss.attributes.clusters[paper.cluster].label,
        terms: paper.terms.join('; '),
        abstract: xmlSafe(paper.abstract),
        x: paper.x,
        y: paper.y,
        size: exportRadius(view.strength.get(key) ?? 0),
      };
      // Cluster 1's colour is not a colour: it is replaced by grey.
      expected.color = paper.cluster === 1 ? 'rgb(136,136,136)' : `rgb(${r},${g},${b})`;
      if (paper.year !== null) expected.year = paper.year;
      if (paper.authors.length > 0) expected.authors = paper.authors.join('; ');
      for (const field of ['url', 'doi', 'arxiv', 'pmid'] as const)
        if (paper[field] !== null) expected[field] = paper[field];
      expect(graph.getNodeAttributes(key)).toEqual(expected);
    }
    for (const edge of xss.edges) {
      const key = graph.edge(edge.source, edge.target) as string;
      expect(graph.getEdgeAttributes(key)).toEqual({
        weight: edge.attributes.weight,
        rank: edge.attributes.rank,
        terms: edge.attributes.terms.join('; '),
      });
    }
  });

  it('keeps hostile text as text', () => {
    const text = exportGEXF({ graph: xss });
    expect(text).not.toMatch(/<img|<script/i);
    const names = elementNames(parseXml(text));
    expect(names).toEqual(
      new Set(
        [
          'gexf',
          'meta',
          'creator',
          'description',
          'graph',
          'attributes',
          'attribute',
          'nodes',
          'node',
        ].concat(['attvalues', 'attvalue', 'color', 'size', 'position', 'edges', 'edge']),
      ),
    );
    const graph = parseGexf(Graph, text);
    const first = hostileNode(xss, 0);
    const key = xss.nodes.find((n) => n.attributes === first)?.key as string;
    expect(graph.getNodeAttribute(key, 'label')).toBe(XSS_TITLE);
    expect(graph.getNodeAttribute(key, 'abstract')).toBe(first.abstract);
    // The unusable colour of cluster 1 is replaced, never written.
    const inOne = xss.nodes.find((n) => n.attributes.cluster === 1)?.key as string;
    expect(graph.getNodeAttribute(inOne, 'color')).toBe('rgb(136,136,136)');
  });

  it('writes only the view', () => {
    const view = sampleView(main);
    const graph = parseGexf(Graph, exportGEXF({ graph: main, ...view }));
    expect(new Set(graph.nodes())).toEqual(new Set(view.nodes));
    expect(graph.size).toBe(view.edges.length);
  });
});

describe('GraphML', () => {
  it('parses back with graphology-graphml with every node, edge and attribute', () => {
    const text = exportGraphML({ graph: xss });
    const doc = parseXml(text);
    expect(doc.documentElement.getAttribute('xmlns')).toBe('http://graphml.graphdrawing.org/xmlns');
    const graph = parseGraphml(Graph, text);
    expect(graph.type).toBe('undirected');
    expect(graph.order).toBe(xss.nodes.length);
    expect(graph.size).toBe(xss.edges.length);
    expect(graph.getAttribute('source')).toBe(SOURCE);
    expect(JSON.parse(graph.getAttribute('clusters'))).toEqual(xss.attributes.clusters);
    expect(JSON.parse(graph.getAttribute('params'))).toEqual(xss.attributes.params);
    const view = exportView({ graph: xss });
    for (const { key, attributes: paper } of xss.nodes) {
      const expected: Record<string, unknown> = {
        label: xmlSafe(paper.title),
        title: xmlSafe(paper.title),
        cluster: paper.cluster,
        cluster_label: xss.attributes.clusters[paper.cluster].label,
        terms: paper.terms.join('; '),
        abstract: xmlSafe(paper.abstract),
        x: paper.x,
        y: paper.y,
        size: exportRadius(view.strength.get(key) ?? 0),
        color: paper.cluster === 1 ? '#888888' : colorOf(xss, paper.cluster),
      };
      if (paper.year !== null) expected.year = paper.year;
      if (paper.authors.length > 0) expected.authors = paper.authors.join('; ');
      for (const field of ['url', 'doi', 'arxiv', 'pmid'] as const)
        if (paper[field] !== null) expected[field] = paper[field];
      expect(graph.getNodeAttributes(key)).toEqual(expected);
    }
    for (const edge of xss.edges) {
      const key = graph.edge(edge.source, edge.target) as string;
      expect(graph.getEdgeAttributes(key)).toEqual({
        weight: edge.attributes.weight,
        rank: edge.attributes.rank,
        terms: edge.attributes.terms.join('; '),
      });
    }
  });

  it('declares every key it uses, once', () => {
    const doc = parseXml(exportGraphML({ graph: main }));
    const keys = Array.from(doc.getElementsByTagName('key'), (k) => k.getAttribute('id'));
    expect(new Set(keys).size).toBe(keys.length);
    const used = new Set(Array.from(doc.getElementsByTagName('data'), (d) => d.getAttribute('key')));
    for (const key of used) expect(keys).toContain(key);
  });

  it('keeps hostile text as text, and writes only the view', () => {
    const text = exportGraphML({ graph: xss });
    expect(text).not.toMatch(/<img|<script/i);
    expect(elementNames(parseXml(text))).toEqual(
      new Set(['graphml', 'key', 'graph', 'data', 'node', 'edge']),
    );
    const view = sampleView(main);
    const graph = parseGraphml(Graph, exportGraphML({ graph: main, ...view }));
    expect(new Set(graph.nodes())).toEqual(new Set(view.nodes));
    expect(graph.size).toBe(view.edges.length);
  });
});

describe('VOSviewer JSON', () => {
  it('has one item per paper with numeric ids, 1-based clusters and links between items', () => {
    const doc = vosviewerJSON({ graph: main });
    const { items, links, clusters } = doc.network;
    expect(items).toHaveLength(main.nodes.length);
    const ids = items.map((item) => item.id);
    expect(ids.every((id) => Number.isInteger(id) && id >= 1)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(links).toHaveLength(main.edges.length);
    for (const link of links) {
      expect(ids).toContain(link.source_id);
      expect(ids).toContain(link.target_id);
      expect(link.strength).toBeGreaterThan(0);
    }
    items.forEach((item, i) => {
      expect(item.cluster).toBe(main.nodes[i].attributes.cluster + 1);
      expect(item.label).toBe(main.nodes[i].attributes.title);
      const own = links.filter((l) => l.source_id === item.id || l.target_id === item.id);
      expect(item.weights.Links).toBe(own.length);
      expect(item.weights['Total link strength']).toBeCloseTo(
        own.reduce((sum, l) => sum + l.strength, 0),
        3,
      );
    });
    expect(clusters.map((c) => c.cluster)).toEqual(main.attributes.clusters.map((c) => c.id + 1));
    expect(Math.min(...items.map((item) => item.cluster as number))).toBe(1);
  });

  it('escapes descriptions (shown as HTML) and links only to http(s)', () => {
    const doc = vosviewerJSON({ graph: xss });
    const first = doc.network.items.find((item) => item.label === XSS_TITLE);
    expect(first?.description).not.toMatch(/<(?!\/?p>)/);
    expect(first?.description).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // javascript: is refused; the DOI gives the link instead.
    expect(first?.url).toMatch(/^https:\/\/doi\.org\/10\.1000\//);
    for (const item of doc.network.items) {
      expect(item.description.replace(/<\/?p>/g, '')).not.toMatch(/[<>]/);
      if (item.url) expect(item.url).toMatch(/^https?:\/\//);
    }
    for (const { color } of doc.config.color_schemes.cluster_colors) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('writes only the view', () => {
    const view = sampleView(main);
    const doc = vosviewerJSON({ graph: main, ...view });
    expect(doc.network.items).toHaveLength(view.nodes.length);
    expect(doc.network.links).toHaveLength(view.edges.length);
  });
});

/** RFC 4180, strictly: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r')
          throw new Error(`text after a quote at ${i}`);
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`line break outside quotes at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('CSV', () => {
  it('round-trips every paper, commas, quotes and line breaks included', () => {
    const text = exportCSV({ graph: xss });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(xss.nodes.length);
    const unguard = (field: string): string => (/^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field);
    rows.forEach((row, i) => {
      const { key, attributes: p } = xss.nodes[i];
      expect(row.map(unguard)).toEqual([
        key,
        p.title,
        p.authors.join('; '),
        p.year === null ? '' : String(p.year),
        p.url ?? '',
        p.doi ?? '',
        p.arxiv ?? '',
        p.pmid ?? '',
        String(p.cluster),
        xss.attributes.clusters[p.cluster].label,
        p.terms.join('; '),
        p.abstract,
      ]);
    });
  });

  it('neutralises formula starts', () => {
    const rows = parseCsv(exportCSV({ graph: xss }).slice(1));
    const byTitle = (title: string): string[] => rows.find((row) => row[1].endsWith(title)) as string[];
    const first = byTitle(XSS_TITLE);
    expect(first[2]).toMatch(/^'=HYPERLINK/);
    const second = byTitle(hostile[1].title);
    expect(second[1]).toBe(`'${hostile[1].title}`);
    expect(second[CSV_COLUMNS.indexOf('abstract')]).toBe(`'${hostilePapers[1].abstract}`);
    expect(byTitle(hostile[2].title)[1]).toBe(`'${hostile[2].title}`);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes only the view', () => {
    const view = sampleView(main);
    const rows = parseCsv(exportCSV({ graph: main, ...view }).slice(1));
    expect(rows.slice(1).map((row) => row[0])).toEqual(
      main.nodes.filter((n) => view.nodes.includes(n.key)).map((n) => n.key),
    );
  });
});

interface BibEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
}

/** Reads entries as BibTeX does: from each `@`, fields delimited by brace counting. */
function parseBibtex(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let i = text.indexOf('@');
  const skipSpace = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  while (i !== -1) {
    const open = text.indexOf('{', i);
    const comma = text.indexOf(',', open);
    const entry: BibEntry = {
      type: text.slice(i + 1, open),
      key: text.slice(open + 1, comma),
      fields: new Map(),
    };
    i = comma + 1;
    for (;;) {
      skipSpace();
      if (text[i] === '}') break;
      const eq = text.indexOf('=', i);
      const name = text.slice(i, eq).trim();
      i = eq + 1;
      skipSpace();
      if (text[i] !== '{') throw new Error(`field ${name} of ${entry.key} does not start with a brace`);
      const start = i + 1;
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
      if (depth !== 0) throw new Error(`field ${name} of ${entry.key} never closes`);
      entry.fields.set(name, text.slice(start, i));
      i++;
      skipSpace();
      if (text[i] === ',') i++;
    }
    entries.push(entry);
    i = text.indexOf('@', i + 1);
  }
  return entries;
}

/** Field text back to plain text: escapes undone, protective braces dropped. */
const unescapeBibtex = (value: string): string =>
  value.replace(
    /\\(textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum)\{\}|\\([&%$#_])|[{}]/g,
    (match, command: string | undefined, char: string | undefined) => {
      if (command) {
        const chars: Record<string, string> = {
          textbackslash: '\\',
          textbraceleft: '{',
          textbraceright: '}',
          textasciitilde: '~',
          textasciicircum: '^',
        };
        return chars[command];
      }
      return char ?? (match === '{' || match === '}' ? '' : match);
    },
  );

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('BibTeX', () => {
  it("writes each cluster's papers, with unique keys and balanced braces", () => {
    for (const cluster of main.attributes.clusters) {
      const text = exportBibTeX({ graph: main }, cluster.id);
      expect(text.split('{').length).toBe(text.split('}').length);
      const entries = parseBibtex(text);
      expect(entries).toHaveLength(cluster.size);
      const keys = entries.map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(/^[a-z0-9]+$/);
      const titles = main.nodes
        .filter((n) => n.attributes.cluster === cluster.id)
        .map((n) => n.attributes.title);
      expect(entries.map((e) => unescapeBibtex(e.fields.get('title') as string))).toEqual(
        titles.map(oneLine),
      );
    }
  });

  it('escapes the specials so that hostile text stays text', () => {
    const papers = hostile.map((_, i) => hostileNode(xss, i));
    for (const cluster of new Set(papers.map((p) => p.cluster))) {
      const text = exportBibTeX({ graph: xss }, cluster);
      expect(text.split('{').length).toBe(text.split('}').length);
      const entries = parseBibtex(text);
      expect(entries).toHaveLength(xss.nodes.filter((n) => n.attributes.cluster === cluster).length);
      for (const entry of entries) {
        for (const name of ['title', 'author', 'abstract', 'keywords']) {
          const value = entry.fields.get(name);
          if (value === undefined) continue;
          const bare = value
            .replace(
              /\\(?:textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum)\{\}/g,
              '',
            )
            .replace(/\\[&%$#_]/g, '');
          expect(bare, `${entry.key} ${name}`).not.toMatch(/[\\&%$#_~^]/);
          // What braces are left protect words or names, in pairs.
          expect(bare.replace(/\{[^{}]*\}/g, ''), `${entry.key} ${name}`).not.toMatch(/[{}]/);
        }
      }
      for (const paper of papers.filter((p) => p.cluster === cluster)) {
        const entry = entries.find(
          (e) => unescapeBibtex(e.fields.get('title') as string) === oneLine(paper.title),
        );
        expect(entry, paper.title).toBeDefined();
        expect(unescapeBibtex(entry?.fields.get('abstract') ?? '')).toBe(oneLine(paper.abstract));
        expect(entry?.fields.get('year')).toBe(String(paper.year));
        if (paper.arxiv) expect(entry?.fields.get('archivePrefix')).toBe('arXiv');
        if (paper.url?.startsWith('javascript:')) expect(entry?.fields.has('url')).toBe(false);
      }
    }
    const first = hostileNode(xss, 0);
    const text = exportBibTeX({ graph: xss }, first.cluster);
    expect(text).toContain(
      'author = {=HYPERLINK("http://evil.example","click") and Jürgen Müller and {Smith and Wesson}}',
    );
    expect(text).toContain('doi = {10.1000/a%7Bb%7Dc%_#&x}');
    expect(text).toContain('{LLMs}');
  });

  it('makes keys from surname or title word and year, a/b/c for repeats', () => {
    const paper = (authors: string[], year: number | null, title = 'A Title'): PaperNodeAttributes => ({
      title,
      abstract: '',
      authors,
      year,
      url: null,
      doi: null,
      arxiv: null,
      cluster: 0,
      terms: [],
      x: 0,
      y: 0,
    });
    expect(
      citationKeys([
        paper(['Jane Smith'], 2024),
        paper(['Jürgen Müller'], 2023),
        paper(['Smith, John'], 2024),
        paper([], 2022, 'The Attention Model'),
        paper(['Martin Luther King Jr.'], null),
        paper(['Søren Kierkegaard'], 1843),
        paper(['Jane Smith'], 2024),
        paper(['李'], 2020, '大 model'),
      ]),
    ).toEqual([
      'smith2024a',
      'muller2023',
      'smith2024b',
      'attention2022',
      'king',
      'kierkegaard1843',
      'smith2024c',
      'model2020',
    ]);
    // A suffixed key never takes another paper's own key.
    expect(citationKeys([paper(['Ann Lee'], null), paper(['Ann Lee'], null), paper(['Leea'], null)])).toEqual(
      ['leeb', 'leec', 'leea'],
    );
  });

  it('refuses a cluster the graph does not have', () => {
    expect(() => exportBibTeX({ graph: main }, 999)).toThrow(/no cluster 999/);
  });
});

describe('SVG', () => {
  const ALLOWED = new Set(['svg', 'title', 'desc', 'rect', 'g', 'line', 'circle', 'text']);

  it('parses as XML and draws every paper, link and cluster name of the view', () => {
    const view = sampleView(main);
    const doc = parseXml(exportSVG({ graph: main, ...view }));
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.getElementsByTagName('circle')).toHaveLength(view.nodes.length);
    expect(doc.getElementsByTagName('line')).toHaveLength(view.edges.length);
    const labels = Array.from(doc.getElementsByTagName('text'), (t) => t.textContent);
    // One name per cluster shown, in the order its first paper comes.
    expect([...labels].sort()).toEqual(
      main.attributes.clusters
        .slice(0, 2)
        .map((c) => c.label)
        .sort(),
    );
    expect(doc.getElementsByTagName('rect')).toHaveLength(1);
  });

  it('keeps hostile text as escaped text in tooltips and labels', () => {
    const text = exportSVG({ graph: xss, positions: new Map() }, { background: 'transparent' });
    const doc = parseXml(text);
    expect([...elementNames(doc)].filter((name) => !ALLOWED.has(name))).toEqual([]);
    expect(text).not.toMatch(/<img|<script|onload=/i);
    const titles = Array.from(doc.getElementsByTagName('title'), (t) => t.textContent);
    expect(titles).toContain(XSS_TITLE);
    expect(titles).toContain(hostile[2].title);
    expect(Array.from(doc.getElementsByTagName('text'), (t) => t.textContent)).toContain(BAD_LABEL);
    for (const circle of Array.from(doc.getElementsByTagName('circle'))) {
      expect(circle.getAttribute('fill')).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(doc.getElementsByTagName('rect')).toHaveLength(0);
  });

  it('draws an empty view', () => {
    const doc = parseXml(exportSVG({ graph: main, nodes: [] }));
    expect(doc.getElementsByTagName('circle')).toHaveLength(0);
  });
});

describe('standalone HTML', () => {
  const hostileJs =
    'globalThis.__papermap = ["</script><script>alert(1)</script>", "<!-- x -->", /<!--/.source, "</SCRIPT >"];';
  const page = (): string =>
    standaloneHtml({
      graph: xss,
      css: 'body { color: red } </style><script>alert(1)</script>',
      js: hostileJs,
      title: '<b>papermap</b> </title><script>alert(1)</script>',
    });

  const dataBlock = (html: string): string => {
    const open = `<script type="application/json" id="${EMBEDDED_GRAPH_ID}">`;
    const start = html.indexOf(open) + open.length;
    return html.slice(start, html.indexOf('</script>', start));
  };

  it('embeds the graph so that it extracts back to the same graph', () => {
    const html = page();
    const block = dataBlock(html);
    expect(block).not.toContain('<');
    expect(block.toLowerCase()).not.toContain('</script');
    expect(JSON.parse(block)).toEqual(xss);
  });

  it('has exactly its own two scripts and one style, whatever the text inlined', () => {
    const html = page();
    // Inside <style> only `</style` ends the element; after it, only our two scripts may open or close.
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    // As the HTML tokenizer reads script data: from the open tag to the first `</script`, which
    // a `<!--` before it could move.
    let rest = html.slice(html.indexOf('</style>'));
    const scripts: string[] = [];
    for (let open = rest.search(/<script[\s>]/i); open !== -1; open = rest.search(/<script[\s>]/i)) {
      const end = rest.indexOf('>', open) + 1;
      const close = rest.toLowerCase().indexOf('</script', end);
      scripts.push(rest.slice(open, end));
      expect(rest.slice(end, close)).not.toContain('<!--');
      rest = rest.slice(close + '</script'.length);
    }
    expect(scripts).toEqual([
      `<script type="application/json" id="${EMBEDDED_GRAPH_ID}">`,
      '<script type="module">',
    ]);
    expect(html.match(/<\/title/gi)).toHaveLength(1);
    expect(html).toContain('<title>&lt;b&gt;papermap&lt;/b&gt; &lt;/title&gt;');
  });

  it('inlines the code unchanged in meaning, allowed by its CSP hash alone', () => {
    const html = page();
    const open = '<script type="module">';
    const start = html.indexOf(open) + open.length;
    const script = html.slice(start, html.indexOf('</script>', start));
    expect(script).toBe(inlineScriptText(hostileJs));
    const scope = globalThis as { __papermap?: unknown };
    new Function(script)();
    new Function(hostileJs)();
    const escaped = scope.__papermap;
    new Function(hostileJs)();
    expect(escaped).toEqual(scope.__papermap);
    delete scope.__papermap;
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toMatch(/default-src 'none'/);
  });

  it('computes SHA-256 as node:crypto does', () => {
    const inputs = [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'é🙂 </script>',
      'x'.repeat(200_001),
    ];
    for (const text of inputs) {
      expect(sha256Base64(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
    }
  });
});

describe('collectAppAssets', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  interface FakeElement {
    getAttribute(name: string): string | null;
  }
  const element = (attributes: Record<string, string>): FakeElement => ({
    getAttribute: (name) => attributes[name] ?? null,
  });
  const fakeDocument = (tags: Record<string, FakeElement[]>, embedded = false): Document =>
    ({
      URL: 'http://localhost:4173/',
      baseURI: 'http://localhost:4173/',
      getElementsByTagName: (name: string) => tags[name] ?? [],
      getElementById: (id: string) => (embedded && id === EMBEDDED_GRAPH_ID ? element({}) : null),
    }) as unknown as Document;

  const BUILT_PAGE =
    '<!doctype html><html><head><script type="module" src="/assets/index-1.js"></script></head>' +
    '<body>\n<main id="app"><p>Loading…</p></main>\n<script>ignored()</script>\n</body></html>';
  const files: Record<string, string> = {
    'http://localhost:4173/': BUILT_PAGE,
    'http://localhost:4173/assets/index-1.js': 'console.log("app");',
    'http://localhost:4173/assets/index-1.css': 'body { margin: 0 }',
  };

  it('reads the built page: its module script, stylesheets and body', async () => {
    vi.stubGlobal('fetch', async (url: string) =>
      url in files ? new Response(files[url]) : new Response('', { status: 404, statusText: 'Not Found' }),
    );
    const doc = fakeDocument({
      script: [element({ type: 'module', src: '/assets/index-1.js' })],
      link: [
        element({ rel: 'stylesheet', href: '/assets/index-1.css' }),
        element({ rel: 'stylesheet', href: 'https://elsewhere.example/x.css' }),
        element({ rel: 'icon', href: 'data:image/svg+xml,x' }),
      ],
    });
    await expect(collectAppAssets(doc)).resolves.toEqual({
      js: 'console.log("app");',
      css: 'body { margin: 0 }',
      body: '<main id="app"><p>Loading…</p></main>',
    });
  });

  it('says what to do on the dev server, a split build, a missing file or a saved page', async () => {
    vi.stubGlobal('fetch', async () => new Response('', { status: 404, statusText: 'Not Found' }));
    const dev = fakeDocument({
      script: [
        element({ type: 'module', src: '/@vite/client' }),
        element({ type: 'module', src: '/src/app/main.ts' }),
      ],
    });
    await expect(collectAppAssets(dev)).rejects.toThrow(/development server.*npm run build/);
    const tsOnly = fakeDocument({ script: [element({ type: 'module', src: '/src/app/main.ts?t=1' })] });
    await expect(collectAppAssets(tsOnly)).rejects.toThrow(/development server/);
    const split = fakeDocument({
      script: [element({ type: 'module', src: '/assets/index-1.js' })],
      link: [element({ rel: 'modulepreload', href: '/assets/chunk.js' })],
    });
    await expect(collectAppAssets(split)).rejects.toThrow(/split into several files/);
    const missing = fakeDocument({ script: [element({ type: 'module', src: '/assets/index-1.js' })] });
    await expect(collectAppAssets(missing)).rejects.toThrow(/could not read .*index-1\.js \(404 Not Found\)/);
    await expect(collectAppAssets(fakeDocument({}, true))).rejects.toThrow(/itself a saved HTML file/);
  });
});

describe('downloadText', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('clicks a temporary download link on an object URL, then revokes it', async () => {
    vi.useFakeTimers();
    const link = { href: '', download: '', rel: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
    const append = vi.fn();
    vi.stubGlobal('document', { createElement: () => link, body: { append } });
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blob = b as Blob;
      return 'blob:papermap/1';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    downloadText('papermap-papers.csv', 'text/csv', '\uFEFFkey\r\n');
    expect(link).toMatchObject({ href: 'blob:papermap/1', download: 'papermap-papers.csv' });
    expect(append).toHaveBeenCalledWith(link);
    expect(link.click).toHaveBeenCalledOnce();
    expect(link.remove).toHaveBeenCalledOnce();
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    expect(new Uint8Array(await (blob as Blob).arrayBuffer()).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:papermap/1');
  });
});

describe('the format list', () => {
  it('names each format once, with its file name and MIME type', () => {
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual([
      'graph-json',
      'gexf',
      'graphml',
      'vosviewer',
      'csv',
      'bibtex',
      'svg',
      'html',
    ]);
    expect(EXPORT_FORMATS.map((f) => f.fileName({ cluster: 3 }))).toEqual([
      'papermap-graph.json',
      'papermap-graph.gexf',
      'papermap-graph.graphml',
      'papermap-vosviewer.json',
      'papermap-papers.csv',
      'papermap-cluster-3.bib',
      'papermap-view.svg',
      'papermap-map.html',
    ]);
    for (const format of EXPORT_FORMATS) expect(format.mime).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
  });

  it('writes every view format from the view alone', () => {
    for (const [id, write] of Object.entries(VIEW_WRITERS)) {
      expect(write({ graph: main }).length, id).toBeGreaterThan(1000);
    }
  });
});
