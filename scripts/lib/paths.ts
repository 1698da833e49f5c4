/**
 * Where things are: the repository, the default papers, the pipeline code, and the cache of built
 * graphs. Shared by `npm start`, the graph CLI and the Vite config, so they agree on which file is
 * the default graph.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The papers shown on first start, relative to ROOT (recorded so in the graph's `source`). */
export const DEFAULT_DATA = 'data/hf-papers-mar20.txt';

/** Code that decides what a graph contains: when it changes, a built graph may be out of date. */
export const PIPELINE_CODE: readonly string[] = ['src/core', 'scripts/graph.ts', 'scripts/lib'].map((path) =>
  join(ROOT, path),
);

/**
 * The directory that paths on the command line are relative to. npm runs scripts in the package
 * root and says where it was started in INIT_CWD; run without npm, that is the working directory.
 */
export function userDirectory(): string {
  const initial = process.env.INIT_CWD;
  return initial !== undefined && initial !== '' ? initial : process.cwd();
}

/** Built graphs and the app `npm start` serves; PAPERMAP_CACHE moves it (the tests use a temp dir). */
export function cacheDirectory(): string {
  const chosen = process.env.PAPERMAP_CACHE;
  return chosen !== undefined && chosen !== '' ? resolve(userDirectory(), chosen) : join(ROOT, '.cache');
}

/** The graph of the default papers with the default options: what `vite build` puts in `dist/`. */
export function defaultGraphPath(): string {
  return join(cacheDirectory(), 'default-graph.json');
}

/**
 * The graph of a user's files: one cache file per set of files (absolute paths, in order) and
 * options, so two sets never share, and so never overwrite, a graph.
 */
export function userGraphPath(request: {
  files: readonly string[];
  params: Readonly<Record<string, unknown>>;
  format: string | null;
}): string {
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 16);
  return join(cacheDirectory(), 'graphs', `${hash}.json`);
}

/** Where `npm start` builds the app it serves, apart from the deployable `dist/` of `npm run build`. */
export function appBuildDirectory(): string {
  return join(cacheDirectory(), 'app');
}

/**
 * The graph file the Vite dev/preview server serves as /graph.json and `vite build` copies in:
 * PAPERMAP_GRAPH when set (`npm start` sets it; `PAPERMAP_GRAPH=mine.json npm run dev` works too).
 */
export function servedGraphPath(): string {
  const chosen = process.env.PAPERMAP_GRAPH;
  return chosen !== undefined && chosen !== '' ? resolve(userDirectory(), chosen) : defaultGraphPath();
}

/** A path for messages: relative to the repository when inside it, absolute otherwise. */
export function displayPath(path: string): string {
  const inRoot = relative(ROOT, path);
  return inRoot === '' || inRoot.startsWith('..') || isAbsolute(inRoot) ? path : inRoot;
}
