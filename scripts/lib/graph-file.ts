/**
 * Reading what a papermap graph file says about itself (its `attributes`: format, source, params)
 * without parsing every node: the graph CLI writes the attributes on one line before the nodes
 * (`stringifyGraph`), so the head of the file is enough. A graph laid out some other way (pretty
 * printed, say) is parsed whole.
 */
import { open, readFile } from 'node:fs/promises';
import type { GraphAttributes } from '../../src/core/types';

/** Where the nodes start in the CLI's layout: a newline cannot occur inside a JSON string. */
const NODES_MARKER = Buffer.from('\n,"nodes":[');
const CHUNK = 1 << 20;
/** The attributes line holds every skipped record: allow for many before giving up on the head. */
const HEAD_LIMIT = 64 << 20;

export type GraphHeader = Pick<GraphAttributes, 'format' | 'source' | 'params'>;

function asHeader(json: unknown): GraphHeader | null {
  if (typeof json !== 'object' || json === null) return null;
  const attributes = (json as { attributes?: unknown }).attributes;
  if (typeof attributes !== 'object' || attributes === null) return null;
  const { format, source, params } = attributes as Record<string, unknown>;
  if (format !== 'papermap-graph') return null;
  return {
    format,
    source: typeof source === 'string' ? source : '',
    params: (typeof params === 'object' && params !== null ? params : {}) as GraphHeader['params'],
  };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The bytes of `path` before the nodes marker, or null when the marker is not within HEAD_LIMIT;
 * `whole` is set when the file ended first (it is all there).
 */
async function readHead(path: string): Promise<{ head: Buffer | null; whole: Buffer | null }> {
  const file = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    while (length < HEAD_LIMIT) {
      const chunk = Buffer.alloc(CHUNK);
      const { bytesRead } = await file.read(chunk, 0, CHUNK, length);
      if (bytesRead === 0) return { head: null, whole: Buffer.concat(chunks, length) };
      chunks.push(chunk.subarray(0, bytesRead));
      // Search from just before the new chunk, so a marker split across two chunks is found.
      const from = Math.max(0, length - NODES_MARKER.length);
      length += bytesRead;
      const at = Buffer.concat(chunks, length).indexOf(NODES_MARKER, from);
      if (at !== -1) return { head: Buffer.concat(chunks, length).subarray(0, at), whole: null };
    }
    return { head: null, whole: null };
  } finally {
    await file.close();
  }
}

/**
 * The header of a graph the CLI wrote (a cached build), from its head only; null when the file is
 * not laid out that way or is not a papermap graph, which counts as "not what was asked for".
 */
export async function readBuildHeader(path: string): Promise<GraphHeader | null> {
  const { head, whole } = await readHead(path);
  if (head !== null) return asHeader(parseOrNull(`${head.toString('utf8')}}`));
  if (whole !== null) return asHeader(parseOrNull(whole.toString('utf8')));
  return null;
}

/** A graph names its format near its start, in the CLI's layout and in graphology's export alike. */
const SNIFF_BYTES = 4096;
const NAMES_GRAPH_FORMAT = /^\uFEFF?\s*\{[\s\S]*"format"\s*:\s*"papermap-graph"/;

/**
 * Whether a file the user named is a papermap graph (a JSON object whose `attributes.format` is
 * "papermap-graph"), judged by its content, not its name. Throws when the file looks like one but
 * is not valid JSON, so a truncated graph is reported rather than read as papers.
 */
export async function isPapermapGraph(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  let start: string;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    start = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
  if (!NAMES_GRAPH_FORMAT.test(start)) return false;
  const { head, whole } = await readHead(path);
  const text =
    head !== null ? `${head.toString('utf8')}}` : (whole ?? (await readFile(path))).toString('utf8');
  const json = parseOrNull(text.replace(/^\uFEFF/, ''));
  if (json === undefined) throw new Error(`${path} looks like a papermap graph but is not valid JSON`);
  return asHeader(json) !== null;
}
