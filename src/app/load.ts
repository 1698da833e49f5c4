/**
 * Loading the graph: from `graph.json` beside the page, or from the data embedded in a standalone
 * HTML export. Everything read is untrusted: the file is checked against the contract
 * (`src/core/types.ts`) before anything is drawn. What can be mended without guessing at the
 * papers (an edge that names no paper, a position no map could hold, a missing rank) is repaired,
 * each kind of repair told in one sentence; anything else becomes a GraphLoadError that names the
 * record at fault and says how to rebuild the graph. Never a blank page, nor an exception later on.
 */
import type { PapermapGraphJSON } from '../core/types';
import { h, plural } from './dom';

export const GRAPH_URL = 'graph.json';
export const REBUILD_COMMAND = 'npm start';

/**
 * Layout units past which a coordinate is not a position: the pipeline's maps span a few thousand,
 * and one node far out (x = 1e308) keeps the map's quadtree and camera busy until the tab dies.
 */
export const POSITION_LIMIT = 1e6;
/** How far above 1 a weight may be and still be a cosine of 1 that rounding pushed up. */
const WEIGHT_ROUNDING = 1e-6;

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

/** A graph that passed the check, repaired where it had to be. */
export interface CheckedGraph {
  /**
   * The graph to show: the file's own objects where they were sound, repaired copies where not
   * (the file's objects are never changed). A paper without a usable position has x = y = NaN:
   * the map places it itself.
   */
  graph: PapermapGraphJSON;
  /** What messages call the graph: `graph.json`, a dropped file's name, "the embedded graph". */
  name: string;
  /** One sentence per kind of repair, with a count and the first record at fault; empty when sound. */
  repairs: string[];
}

// ---------------------------------------------------------------------------------------------
// Loading

/** How far loading has come: the download (of `total` bytes, when the server said), then reading. */
export type LoadProgress = (step: { phase: 'download'; total: number | null } | { phase: 'read' }) => void;

/** Waits until the page has painted what it shows now (a progress line), then for the next task. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * The response's text, saying first how large it is. (Reading the body as a stream would give
 * byte-by-byte progress, but Chromium then reports the finished request as aborted.)
 */
async function readText(response: Response, onProgress: LoadProgress): Promise<string> {
  const header = Number(response.headers.get('content-length'));
  onProgress({ phase: 'download', total: Number.isFinite(header) && header > 0 ? header : null });
  return response.text();
}

export async function fetchGraph(url: string, onProgress: LoadProgress = () => {}): Promise<CheckedGraph> {
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
  const text = await readText(response, onProgress);
  if (text.trim() === '') throw new GraphLoadError(`${url} is empty`, 'The file has no content.');
  onProgress({ phase: 'read' });
  await painted();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GraphLoadError(`${url} is not valid JSON`, `${messageOf(error)}.`);
  }
  return checkGraph(json, url);
}

