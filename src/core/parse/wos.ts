/**
 * Web of Science plain text ("Export → Plain text file", also called the ISI or field-tagged
 * format): a header `FN Clarivate Analytics Web of Science` / `VR 1.0`, then records `PT J` … `ER`,
 * and `EF` at the end. A field is a two-character tag, a space and its value; continuation lines
 * are indented by three spaces and hold one more item for list fields (`AU`, `AF`, `CR`) or the
 * rest of the text for prose (`TI`, `AB`). Several exports pasted together (each with its header
 * and `EF`) read as one.
 *
 * Read: title `TI`, abstract `AB`, authors `AF` (full names, "Smith, John") or else `AU`
 * ("Smith, J"), then group authors `CA`; year `PY`, else the publication date `PD` or the early
 * access date `EA`; DOI `DI`, PMID `PM`. The accession number `UT` (`WOS:…`) names the record in
 * messages.
 */

import type { ParseResult } from '../types';
import { displayName } from './fields';
import { RecordCollector } from './records';
import { firstProse, firstText, firstYear, noticeStructure, readTagged, type TaggedRecord } from './tagged';

/** `AU Smith, J`, `ER`, `EF`: two characters at the start of the line, then a space and the value. */
const WOS_TAG = /^([A-Z][A-Z0-9])(?: (.*))?$/;
const FILE_TAGS: ReadonlySet<string> = new Set(['FN', 'VR', 'EF']);
/** The fields read below; the rest (cited references, addresses, subject categories…) are not kept. */
const READ_TAGS: ReadonlySet<string> = new Set([
  'TI',
  'AB',
  'AF',
  'AU',
  'CA',
  'PY',
  'PD',
  'EA',
  'DI',
  'PM',
  'UT',
]);

/** WoS's placeholder for a paper without named authors, not a name. */
const ANONYMOUS = /^\[anonymous\]$/i;

/**
 * WoS plain text: the first non-blank line is the `FN` header, or (a file whose header was cut off)
 * a `PT` line with a one-letter type, with an `ER` line further on.
 */
export function looksLikeWos(text: string): boolean {
  const start = text.search(/\S/);
  if (start === -1) return false;
  const head = text.slice(start, start + 200);
  if (/^FN \S/.test(head)) return true;
  return /^PT [A-Z]\s*\n/.test(head) && /\nER[ \t]*(?:\n|$)/.test(text.slice(start, start + 1_000_000));
}

/** Each line of each field with one of `tags` is one name ("Smith, John" → "John Smith"). */
function names(record: TaggedRecord, tag: string): string[] {
  const found: string[] = [];
  for (const field of record.fields) {
    if (field.tag !== tag) continue;
    for (const line of field.lines) {
      const name = displayName(line);
      if (name !== '' && !ANONYMOUS.test(name)) found.push(name);
    }
  }
  return found;
}

function readRecord(record: TaggedRecord, out: RecordCollector): void {
  const accession = firstText(record, ['UT']);
  const label = accession === null ? `record ${record.number}` : `record ${record.number}, ${accession}`;
  const full = names(record, 'AF');
  out.add(`${out.file}:${record.line}`, label, {
    title: firstProse(record, ['TI']),
    abstract: firstProse(record, ['AB']),
    authors: [...(full.length > 0 ? full : names(record, 'AU')), ...names(record, 'CA')],
    year: firstYear(record, ['PY', 'PD', 'EA']),
    doi: firstText(record, ['DI']),
    pmid: firstText(record, ['PM']),
  });
}

/** Reads a Web of Science plain-text export. Origins are `file:line` of each record's `PT` line. */
export function parseWos(file: string, text: string): ParseResult {
  const out = new RecordCollector(file);
  const parsed = readTagged(text, {
    tagLine: WOS_TAG,
    start: 'PT',
    end: 'ER',
    fileTags: FILE_TAGS,
    keep: READ_TAGS,
  });
  noticeStructure(out, parsed, 'Web of Science', 'PT', 'ER');
  for (const record of parsed.records) readRecord(record, out);
  return out.result();
}
