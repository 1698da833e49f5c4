/**
 * End-to-end harness: build the app with Vite into a temporary directory, serve it on 127.0.0.1
 * with a tiny static server, and drive Debian's Chromium through playwright-core.
 *
 * Each test file builds its own copy (`useApp`), so files can run in parallel and each controls
 * what `graph.json` its copy serves.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch Debian's Chromium; a missing browser is a failure with instructions, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `papermap e2e: Chromium is missing at ${CHROMIUM}. The end-to-end tests need Debian's Chromium: ` +
        'install it with `apt-get update && apt-get install -y chromium` (or run .ci/run, which does).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Build the app into a fresh temporary directory, without `public/` (tests put graph.json there). */
export async function buildApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'papermap-e2e-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    publicDir: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve `dir` on 127.0.0.1 at a random port. A missing file is a 404, unless `spaFallback` is
 * set: then the server answers with index.html, as Vite's dev and preview servers do.
 */
export async function serveStatic(
  dir: string,
  options: { spaFallback?: boolean } = {},
): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer(async (request, response) => {
    const send = (status: number, type: string, body: Buffer | string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, 'text/plain', 'method not allowed');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(400, 'text/plain', 'bad request');
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return send(403, 'text/plain', 'forbidden');
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      return send(200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      if (options.spaFallback)
        return send(200, CONTENT_TYPES['.html'], await readFile(join(root, 'index.html')));
      return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
  };
}

/** Put a graph in the built app: a fixture's name, literal contents, or null to remove it. */
export async function putGraph(dir: string, graph: { fixture: string } | { contents: string } | null) {
  const target = join(dir, 'graph.json');
  if (graph === null) await rm(target, { force: true });
  else if ('fixture' in graph) await copyFile(join(FIXTURES, graph.fixture), target);
  else await writeFile(target, graph.contents);
}

/** A page and everything it did that a test may want to forbid. */
export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  failedRequests: string[];
  /** Requests aborted because the page was opened `offline` (anything but file:, data:, blob:). */
  blockedRequests: string[];
  close(): Promise<void>;
}

declare global {
  interface Window {
    /** Set by the init script below: how the page touched the DOM. */
    __papermapWatch: { htmlWrites: number; imagesInserted: number };
  }
}

/**
 * Open `url` in a fresh context and wait until the app has shown the graph or its problem.
 * Before any page script runs, an init script counts writes through the HTML parser
 * (innerHTML, outerHTML, insertAdjacentHTML) and every <img> ever inserted into the document.
 * With `offline`, every request other than file:, data: and blob: is aborted and recorded.
 */
export async function openApp(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; offline?: boolean; init?: () => void } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  const watched: WatchedPage = {
    page,
    consoleErrors: [],
    pageErrors: [],
    dialogs: [],
    failedRequests: [],
    blockedRequests: [],
    close: () => context.close(),
  };
  if (options.offline) {
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (/^(?:file|data|blob):/.test(requested)) return route.continue();
      watched.blockedRequests.push(requested);
      return route.abort('blockedbyclient');
    });
  }
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('requestfailed', (request) => watched.failedRequests.push(request.url()));
  page.on('dialog', async (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    const watch = { htmlWrites: 0, imagesInserted: 0 };
    window.__papermapWatch = watch;
    for (const [proto, name] of [
      [Element.prototype, 'innerHTML'],
      [Element.prototype, 'outerHTML'],
      [ShadowRoot.prototype, 'innerHTML'],
    ] as const) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      const set = descriptor?.set;
      if (!descriptor || !set) continue;
      Object.defineProperty(proto, name, {
        ...descriptor,
        set(this: Element, value: string) {
          watch.htmlWrites++;
          set.call(this, value);
        },
      });
    }
    const insertAdjacentHTML = Element.prototype.insertAdjacentHTML;
    Element.prototype.insertAdjacentHTML = function (this: Element, position, text) {
      watch.htmlWrites++;
      insertAdjacentHTML.call(this, position, text);
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          watch.imagesInserted += (node.tagName === 'IMG' ? 1 : 0) + node.querySelectorAll('img').length;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  // The caller's own watch, installed like the one above, before any page script runs.
  if (options.init) await page.addInitScript(options.init);
  await page.goto(url);
  await page.locator('#app[aria-busy="false"]').waitFor();
  return watched;
}

/** How the page touched the DOM, as counted by the init script in `openApp`. */
export function domWatch(page: Page): Promise<Window['__papermapWatch']> {
  return page.evaluate(() => window.__papermapWatch);
}

/** The built app as one test file sees it. */
export interface AppUnderTest {
  /** Put a graph in the built app: a fixture's name, literal contents, or null to remove it. */
  putGraph(graph: { fixture: string } | { contents: string } | null): Promise<void>;
  /**
   * Open the app (closed after the file); `spaFallback` picks the server that mimics Vite's, and
   * `hash` is put after the page's address (a deep link such as `#paper=KEY`).
   */
  open(options?: {
    colorScheme?: 'light' | 'dark';
    spaFallback?: boolean;
    hash?: string;
    /** A script run in the page before its own (a test's watch on what the page does). */
    init?: () => void;
  }): Promise<WatchedPage>;
  /** Open another address (a saved HTML export, say) in the same browser, closed after the file. */
  openUrl(url: string, options?: { colorScheme?: 'light' | 'dark'; offline?: boolean }): Promise<WatchedPage>;
}

/**
 * Build (with `graph` in place when given), serve and launch once for the calling test file, and
 * clean up after it. A setup failure
 * (no Chromium, a broken build) is rethrown by every test, so each one fails with its message.
 */
export function useApp(options: { graph?: { fixture: string } } = {}): AppUnderTest {
  let setup: { browser: Browser; dir: string; server: StaticServer; fallback: StaticServer } | undefined;
  let setupError: unknown;
  const cleanups: (() => Promise<void>)[] = [];
  const ready = () => {
    if (setup) return setup;
    throw setupError ?? new Error('papermap e2e: setup has not run');
  };

  beforeAll(async () => {
    try {
      const browser = await launchChromium();
      cleanups.push(() => browser.close());
      const dir = await buildApp();
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      if (options.graph) await putGraph(dir, options.graph);
      const server = await serveStatic(dir);
      cleanups.push(() => server.close());
      const fallback = await serveStatic(dir, { spaFallback: true });
      cleanups.push(() => fallback.close());
      setup = { browser, dir, server, fallback };
    } catch (error) {
      setupError = error;
    }
  });

  afterAll(async () => {
    // Pages first, then servers, the build and the browser: the reverse of their making.
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  return {
    putGraph: (graph) => putGraph(ready().dir, graph),
    async open(options = {}) {
      const { browser, server, fallback } = ready();
      const base = options.spaFallback ? fallback.url : server.url;
      const url = options.hash ? `${base}#${options.hash.replace(/^#/, '')}` : base;
      const watched = await openApp(browser, url, { colorScheme: options.colorScheme, init: options.init });
      cleanups.push(() => watched.close());
      return watched;
    },
    async openUrl(url, options = {}) {
      const watched = await openApp(ready().browser, url, options);
      cleanups.push(() => watched.close());
      return watched;
    },
  };
}
