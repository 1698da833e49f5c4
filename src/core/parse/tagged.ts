/**
 * The line syntax shared by the tagged export formats: RIS, Web of Science plain text and
 * PubMed/MEDLINE. Each field is a line that starts with a short tag (`TI  - ` in RIS and MEDLINE,
 * `TI ` in Web of Science), perhaps followed by continuation lines; a record runs from its first
 * field to an end tag (RIS and WoS `ER`) or to a blank line (MEDLINE). Each format gives its
 * tag-line pattern and record boundaries; this module splits the text and accounts for every line:
 * a field, a continuation, a boundary, or a stray line that the format's parser reports.
 */

import { stripMarkup } from './fields';
import type { RecordCollector } from './records';

export interface TaggedField {
  tag: string;
  /** 1-based line of the tag line. */
  line: number;
  /** The value on the tag line, then one entry per continuation line; each trimmed. */
  lines: string[];
}

export interface TaggedRecord {
  /** 1-based position of the record in the file. */
  number: number;
  /** 1-based line of its first field. */
  line: number;
  fields: TaggedField[];
  /** Whether its first field is the format's start tag (RIS `TY`, WoS `PT`, MEDLINE `PMID`). */
  started: boolean;
  /**
   * How it ended: `closed` by its end tag or blank line; `next` when the next record's start tag
   * (or a file trailer such as `EF`) came first; `eof` when the file ended inside it.
   */
  end: 'closed' | 'next' | 'eof';
  /** 1-based line where it ended (the end tag, the line that cut it short, or the last line). */
  endLine: number;
}

export interface TaggedSyntax {
  /** A tag line: group 1 is the tag, group 2 the value (absent when the tag has none). */
  tagLine: RegExp;
  /** The tag that opens a record; met inside one, it starts the next (the end tag was left out). */
  start: string;
  /** The tag that closes a record, or null when a blank line does (MEDLINE). */
  end: string | null;
  /** Tags of the file's own header and trailer, never record content (WoS `FN`, `VR`, `EF`). */
  fileTags?: ReadonlySet<string>;
  /**
   * The tags whose fields the format reads; the others are recognised (they end the field before
   * them and take their continuation lines) but not kept, which spares holding a whole export's
   * reference lists and MeSH terms in memory. All are kept when absent.
   */
  keep?: ReadonlySet<string>;
}

export interface TaggedFile {
  records: TaggedRecord[];
  /** 1-based lines outside any record that are neither blank nor a file tag (headers, page numbers…). */
  strayLines: number[];
}

/**
 * Splits a tagged file into records. Inside a record every non-blank line that is not a tag line
 * continues the field before it, indented or not (real exports do both). Outside a record a tag
 * line opens one even without the start tag, so that its fields are not lost; anything else there
 * is a stray line.
 */
export function readTagged(text: string, syntax: TaggedSyntax): TaggedFile {
  const records: TaggedRecord[] = [];
  const strayLines: number[] = [];
  const fileTags = syntax.fileTags ?? new Set<string>();
  const blankEnds = syntax.end === null;
  let current: TaggedRecord | null = null;
  let field: TaggedField | null = null;
  /** Whether the lines now read continue a field that is not kept. */
  let dropping = false;
  let lastLine = 0;

  const close = (end: TaggedRecord['end'], line: number): void => {
    if (current === null) return;
    current.end = end;
    current.endLine = line;
    records.push(current);
    current = null;
    field = null;
    dropping = false;
  };

  for (let from = 0, line = 1; from <= text.length; line++) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    const raw = text.slice(from, to);
    from = to + 1;
    // Tag lines start with a capital letter in every tagged format; anything else is a
    // continuation, a blank line or a stray line, and needs no pattern match.
    const first = raw.charCodeAt(0);
    const match = first >= 0x41 && first <= 0x5a ? syntax.tagLine.exec(raw) : null;
    if (match === null) {
      const trimmed = raw.trim();
      if (trimmed === '') {
        if (blankEnds) close('closed', lastLine);
        continue;
      }
      lastLine = line;
      if (field !== null) field.lines.push(trimmed);
      else if (!dropping) strayLines.push(line);
      continue;
    }
    lastLine = line;
    const tag = match[1];
    if (fileTags.has(tag)) {
      close('next', line);
      continue;
    }
    if (tag === syntax.end) {
      if (current === null) strayLines.push(line);
      else close('closed', line);
      continue;
    }
    if (tag === syntax.start) close('next', line);
    if (current === null) {
      current = {
        number: records.length + 1,
        line,
        fields: [],
        started: tag === syntax.start,
        end: 'eof',
        endLine: line,
      };
    }
    dropping = syntax.keep !== undefined && !syntax.keep.has(tag);
    if (dropping) {
      field = null;
      continue;
    }
    field = { tag, line, lines: [match[2] === undefined ? '' : match[2].trim()] };
    current.fields.push(field);
  }
  close('eof', lastLine);
  return { records, strayLines };
}

