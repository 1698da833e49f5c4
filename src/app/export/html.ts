/**
 * Standalone HTML export: one file that runs the app without a server. It inlines the app's
 * built CSS and JavaScript and embeds the graph JSON in
 * `<script type="application/json" id="papermap-data">`, which the app reads instead of fetching
 * `graph.json` (`embeddedGraph` in `src/app/load.ts`).
 *
 * An inline script ends at the first `</script` whatever the quoting, so the data has every `<`
 * written as `\u003c` (the same string to JSON.parse) and the app's code has `</script` and `<!--`
 * neutralised. A Content-Security-Policy lets only the app's own inline script run (by its
 * SHA-256), so even a broken escape could not run anything else.
 */
import type { PapermapGraphJSON } from '../../core/types';
import { escapeHtml } from './escape';
import { sha256Base64 } from './sha256';

export const EMBEDDED_GRAPH_ID = 'papermap-data';

/** The app's page body when none is given: the element the app renders into. */
const DEFAULT_BODY = '<main id="app"></main>';

const ERROR = 'papermap export';

export interface StandaloneHtmlOptions {
  graph: PapermapGraphJSON;
  /** The app's stylesheet text. */
  css: string;
  /** The app's bundled JavaScript, one ES module. */
  js: string;
  /** Document title; by default "papermap: <source>". */
  title?: string;
  /** The page's body markup (trusted: the app's own, from `collectAppAssets`); by default `<main id="app">`. */
  body?: string;
}

/** Graph JSON that is safe inside a `<script>` element: every `<` as `\u003c`. */
export function embedGraphJSON(graph: PapermapGraphJSON): string {
  return JSON.stringify(graph).replace(/</g, '\\u003c');
}

/**
 * Script text that cannot end its element early: `</script` becomes `<\/script` and `<!--`
 * becomes `\x3C!--` (both mean the same inside JS strings, templates and regular expressions,
 * the only places they can occur). Line ends and NULs are normalised as the HTML parser would
 * normalise them, so that the CSP hash matches what the browser hashes.
 */
export function inlineScriptText(js: string): string {
  return js
    .replace(/\r\n?/g, '\n')
    .replace(/\0/g, '\uFFFD')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '\\x3C!--');
}

/** Style text that cannot end its element early: `</style` becomes `<\/style` (same CSS). */
export function inlineStyleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export function standaloneHtml(options: StandaloneHtmlOptions): string {
  const { graph } = options;
  const title = options.title ?? `papermap: ${graph.attributes.source}`;
  const script = inlineScriptText(options.js);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256Base64(script)}'`,
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    'connect-src data: blob:',
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Our own text: quotes are single, and a base64 hash has no markup characters.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${inlineStyleText(options.css)}\n</style>`,
    '</head>',
    '<body>',
    options.body?.trim() || DEFAULT_BODY,
    `<script type="application/json" id="${EMBEDDED_GRAPH_ID}">${embedGraphJSON(graph)}</script>`,
    `<script type="module">${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export interface AppAssets {
  css: string;
  js: string;
  /** The page's body markup as served, without its scripts. */
  body: string;
}

const DEV_SERVER_MESSAGE =
  `${ERROR}: this page runs from the development server with unbundled modules, which cannot be put into one file. ` +
  'Build the app (npm run build) and open the built page to save it as HTML.';

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(
      `${ERROR}: could not read ${url} (${error instanceof Error ? error.message : String(error)}). ` +
        'A page opened from a file cannot read its own code: open it from a server to save it as HTML.',
    );
  }
  if (!response.ok)
    throw new Error(`${ERROR}: could not read ${url} (${response.status} ${response.statusText})`);
  return response.text();
}

/** The markup between `<body>` and `</body>` of our own page, its scripts removed. */
function bodyMarkup(html: string): string {
  const match = /<body\b[^>]*>([\s\S]*)<\/body\s*>/i.exec(html);
  return (match?.[1] ?? '').replace(/<script\b[\s\S]*?<\/script\s*>/gi, '').trim();
}

/**
 * The app's own code and styles, as the page loaded them: the text of its same-origin
 * stylesheets, of its one module script, and its body markup. Fails with a message that says
 * what to do when the page is not a built app (the dev server, or a build split into chunks).
 */
export async function collectAppAssets(doc: Document): Promise<AppAssets> {
  if (doc.getElementById(EMBEDDED_GRAPH_ID) !== null) {
    throw new Error(
      `${ERROR}: this page is itself a saved HTML file; save a new one from the app as served (npm start)`,
    );
  }
  const base = doc.baseURI || doc.URL;
  const origin = new URL(base).origin;
  const resolve = (href: string): URL => new URL(href, base);
  const scripts = Array.from(doc.getElementsByTagName('script'));
  const sources = scripts.map((script) => script.getAttribute('src')).filter((src): src is string => !!src);
  if (sources.some((src) => src.includes('/@vite/client') || /\.[cm]?tsx?(?:[?#]|$)/.test(src))) {
    throw new Error(DEV_SERVER_MESSAGE);
  }

  const modules = scripts
    .filter((script) => script.getAttribute('type') === 'module' && script.getAttribute('src'))
    .map((script) => resolve(script.getAttribute('src') as string))
    .filter((url) => url.origin === origin);
  if (modules.length !== 1) {
    throw new Error(
      `${ERROR}: expected the page to load one module script of its own, found ${modules.length}`,
    );
  }
  const links = Array.from(doc.getElementsByTagName('link'));
  const relOf = (link: Element): string[] => (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
  if (links.some((link) => relOf(link).includes('modulepreload'))) {
    throw new Error(
      `${ERROR}: the app's code is split into several files (modulepreload links), which one HTML file cannot hold`,
    );
  }
  const sheets = links
    .filter((link) => relOf(link).includes('stylesheet') && link.getAttribute('href'))
    .map((link) => resolve(link.getAttribute('href') as string))
    .filter((url) => url.origin === origin);

  const [js, page, ...css] = await Promise.all([
    fetchText(modules[0].href),
    fetchText(new URL(doc.URL || base).href),
    ...sheets.map((url) => fetchText(url.href)),
  ]);
  return { css: css.join('\n'), js, body: bodyMarkup(page) || DEFAULT_BODY };
}