/** The graph embedded by a standalone HTML export, if this page is one. */
export function embeddedGraph(): CheckedGraph | null {
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

// ---------------------------------------------------------------------------------------------
// Checking

/** The kinds of repair, in the order they are checked and told. */
const REPAIR_KINDS = [
  'duplicateKey',
  'position',
  'notEdge',
  'endNotKey',
  'unknownEnd',
  'selfLoop',
  'noAttributes',
  'weight',
  'duplicateEdge',
  'weightRounded',
  'rank',
  'noTerms',
  'termNotText',
] as const;

type RepairKind = (typeof REPAIR_KINDS)[number];

/** The rank given to edges without a usable one, and why that one. */
interface RankFill {
  rank: number;
  why: string;
}

function repairSentence(kind: RepairKind, n: number, first: string, fill: RankFill): string {
  const edges = plural(n, 'edge');
  const were = n === 1 ? 'it was' : 'they were';
  switch (kind) {
    case 'duplicateKey':
      return `${plural(n, 'paper')} had the key of an earlier paper (first: ${first}); only the first paper with each key was kept.`;
    case 'position':
      return `${plural(n, 'paper')} had no usable position (first: ${first}); the map places ${n === 1 ? 'it' : 'them'} itself.`;
    case 'notEdge':
      return `${edges} ${n === 1 ? 'was not an edge record' : 'were not edge records'} (first: ${first}); ${were} left out.`;
    case 'endNotKey':
      return `${edges} did not name ${n === 1 ? 'its' : 'their'} papers by key (first: ${first}); ${were} left out.`;
    case 'unknownEnd':
      return `${edges} named a paper the file does not have (first: ${first}); ${were} left out.`;
    case 'selfLoop':
      return `${edges} joined a paper to itself (first: ${first}); ${were} left out.`;
    case 'noAttributes':
      return `${edges} had no attributes (first: ${first}); ${were} left out.`;
    case 'weight':
      return `${edges} had no usable weight, a similarity in (0, 1] (first: ${first}); ${were} left out.`;
    case 'duplicateEdge':
      return `${edges} joined two papers an earlier edge joins (first: ${first}); only the first edge of each pair was kept.`;
    case 'weightRounded':
      return `${edges} had a weight a little above 1 (first: ${first}); ${were} set to 1.`;
    case 'rank':
      return `${edges} had no usable rank (first: ${first}); ${were} given rank ${fill.rank}, ${fill.why}.`;
    case 'noTerms':
      return `${edges} had no list of shared terms (first: ${first}); ${n === 1 ? 'it shows' : 'they show'} none.`;
    case 'termNotText':
      return `${edges} listed shared terms that are not text (first: ${first}); those terms were dropped.`;
  }
}

/** How many records each kind of repair touched, and the first of them. */
class RepairLog {
  private readonly faults = new Map<RepairKind, { count: number; first: string }>();

  /** Counts one record; `first` (where and what it is) is only asked of the first of its kind. */
  note(kind: RepairKind, first: () => string): void {
    const fault = this.faults.get(kind);
    if (fault === undefined) this.faults.set(kind, { count: 1, first: first() });
    else fault.count++;
  }

  sentences(fill: RankFill): string[] {
    // Told in the order of REPAIR_KINDS, not of the records: the same kinds read the same way.
    return [...this.faults]
      .sort(([a], [b]) => REPAIR_KINDS.indexOf(a) - REPAIR_KINDS.indexOf(b))
      .map(([kind, { count, first }]) => repairSentence(kind, count, first, fill));
  }
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A coordinate a map can hold (NaN fails both comparisons). */
const isCoordinate = (value: unknown): value is number =>
  typeof value === 'number' && value >= -POSITION_LIMIT && value <= POSITION_LIMIT;

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;

function isTextList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let j = 0; j < value.length; j++) if (typeof value[j] !== 'string') return false;
  return true;
}

/** The refusals of one graph: each throws a GraphLoadError naming the place at fault. */
class Refusals {
  constructor(private readonly name: string) {}

  broken(detail: string): GraphLoadError {
    return new GraphLoadError(`${this.name} is not a papermap graph`, detail);
  }
  wrong(path: string, what: string, value: unknown): GraphLoadError {
    return this.broken(`${path} should be ${what}, found ${describe(value)}.`);
  }
  object(value: unknown, path: string): JsonObject {
    if (!isObject(value)) throw this.wrong(path, 'an object', value);
    return value;
  }
  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) throw this.wrong(path, 'an array', value);
    return value;
  }
  string(value: unknown, path: string): void {
    if (typeof value !== 'string') throw this.wrong(path, 'a string', value);
  }
  number(value: unknown, path: string): void {
    if (!isFiniteNumber(value)) throw this.wrong(path, 'a number', value);
  }
  strings(value: unknown, path: string): void {
    if (isTextList(value)) return;
    const list = this.array(value, path);
    const j = list.findIndex((item) => typeof item !== 'string');
    throw this.wrong(`${path}[${j}]`, 'a string', list[j]);
  }
}