// ─── Reading fields ───────────────────────────────────────────────────────────────────────────────

/** A field's lines joined by spaces (continuations of prose were wrapped at spaces). */
export function fieldText(field: TaggedField): string {
  let text = '';
  for (const part of field.lines) {
    if (part === '') continue;
    text = text === '' ? part : `${text} ${part}`;
  }
  return text;
}

/** The text of the first non-empty field with one of `tags`, the earlier tags preferred; or null. */
export function firstText(record: TaggedRecord, tags: readonly string[]): string | null {
  for (const tag of tags) {
    for (const field of record.fields) {
      if (field.tag !== tag) continue;
      const text = fieldText(field);
      if (text !== '') return text;
    }
  }
  return null;
}

/**
 * `firstText` for a title or an abstract: without the rich-text markup that reference managers keep
 * in them (Zotero's `<i>`, `<sup>`; HTML entities in Web of Science exports).
 */
export function firstProse(record: TaggedRecord, tags: readonly string[]): string | null {
  const text = firstText(record, tags);
  return text === null ? null : stripMarkup(text);
}

/** The texts of every non-empty field with one of `tags`, in file order. */
export function allTexts(record: TaggedRecord, tags: readonly string[]): string[] {
  const texts: string[] = [];
  for (const field of record.fields) {
    if (!tags.includes(field.tag)) continue;
    const text = fieldText(field);
    if (text !== '') texts.push(text);
  }
  return texts;
}

/**
 * A year from the first of `tags` that holds one (e.g. RIS `PY`, then `Y1`, then `DA`); when
 * none does, the first value found, so that the collector can say it holds no year.
 */
export function firstYear(record: TaggedRecord, tags: readonly string[]): string | null {
  let fallback: string | null = null;
  for (const tag of tags) {
    for (const field of record.fields) {
      if (field.tag !== tag) continue;
      const text = fieldText(field);
      if (text === '') continue;
      if (/(?<!\d)\d{4}(?!\d)/.test(text)) return text;
      fallback ??= text;
    }
  }
  return fallback;
}

// ─── Messages ─────────────────────────────────────────────────────────────────────────────────────

/** "3–6, 9, 12–13": runs of consecutive line numbers, at most `max` runs then "and N more". */
export function lineRanges(lines: readonly number[], max = 10): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    runs.push(j === i ? String(lines[i]) : `${lines[i]}–${lines[j]}`);
    i = j + 1;
  }
  const shown = runs.slice(0, max).join(', ');
  return runs.length > max ? `${shown} and ${runs.length - max} more runs` : shown;
}

/**
 * The notices every tagged format gives about the file as a whole: stray lines outside records
 * (a database's page header, EndNote's record numbers) and records whose end tag is missing.
 * `format` names the format in messages ("RIS"), `startTag` and `endTag` its boundaries.
 */
export function noticeStructure(
  out: RecordCollector,
  parsed: TaggedFile,
  format: string,
  startTag: string,
  endTag: string | null,
): void {
  const { file } = out;
  if (parsed.strayLines.length > 0) {
    const count = parsed.strayLines.length;
    out.notice(
      `${file}:${parsed.strayLines[0]}`,
      `${count} line(s) outside any record are not ${format} fields and were ignored: line(s) ${lineRanges(parsed.strayLines)}`,
    );
  }
  for (const record of parsed.records) {
    if (!record.started) {
      out.notice(
        `${file}:${record.line}`,
        `record ${record.number} does not begin with a ${startTag} line; it was read from its first field`,
      );
    }
  }
  if (endTag === null) return;
  const unclosed = parsed.records.filter((record) => record.end === 'next');
  if (unclosed.length > 0) {
    const which = unclosed
      .slice(0, 10)
      .map((record) => `record ${record.number} (lines ${record.line}–${record.endLine - 1})`)
      .join(', ');
    const more = unclosed.length > 10 ? ` and ${unclosed.length - 10} more` : '';
    out.notice(
      `${file}:${unclosed[0].line}`,
      `${unclosed.length} record(s) have no ${endTag} line; each ends where the next record (or the file's trailer) ` +
        `begins: ${which}${more}`,
    );
  }
  const last = parsed.records[parsed.records.length - 1];
  if (last !== undefined && last.end === 'eof') {
    out.notice(
      `${file}:${last.line}`,
      `record ${last.number} is cut short by the end of the file (no ${endTag} line after line ${last.endLine}); ` +
        'it was read as far as it goes; the file may be incomplete',
    );
  }
}
