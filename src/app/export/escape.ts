/**
 * Escaping shared by the exporters. Titles, abstracts, authors and cluster names come from
 * whatever file a person fed the pipeline: they are data, and each format writes them so that they
 * stay data (never markup, never the end of a field).
 */
import type { PaperNodeAttributes } from '../../core/types';

/**
 * Characters XML 1.0 does not allow at all, not even as character references: C0 controls other
 * than tab, newline and carriage return, U+FFFE/U+FFFF, and unpaired surrogates.
 */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters an XML document cannot hold. */
export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // As references, so that attribute-value normalization does not turn them into spaces and
  // end-of-line handling does not turn \r\n into \n.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text for XML element content or a quoted attribute value. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\t\n\r]/g, (c) => XML_ENTITIES[c]);
}

/** Element content that keeps its tabs and newlines as they are (only `\r` as a reference). */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>\r]/g, (c) => XML_ENTITIES[c]);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/** A `#rgb` or `#rrggbb` colour, else `fallback`: a colour from the file never becomes `url(…)`. */
export function safeColor(color: unknown, fallback = '#888888'): string {
  return typeof color === 'string' && /^#(?:[0-9a-f]{3}){1,2}$/i.test(color) ? color.toLowerCase() : fallback;
}

/** `#rgb` / `#rrggbb` → [r, g, b]. */
export function rgbOf(color: string): [number, number, number] {
  const hex = color.length === 4 ? color.replace(/[0-9a-f]/gi, (d) => d + d) : color;
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** `url` when it is an absolute http(s) URL, else null: a link a person may follow is never `javascript:`. */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** DOIs and old-style arXiv ids (`hep-th/9901001`) keep their slashes as path separators. */
const encodePath = (id: string): string => id.split('/').map(encodeURIComponent).join('/');

/** Where to read a paper: its own http(s) URL, else its DOI, arXiv or PubMed page, else null. */
export function paperUrl(paper: Pick<PaperNodeAttributes, 'url' | 'doi' | 'arxiv' | 'pmid'>): string | null {
  const own = httpUrl(paper.url);
  if (own) return own;
  if (paper.doi) return `https://doi.org/${encodePath(paper.doi)}`;
  if (paper.arxiv) return `https://arxiv.org/abs/${encodePath(paper.arxiv)}`;
  if (paper.pmid && /^\d+$/.test(paper.pmid)) return `https://pubmed.ncbi.nlm.nih.gov/${paper.pmid}/`;
  return null;
}

/** How list attributes (authors, terms) are written in one text field. */
export const LIST_SEPARATOR = '; ';

export function joinList(items: readonly string[]): string {
  return items.join(LIST_SEPARATOR);
}