/** The graph's own attributes; returns its params and where each cluster id is listed. */
function checkAttributes(
  refuse: Refusals,
  root: JsonObject,
): { params: JsonObject; clusterIds: Map<number, number> } {
  const attributes = refuse.object(root.attributes, 'attributes');
  if (attributes.format !== 'papermap-graph') {
    throw refuse.broken(
      `attributes.format should be "papermap-graph", found ${describe(attributes.format)}.`,
    );
  }
  if (attributes.version !== 1) {
    throw refuse.broken(
      `this page reads version 1 of the format, the file says ${describe(attributes.version)}.`,
    );
  }
  refuse.string(attributes.source, 'attributes.source');
  const params = refuse.object(attributes.params, 'attributes.params');
  const stats = refuse.object(attributes.stats, 'attributes.stats');
  refuse.number(stats.modularity, 'attributes.stats.modularity');
  refuse.array(stats.skipped ?? [], 'attributes.stats.skipped').forEach((item, i) => {
    const record = refuse.object(item, `attributes.stats.skipped[${i}]`);
    refuse.string(record.origin, `attributes.stats.skipped[${i}].origin`);
    refuse.string(record.reason, `attributes.stats.skipped[${i}].reason`);
    if (record.title != null) refuse.string(record.title, `attributes.stats.skipped[${i}].title`);
  });
  // Cluster ids become an Int32Array of memberships: whole numbers, each listed once.
  const clusterIds = new Map<number, number>();
  refuse.array(attributes.clusters, 'attributes.clusters').forEach((item, i) => {
    const path = `attributes.clusters[${i}]`;
    const cluster = refuse.object(item, path);
    const id = cluster.id;
    if (typeof id !== 'number' || !Number.isInteger(id) || Math.abs(id) > 0x7fffffff) {
      throw refuse.wrong(`${path}.id`, 'a whole number', id);
    }
    const earlier = clusterIds.get(id);
    if (earlier !== undefined) {
      throw refuse.broken(`${path}.id is ${id}, the id of attributes.clusters[${earlier}] too.`);
    }
    clusterIds.set(id, i);
    refuse.string(cluster.label, `${path}.label`);
    refuse.strings(cluster.terms, `${path}.terms`);
    refuse.number(cluster.size, `${path}.size`);
    refuse.string(cluster.color, `${path}.color`);
  });
  return { params, clusterIds };
}

const paperField = (i: number, field: string): string => `nodes[${i}].attributes.${field}`;

/**
 * Throws unless `paper`, the attributes of nodes[i], has every field the app reads, of its type.
 * Each test is inlined and its path made only on failure: this runs for every paper.
 */
function checkPaper(
  refuse: Refusals,
  paper: JsonObject,
  i: number,
  clusterIds: ReadonlyMap<number, number>,
): void {
  if (typeof paper.title !== 'string') refuse.string(paper.title, paperField(i, 'title'));
  if (typeof paper.abstract !== 'string') refuse.string(paper.abstract, paperField(i, 'abstract'));
  if (!isTextList(paper.authors)) refuse.strings(paper.authors, paperField(i, 'authors'));
  if (!isTextList(paper.terms)) refuse.strings(paper.terms, paperField(i, 'terms'));
  if (paper.year != null && !isFiniteNumber(paper.year)) refuse.number(paper.year, paperField(i, 'year'));
  if (paper.url != null && typeof paper.url !== 'string') refuse.string(paper.url, paperField(i, 'url'));
  if (paper.doi != null && typeof paper.doi !== 'string') refuse.string(paper.doi, paperField(i, 'doi'));
  if (paper.arxiv != null && typeof paper.arxiv !== 'string')
    refuse.string(paper.arxiv, paperField(i, 'arxiv'));
  if (paper.pmid != null && typeof paper.pmid !== 'string') refuse.string(paper.pmid, paperField(i, 'pmid'));
  const cluster = paper.cluster;
  if (typeof cluster !== 'number' || !clusterIds.has(cluster)) {
    refuse.number(cluster, paperField(i, 'cluster'));
    throw refuse.broken(`${paperField(i, 'cluster')} is ${cluster}, which is not in attributes.clusters.`);
  }
}

/**
 * The nodes: refused unless each has a key and its paper's fields; repaired, a key seen before
 * (the node is left out) and a position no map can hold (x = y = NaN). `indexOf` maps each key to
 * its node in the file; `nodes` is null when the file's list is kept as it is.
 */
