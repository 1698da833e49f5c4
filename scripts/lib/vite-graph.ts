/**
 * The Vite plugin that gives the app its `graph.json`: served from a chosen file by the dev and
 * preview servers, and copied into the output by `vite build`. The graph lives outside `public/`
 * (which is not used), so a user's own graph is never overwritten by the default one, and nothing
 * a user left in `public/` (a graph, a temp file of a killed run) ends up in the built app.
 */
import { createReadStream } from 'node:fs';
import { copyFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { displayPath } from './paths.js';

const GRAPH_NAME = 'graph.json';

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** `graphFile` is read when needed, so `npm start` can choose it just before it builds and serves. */
export function papermapGraph(graphFile: () => string): Plugin {
  let base = '/';
  const serve = async (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const pathname = (request.url ?? '').split(/[?#]/, 1)[0];
    if (pathname !== `/${GRAPH_NAME}` && pathname !== `${base}${GRAPH_NAME}`) return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const file = graphFile();
    const size = await fileSize(file);
    if (size === null) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end(`${displayPath(file)} does not exist yet: run npm start to build the graph\n`);
      return;
    }
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': size,
      'cache-control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  };
  return {
    name: 'papermap-graph',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
    },
    configureServer(server) {
      server.middlewares.use(serve);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serve);
    },
    async writeBundle(output) {
      if (output.dir === undefined) return;
      const file = graphFile();
      if ((await fileSize(file)) === null) {
        this.warn(
          `${displayPath(file)} does not exist, so the build has no ${GRAPH_NAME}: npm run build builds it first`,
        );
        return;
      }
      await copyFile(file, join(output.dir, GRAPH_NAME));
    },
  };
}
