/**
 * Turning one record's fields into a paper, the same way for every format: the title is required,
 * an abstract is optional (a notice says it is missing), ids are checked and normalised, and a
 * URL fills in the ids it spells out. Each parser reads its own syntax into `RecordFields` and
 * hands them to a `RecordCollector`, which keeps papers, skipped records and notices together so
 * that every record read is accounted for.
 */

import type { Paper, ParseResult, RecordNotice, SkippedRecord } from '../types';
import {
  arxivIdInDoi,
  collapse,
  idsInUrl,
  isAbstractPlaceholder,
  newPaper,
  normalizeArxivId,
  normalizeDoi,
  normalizePmid,
  readYear,
  shorten,
} from './fields';

/** What a format read from one record, before any checking; every field may be absent. */
export interface RecordFields {
  title?: string | null;
  abstract?: string | null;
  /** In order, each one name as it should be shown ("Ada Lovelace" or "Lovelace, Ada"). */
  authors?: readonly string[];
  /** A number, or text holding a four-digit year ("2021-03-04"). */
  year?: number | string | null;
  doi?: string | null;
  arxiv?: string | null;
  pmid?: string | null;
  url?: string | null;
}

const clean = (value: string | null | undefined): string => (value == null ? '' : collapse(value));

export class RecordCollector {
  readonly papers: Paper[] = [];
  readonly skipped: SkippedRecord[] = [];
  readonly notices: RecordNotice[] = [];

  constructor(readonly file: string) {}

  /**
   * Adds a record read at `origin` (`file:line`); `label` names it in messages ("record 3").
   * Returns the paper, or null when the record was skipped for having no title.
   */
  add(origin: string, label: string, fields: RecordFields): Paper | null {
    const title = clean(fields.title);
    // A database's "[No abstract available]" is no text of the paper's own.
    const written = clean(fields.abstract);
    const abstract = isAbstractPlaceholder(written) ? '' : written;
    if (title === '') {
      const reason =
        abstract === ''
          ? `neither title nor abstract (${label})`
          : `no title (${label} has only an abstract)`;
      this.skip(origin, null, reason);
      return null;
    }
    const paper = newPaper(origin, title, abstract);
    const notices: string[] = [];
    if (abstract === '') notices.push('has no abstract; its title is its text');
    for (const author of fields.authors ?? []) {
      const name = collapse(author);
      if (name !== '') paper.authors.push(name);
    }
    if (fields.year != null) {
      paper.year = readYear(fields.year);
      if (paper.year === null)
        notices.push(`year "${String(fields.year)}" holds no four-digit year and was ignored`);
    }
    const url = clean(fields.url);
    if (url !== '') paper.url = url;

    const ids = [
      ['doi', 'DOI', normalizeDoi, fields.doi, 'does not look like a DOI (10.<prefix>/<suffix>)'],
      ['arxiv', 'arXiv id', normalizeArxivId, fields.arxiv, 'is not an arXiv identifier'],
      ['pmid', 'PMID', normalizePmid, fields.pmid, 'is not a PubMed id (digits)'],
    ] as const;
    for (const [field, name, normalize, value, problem] of ids) {
      const raw = clean(value);
      if (raw === '') continue;
      paper[field] = normalize(raw);
      if (paper[field] === null) notices.push(`${name} "${raw}" ${problem} and was ignored`);
    }
    // DataCite registers every arXiv paper as 10.48550/arXiv.<id>.
    if (paper.doi !== null) paper.arxiv ??= arxivIdInDoi(paper.doi);
    if (paper.url !== null) {
      const fromUrl = idsInUrl(paper.url);
      paper.doi ??= fromUrl.doi;
      paper.arxiv ??= fromUrl.arxiv;
      paper.pmid ??= fromUrl.pmid;
    }

    this.papers.push(paper);
    for (const message of notices) this.notice(origin, `${label} "${shorten(title)}" ${message}`);
    return paper;
  }

  skip(origin: string, title: string | null, reason: string): void {
    this.skipped.push({ origin, title, reason });
  }

  /** A notice about a record or the file; the message gets the module prefix and the origin. */
  notice(origin: string, message: string): void {
    this.notices.push({ origin, message: `papermap/parse: ${origin}: ${message}` });
  }

  result(): ParseResult {
    return { papers: this.papers, skipped: this.skipped, notices: this.notices };
  }
}