function checkNodes(
  refuse: Refusals,
  fileNodes: readonly unknown[],
  clusterIds: ReadonlyMap<number, number>,
  log: RepairLog,
): { nodes: unknown[] | null; indexOf: Map<string, number> } {
  const indexOf = new Map<string, number>();
  // Until a key repeats, one `set` per key finds it (the Map does not grow); then each is looked up first.
  let repeats = false;
  let nodes: unknown[] | null = null;
  for (let i = 0; i < fileNodes.length; i++) {
    const item = fileNodes[i];
    const node = isObject(item) ? item : refuse.object(item, `nodes[${i}]`);
    const key = node.key;
    if (typeof key !== 'string') throw refuse.wrong(`nodes[${i}].key`, 'a string', key);
    let earlier: number | undefined;
    if (repeats) earlier = indexOf.get(key);
    else {
      const size = indexOf.size;
      indexOf.set(key, i);
      if (indexOf.size === size) {
        // The first repeat overwrote its key's node: find that node, once, and put it back.
        earlier = fileNodes.findIndex((other) => (other as JsonObject).key === key);
        indexOf.set(key, earlier);
        repeats = true;
      }
    }
    if (earlier !== undefined) {
      const first = earlier;
      log.note('duplicateKey', () => `nodes[${i}].key, ${describe(key)}, the key of nodes[${first}]`);
      nodes ??= fileNodes.slice(0, i);
      continue;
    }
    if (repeats) indexOf.set(key, i);
    const paper = isObject(node.attributes)
      ? node.attributes
      : refuse.object(node.attributes, `nodes[${i}].attributes`);
    checkPaper(refuse, paper, i, clusterIds);
    const { x, y } = paper;
    // NaN for both is the contract's "no position": JSON cannot carry it, a repaired graph does.
    if (!(isCoordinate(x) && isCoordinate(y)) && !(Number.isNaN(x) && Number.isNaN(y))) {
      log.note('position', () => {
        const [field, value] = isCoordinate(x) ? ['y', y] : ['x', x];
        return `${paperField(i, field)}, ${describe(value)}`;
      });
      nodes ??= fileNodes.slice(0, i);
      nodes.push({ ...node, attributes: { ...paper, x: Number.NaN, y: Number.NaN } });
      continue;
    }
    nodes?.push(node);
  }
  return { nodes, indexOf };
}

/** What the check found of one edge (0: keep it as it is). */
const MEND = 1;
const LEAVE_OUT = 2;

/** The verdict on each edge, and for the ones not left out their papers, lower index first. */
interface EdgeVerdicts {
  verdict: Uint8Array;
  low: Int32Array;
  high: Int32Array;
  /** How many edges not left out have each paper as their lower one, at [paper + 1]. */
  perLow: Int32Array;
  /** Edges left out or to mend. */
  changes: number;
  /** The largest usable rank. */
  largestRank: number;
}

/** Where and what the first edge left out for `kind` is, for its sentence. */
function edgeFault(kind: RepairKind, edge: unknown, e: number, indexOf: ReadonlyMap<string, number>): string {
  if (!isObject(edge)) return `edges[${e}], ${describe(edge)}`;
  const { source, attributes } = edge;
  switch (kind) {
    case 'endNotKey': {
      const end = typeof source !== 'string' ? 'source' : 'target';
      return `edges[${e}].${end}, ${describe(edge[end])}`;
    }
    case 'unknownEnd': {
      const end = indexOf.has(source as string) ? 'target' : 'source';
      return `edges[${e}].${end}, ${describe(edge[end])}`;
    }
    case 'selfLoop':
      return `edges[${e}], ${describe(source)}`;
    case 'noAttributes':
      return `edges[${e}].attributes, ${describe(attributes)}`;
    default:
      return `edges[${e}].attributes.weight, ${describe((attributes as JsonObject).weight)}`;
  }
}

/**
 * The first pass over the edges, the one that costs: each edge's ends to paper indices (a Map of
 * keys) and its verdict. Kept small, as it runs 168,000 times before the map of a large graph.
 */
