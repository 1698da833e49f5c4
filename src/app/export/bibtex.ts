/**
 * BibTeX export of one cluster's papers (those in view). Each entry gets a stable citation key
 * (first author's surname, else the title's first word, then the year; repeats get a, b, c …).
 *
 * BibTeX reads a field by counting braces and knows no escapes, so `\{` would still count: the
 * specials become commands whose braces balance (`\textbraceleft{}`), and & % $ # _ get their
 * backslash. Words with inner capitals (LLMs, CoT, LoRA) are braced in titles so styles do not
 * lowercase them. URL-like fields stay verbatim except for the characters that would end them.
 */
import type { PaperNodeAttributes } from '../../core/types';
import { httpUrl } from './escape';
import { type ExportInput, exportView } from './input';

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
};

/** Field text: one line, BibTeX and LaTeX specials escaped. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\{}~^&%$#_]/g, (c) => SPECIALS[c]);
}

/** Title text: escaped, and words with a capital after their first letter kept as written. */
function titleField(title: string): string {
  return escapeBibtex(title).replace(/[A-Za-z0-9]+/g, (word) =>
    /[A-Z]/.test(word.slice(1)) ? `{${word}}` : word,
  );
}

/** An author for the `and`-separated list; a name that itself holds " and " is braced whole. */
function authorField(name: string): string {
  const escaped = escapeBibtex(name);
  return /\band\b/i.test(escaped) ? `{${escaped}}` : escaped;
}

/** URLs, DOIs and arXiv ids are read verbatim: only what would end the field is percent-encoded. */
function verbatimField(value: string): string {
  return value
    .trim()
    .replace(/[{}\\\s"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Letters that Unicode decomposition does not reduce to ASCII. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lowercase ASCII letters and digits only, accents dropped: safe in a citation key. */
function keyPart(text: string): string {
  return text
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c])
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

function surnameOf(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes(',')) return trimmed.slice(0, trimmed.indexOf(','));
  const parts = trimmed.split(/\s+/);
  // "Martin Luther King Jr." is King.
  while (parts.length > 1 && /^(?:jr|sr|ii|iii|iv)\.?$/i.test(parts[parts.length - 1])) parts.pop();
  return parts[parts.length - 1] ?? '';
}

const TITLE_STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'towards',
  'toward',
]);

/** Key without the a/b/c suffix: surname (or first title word) and year. */
function baseKey(paper: PaperNodeAttributes): string {
  let stem = paper.authors.length > 0 ? keyPart(surnameOf(paper.authors[0])) : '';
  if (stem === '') {
    const words = paper.title.split(/\s+/).map(keyPart);
    stem =
      words.find((word) => word !== '' && !TITLE_STOP_WORDS.has(word)) ?? words.find((w) => w !== '') ?? '';
  }
  if (stem === '') stem = 'paper';
  return paper.year === null ? stem : `${stem}${paper.year}`;
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(97 + ((i - 1) % 26)) + out;
  return out;
}

/**
 * Citation keys in order: a key that would repeat gets a, b, c … on every use (smith2020a,
 * smith2020b), skipping any that another paper already has as its own key.
 */
export function citationKeys(papers: readonly PaperNodeAttributes[]): string[] {
  const bases = papers.map(baseKey);
  const count = new Map<string, number>();
  for (const base of bases) count.set(base, (count.get(base) ?? 0) + 1);
  const taken = new Set(bases.filter((base) => count.get(base) === 1));
  const next = new Map<string, number>();
  return bases.map((base) => {
    if (count.get(base) === 1) return base;
    let n = next.get(base) ?? 0;
    let key = base + suffix(n);
    while (taken.has(key)) key = base + suffix(++n);
    next.set(base, n + 1);
    taken.add(key);
    return key;
  });
}

/** arXiv's own DOIs (10.48550/arXiv.…) name preprints, not articles. */
const isArticleDoi = (doi: string | null): doi is string => doi !== null && !/^10\.48550\//.test(doi);

function entry(key: string, paper: PaperNodeAttributes): string {
  const fields: Array<[string, string]> = [['title', titleField(paper.title)]];
  if (paper.authors.length > 0) fields.push(['author', paper.authors.map(authorField).join(' and ')]);
  if (paper.year !== null) fields.push(['year', String(paper.year)]);
  if (paper.doi) fields.push(['doi', verbatimField(paper.doi)]);
  if (paper.arxiv) fields.push(['eprint', verbatimField(paper.arxiv)], ['archivePrefix', 'arXiv']);
  if (paper.pmid) fields.push(['pmid', verbatimField(paper.pmid)]);
  const url = httpUrl(paper.url);
  if (url) fields.push(['url', verbatimField(url)]);
  if (paper.abstract.trim() !== '') fields.push(['abstract', escapeBibtex(paper.abstract)]);
  if (paper.terms.length > 0) fields.push(['keywords', paper.terms.map(escapeBibtex).join(', ')]);
  const type = isArticleDoi(paper.doi) ? 'article' : 'misc';
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@${type}{${key},\n${body}\n}\n`;
}

/** Text outside entries is a comment to BibTeX until the next `@`: keep `@` out of it. */
const commentText = (text: string): string => text.replace(/\s+/g, ' ').replace(/@/g, '(at)');

export function exportBibTeX(input: ExportInput, clusterId: number): string {
  const view = exportView(input);
  const cluster = view.clusters.get(clusterId);
  if (cluster === undefined) throw new RangeError(`papermap export: the graph has no cluster ${clusterId}`);
  const papers = view.nodes
    .filter((node) => node.attributes.cluster === clusterId)
    .map((node) => node.attributes);
  const keys = citationKeys(papers);
  const header = commentText(
    `% papermap cluster ${clusterId}: ${cluster.label} (${papers.length} papers) from ${view.graph.attributes.source}`,
  );
  return [`${header}\n`, ...papers.map((paper, i) => entry(keys[i], paper))].join('\n');
}
