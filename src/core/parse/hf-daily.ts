/**
 * The Hugging Face daily-papers page as copied from a browser: a few header lines ("new",
 * "Subscribe", a date…), then for each paper a title paragraph and an abstract paragraph,
 * separated by blank lines. A paragraph is a run of non-blank lines, so abstracts wrapped over
 * several lines, trailing spaces and extra blank lines all read the same.
 *
 * Nothing in the header is matched literally: records start at the first title-like paragraph
 * that is followed by an abstract-like one, where abstract-like means long or several sentences.
 */

import type { ParseResult } from '../types';
import { newPaper } from './fields';

/** A paragraph at least this long reads as an abstract (the longest title in the default file has 178). */
const MIN_ABSTRACT_LENGTH = 200;
/** A paragraph without any sentence end and shorter than this may still be a (long) title. */
const MAX_TITLE_LENGTH = 400;

interface Paragraph {
  /** 1-based line of the paragraph's first line. */
  line: number;
  /** Its lines joined by one space, whitespace collapsed. */
  text: string;
}

/** Runs of non-blank lines; any line break (LF, CRLF, CR) and a leading BOM are accepted. */
export function splitParagraphs(source: string): Paragraph[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const paragraphs: Paragraph[] = [];
  let current: string[] = [];
  let startLine = 0;
  const flush = (): void => {
    if (current.length > 0)
      paragraphs.push({ line: startLine, text: current.join(' ').replace(/\s+/g, ' ') });
    current = [];
  };
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') {
      flush();
      return;
    }
    if (current.length === 0) startLine = index + 1;
    current.push(line);
  });
  flush();
  return paragraphs;
}

/**
 * Sentence ends: `.`, `!` or `?` (perhaps inside a closing quote or bracket) followed by a space
 * and a capital (perhaps after an opening quote or bracket), or closing the paragraph. "e.g. a", "et al. (2023)", "Fig. 3" and "v2.0" do not
 * count; a title such as "Can LLMs Learn from Mistakes? Investigating Errors" counts one.
 */
export function sentenceCount(text: string): number {
  return text.match(/[.!?]+["'”)\]]*(?=\s+["'“([]?\p{Lu}|\s*$)/gu)?.length ?? 0;
}

/** Long (≥ 200 characters) or made of several sentences. */
export function looksLikeAbstract(text: string): boolean {
  return text.length >= MIN_ABSTRACT_LENGTH || sentenceCount(text) >= 2;
}

function quote(text: string, max = 80): string {
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}

/** Reads a daily-papers dump. Origins are `file:line` of each title's first line. */
export function parseHfDaily(file: string, source: string): ParseResult {
  const result: ParseResult = { papers: [], skipped: [], notices: [] };
  const paragraphs = splitParagraphs(source);
  const n = paragraphs.length;

  // A paragraph in title position is a title when it is not abstract-like, or when it is a long
  // title: no sentence end at all, not very long, and directly followed by an abstract.
  const isTitleAt = (i: number): boolean => {
    const { text } = paragraphs[i];
    if (!looksLikeAbstract(text)) return true;
    const next = paragraphs[i + 1];
    return (
      text.length < MAX_TITLE_LENGTH &&
      sentenceCount(text) === 0 &&
      next !== undefined &&
      looksLikeAbstract(next.text)
    );
  };
  const isAbstractAt = (i: number): boolean =>
    i < n && looksLikeAbstract(paragraphs[i].text) && !isTitleAt(i);

  const orphan = (i: number): void => {
    result.skipped.push({
      origin: `${file}:${paragraphs[i].line}`,
      title: null,
      reason: `abstract-like paragraph (${paragraphs[i].text.length} characters) with no title before it`,
    });
  };

  let start = 0;
  while (start < n && !(isTitleAt(start) && isAbstractAt(start + 1))) start++;

  // Before the first title + abstract pair: the page header, and any abstract without a title.
  const header: Paragraph[] = [];
  for (let i = 0; i < start; i++) {
    if (looksLikeAbstract(paragraphs[i].text)) orphan(i);
    else header.push(paragraphs[i]);
  }
  if (start === n) {
    if (n > 0) {
      result.notices.push({
        origin: `${file}:${paragraphs[0].line}`,
        message:
          `papermap/parse: ${file}:${paragraphs[0].line}: no title followed by an abstract in ${n} paragraph(s) ` +
          `(an abstract is a paragraph of ${MIN_ABSTRACT_LENGTH}+ characters or several sentences)`,
      });
    }
    return result;
  }
  if (header.length > 0) {
    const first = header[0].line;
    const last = header[header.length - 1].line;
    const shown = header.slice(0, 6).map((p) => quote(p.text, 40));
    if (header.length > shown.length) shown.push(`and ${header.length - shown.length} more`);
    result.notices.push({
      origin: `${file}:${first}`,
      message: `papermap/parse: ${file}:${first}: line(s) ${first === last ? first : `${first}–${last}`} read as a page header, not as papers: ${shown.join(', ')}`,
    });
  }

  for (let i = start; i < n; ) {
    const paragraph = paragraphs[i];
    if (!isTitleAt(i)) {
      orphan(i);
      i++;
      continue;
    }
    const origin = `${file}:${paragraph.line}`;
    const paper = newPaper(origin, paragraph.text);
    if (isAbstractAt(i + 1)) {
      paper.abstract = paragraphs[i + 1].text;
      i += 2;
    } else {
      const next = paragraphs[i + 1];
      const why = next
        ? `the next paragraph (line ${next.line}) reads as another title`
        : 'it is the last paragraph of the file';
      result.notices.push({
        origin,
        message: `papermap/parse: ${origin}: ${quote(paragraph.text)} has no abstract (${why}); kept with an empty abstract`,
      });
      i++;
    }
    result.papers.push(paper);
  }
  return result;
}