function judgeEdges(
  fileEdges: readonly unknown[],
  indexOf: ReadonlyMap<string, number>,
  nodeCount: number,
  log: RepairLog,
): EdgeVerdicts {
  const m = fileEdges.length;
  const verdicts: EdgeVerdicts = {
    verdict: new Uint8Array(m),
    low: new Int32Array(m),
    high: new Int32Array(m),
    perLow: new Int32Array(nodeCount + 1),
    changes: 0,
    largestRank: 0,
  };
  const { verdict, low, high, perLow } = verdicts;
  // A rank past the papers kept is no neighbour rank (fewer than nodeCount when keys repeat).
  const papers = indexOf.size;
  const leaveOut = (e: number, kind: RepairKind): void => {
    log.note(kind, () => edgeFault(kind, fileEdges[e], e, indexOf));
    verdict[e] = LEAVE_OUT;
    verdicts.changes++;
  };
  // The pipeline writes edges grouped by source: the source looked up last is often the next one.
  let lastSource = '';
  let lastS: number | undefined;
  let largestRank = 0;
  for (let e = 0; e < m; e++) {
    const edge = fileEdges[e];
    if (!isObject(edge)) {
      leaveOut(e, 'notEdge');
      continue;
    }
    const { source, target } = edge;
    if (typeof source !== 'string' || typeof target !== 'string') {
      leaveOut(e, 'endNotKey');
      continue;
    }
    if (source !== lastSource || lastS === undefined) {
      lastSource = source;
      lastS = indexOf.get(source);
    }
    const s = lastS;
    const t = indexOf.get(target);
    if (s === undefined || t === undefined) {
      leaveOut(e, 'unknownEnd');
      continue;
    }
    if (s === t) {
      leaveOut(e, 'selfLoop');
      continue;
    }
    const attributes = edge.attributes;
    if (!isObject(attributes)) {
      leaveOut(e, 'noAttributes');
      continue;
    }
    const { weight, rank } = attributes;
    if (typeof weight !== 'number' || !(weight > 0 && weight <= 1 + WEIGHT_ROUNDING)) {
      leaveOut(e, 'weight');
      continue;
    }
    const ranked = isPositiveInteger(rank) && rank <= papers;
    if (ranked && rank > largestRank) largestRank = rank;
    if (weight > 1 || !ranked || !isTextList(attributes.terms)) {
      verdict[e] = MEND;
      verdicts.changes++;
    }
    const lo = Math.min(s, t);
    low[e] = lo;
    high[e] = Math.max(s, t);
    perLow[lo + 1]++;
  }
  verdicts.largestRank = largestRank;
  return verdicts;
}

/**
 * Each edge whose pair of papers an earlier edge joins, with that earlier edge: a counting sort of
 * the edges by their lower paper puts each pair with its twins in one bucket, in file order.
 * Typed arrays only, no hashing.
 */
function findTwins({ verdict, low, high, perLow }: EdgeVerdicts, nodeCount: number): Map<number, number> {
  const m = verdict.length;
  // Each paper's bucket starts where the ones before it end.
  const bucketStart = perLow;
  for (let i = 0; i < nodeCount; i++) bucketStart[i + 1] += bucketStart[i];
  const byLow = new Int32Array(bucketStart[nodeCount]);
  const next = bucketStart.slice(0, nodeCount);
  for (let e = 0; e < m; e++) if (verdict[e] !== LEAVE_OUT) byLow[next[low[e]]++] = e;
  // The bucket (lower paper + 1; 0: none yet) in which each higher paper was last seen, and the
  // edge that joined them there.
  const seenIn = new Int32Array(nodeCount);
  const seenAt = new Int32Array(nodeCount);
  const twinOf = new Map<number, number>();
  for (let lo = 0; lo < nodeCount; lo++) {
    for (let p = bucketStart[lo]; p < bucketStart[lo + 1]; p++) {
      const e = byLow[p];
      const hi = high[e];
      if (seenIn[hi] !== lo + 1) {
        seenIn[hi] = lo + 1;
        seenAt[hi] = e;
      } else twinOf.set(e, seenAt[hi]);
    }
  }
  return twinOf;
}

/**
 * The edges, never refused: an edge the map cannot draw is left out, a weight, rank or list of
 * terms that is not usable is mended, each kind told. Linear: the verdicts, the twins, then, only
 * when something is left out or mended, the list to return (null: the file's list as it is),
 * touching only the edges that change. Also returns the rank given to edges without one.
 */
