/**
 * Links and names of a paper as shown to a reader. Only http(s) URLs are ever followed.
 */
import type { PaperNodeAttributes } from '../core/types';

/** Where to read the paper: its own URL when that is http(s), else its DOI, arXiv or PubMed page. */
export function paperLink(paper: PaperNodeAttributes): { href: string; text: string } | null {
  const url = paper.url ? webUrl(paper.url) : null;
  if (url) return { href: url.href, text: url.hostname };
  if (paper.doi) return { href: `https://doi.org/${encodeURI(paper.doi)}`, text: `doi:${paper.doi}` };
  if (paper.arxiv) {
    return { href: `https://arxiv.org/abs/${encodeURIComponent(paper.arxiv)}`, text: `arXiv:${paper.arxiv}` };
  }
  if (paper.pmid && /^\d+$/.test(paper.pmid)) {
    return { href: `https://pubmed.ncbi.nlm.nih.gov/${paper.pmid}/`, text: `PMID:${paper.pmid}` };
  }
  return null;
}

/** The URL when it is http or https; anything else (javascript:, data:, …) is not followed. */
export function webUrl(href: string): URL | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

export function authorLine(authors: string[]): string {
  return authors.length > 6 ? `${authors.slice(0, 5).join(', ')} et al.` : authors.join(', ');
}