function checkEdges(
  fileEdges: readonly unknown[],
  indexOf: ReadonlyMap<string, number>,
  nodeCount: number,
  k: unknown,
  log: RepairLog,
): { edges: unknown[] | null; rankFill: RankFill } {
  const verdicts = judgeEdges(fileEdges, indexOf, nodeCount, log);
  const twinOf = findTwins(verdicts, nodeCount);
  const papers = indexOf.size;
  // An edge without a rank is shown from the k the graph was built with, as its farthest neighbours are.
  const rankFill: RankFill =
    isPositiveInteger(k) && k <= papers
      ? { rank: k, why: "the graph's k" }
      : verdicts.largestRank > 0
        ? { rank: verdicts.largestRank, why: 'the largest rank in the file' }
        : { rank: 1, why: 'as the file has no ranks' };
  if (verdicts.changes === 0 && twinOf.size === 0) return { edges: null, rankFill };

  const { verdict } = verdicts;
  const edges: unknown[] = [];
  for (let e = 0; e < fileEdges.length; e++) {
    if (verdict[e] === LEAVE_OUT) continue;
    const edge = fileEdges[e] as JsonObject;
    const twin = twinOf.get(e);
    if (twin !== undefined) {
      log.note(
        'duplicateEdge',
        () => `edges[${e}], ${describe(edge.source)} and ${describe(edge.target)}, as edges[${twin}]`,
      );
      continue;
    }
    edges.push(verdict[e] === MEND ? mendedEdge(edge, e, papers, rankFill, log) : edge);
  }
  return { edges, rankFill };
}

/** A copy of `edge` (whose weight is in (0, 1 + WEIGHT_ROUNDING]) with a usable weight, rank and terms. */
function mendedEdge(
  edge: JsonObject,
  e: number,
  papers: number,
  rankFill: RankFill,
  log: RepairLog,
): JsonObject {
  const attributes = { ...(edge.attributes as JsonObject) };
  const { weight, rank, terms } = attributes;
  if ((weight as number) > 1) {
    log.note('weightRounded', () => `edges[${e}].attributes.weight, ${describe(weight)}`);
    attributes.weight = 1;
  }
  if (!(isPositiveInteger(rank) && rank <= papers)) {
    log.note('rank', () => `edges[${e}].attributes.rank, ${describe(rank)}`);
    attributes.rank = rankFill.rank;
  }
  if (!Array.isArray(terms)) {
    log.note('noTerms', () => `edges[${e}].attributes.terms, ${describe(terms)}`);
    attributes.terms = [];
  } else if (!isTextList(terms)) {
    log.note('termNotText', () => {
      const j = terms.findIndex((term) => typeof term !== 'string');
      return `edges[${e}].attributes.terms[${j}], ${describe(terms[j])}`;
    });
    attributes.terms = terms.filter((term) => typeof term === 'string');
  }
  return { ...edge, attributes };
}

/**
 * Checks `json` against the graph contract and repairs what can be repaired; throws a
 * GraphLoadError naming the first record it cannot use. `name` is what messages call the graph.
 *
 * Refused: anything but a papermap graph of version 1; a paper without its title, abstract,
 * authors, terms or a cluster of attributes.clusters, or with a key that is not text; a cluster
 * without a whole-number id of its own. Repaired, each kind told once with a count and the first
 * record: a paper with the key of an earlier one (left out); a position that is not a number
 * within ±POSITION_LIMIT (both coordinates become NaN: the map places the paper); an edge that is
 * not a record, names no paper of the file, joins a paper to itself, has no attributes or no
 * weight in (0, 1], or joins a pair an earlier edge joins, in either direction (left out); a weight
 * a hair above 1 (set to 1); a rank that is not a whole number from 1 to the number of papers (the
 * graph's k); shared terms that are not a list of text (the text items kept).
 *
 * Linear in the size of the file, and the file's objects are returned as they are unless something
 * was repaired; they are never changed.
 */
export function checkGraph(json: unknown, name: string): CheckedGraph {
  const refuse = new Refusals(name);
  const root = refuse.object(json, 'the file');
  const { params, clusterIds } = checkAttributes(refuse, root);
  const log = new RepairLog();
  const fileNodes = refuse.array(root.nodes, 'nodes');
  const { nodes, indexOf } = checkNodes(refuse, fileNodes, clusterIds, log);
  const fileEdges = refuse.array(root.edges, 'edges');
  const { edges, rankFill } = checkEdges(fileEdges, indexOf, fileNodes.length, params.k, log);
  const graph = (nodes === null && edges === null
    ? root
    : { ...root, nodes: nodes ?? fileNodes, edges: edges ?? fileEdges }) as unknown as PapermapGraphJSON;
  return { graph, name, repairs: log.sentences(rankFill) };
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
