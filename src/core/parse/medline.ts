/**
 * PubMed/MEDLINE text (PubMed's "Save → PubMed format", `.nbib` or `.txt`), as described by NLM's
 * "MEDLINE/PubMed Data Element (Field) Descriptions": a field is a tag of up to four characters,
 * padded to four, then `- ` and the value (`PMID- 123`, `TI  - …`, `FAU - …`); continuation lines
 * are indented by six spaces; records are separated by blank lines and begin with `PMID`.
 *
 * Read: title `TI` (a book's `BTI` when there is none; the brackets NLM puts around a title
 * translated into English are dropped), abstract `AB` (else the other-language `OAB`), authors in
 * order from `FAU` ("Smith, John A") or, for an author without one, `AU` ("Smith JA"), with the
 * collective authors `CN` where they stand; year `DP` ("2021 Mar 4", "2019 Winter"), else the
 * electronic date `DEP`; DOI from `LID`/`AID` values marked `[doi]`; PMID `PMID`. Investigators
 * (`IR`/`FIR`) and editors (`ED`/`FED`) are not authors.
 */

import type { ParseResult } from '../types';
import { displayName } from './fields';
import { RecordCollector } from './records';
import {
  fieldText,
  firstProse,
  firstText,
  firstYear,
  noticeStructure,
  readTagged,
  type TaggedRecord,
} from './tagged';

/** `PMID- 123`, `TI  - …`, `FAU - …`: the tag, its padding, the hyphen, then the value. */
const MEDLINE_TAG = /^([A-Z][A-Z0-9]{1,3}) {0,3}-(?:[ \t]+(.*))?$/;

/** The fields read below; the rest (MeSH terms, affiliations, history dates…) are not kept. */
const READ_TAGS: ReadonlySet<string> = new Set([
  'PMID',
  'TI',
  'BTI',
  'AB',
  'OAB',
  'FAU',
  'AU',
  'CN',
  'DP',
  'DEP',
  'LID',
  'AID',
]);

/** MEDLINE: a `PMID- <digits>` line among the first lines (PubMed's files begin with a blank line). */
export function looksLikeMedline(text: string): boolean {
  return /^PMID- *\d+[ \t]*$/m.test(text.slice(0, 4096));
}

/** "Smith JA" → "JA Smith", "Chamberlain JA Jr" → "JA Chamberlain Jr": MEDLINE's short author form. */
export function shortAuthorName(name: string): string {
  const match = /^(.+?)\s+([A-Z]{1,4})(?:\s+(Jr|Sr|2nd|3rd|4th|II|III|IV))?$/.exec(name.trim());
  if (match === null) return name.trim();
  const [, family, initials, suffix] = match;
  return suffix === undefined ? `${initials} ${family}` : `${initials} ${family} ${suffix}`;
}

/** "[Treatment of hypertension]." → "Treatment of hypertension": NLM's mark of a translated title. */
function untranslated(title: string | null): string | null {
  const match = title === null ? null : /^\[([^[\]]+)\]\.?$/.exec(title);
  return match === null ? title : match[1];
}

/** Authors in file order: `FAU` (its `AU` twin that follows is the same person), a lone `AU`, `CN`. */
function readAuthors(record: TaggedRecord): string[] {
  const authors: string[] = [];
  let afterFull = false;
  for (const field of record.fields) {
    if (field.tag !== 'FAU' && field.tag !== 'AU' && field.tag !== 'CN') continue;
    const text = fieldText(field);
    if (field.tag === 'FAU') {
      if (text !== '') authors.push(displayName(text));
      afterFull = true;
    } else if (field.tag === 'AU') {
      if (!afterFull && text !== '') authors.push(shortAuthorName(text));
      afterFull = false;
    } else if (field.tag === 'CN') {
      if (text !== '') authors.push(text);
      afterFull = false;
    }
  }
  return authors;
}

/** The first `LID` or `AID` value marked `[doi]`. */
function readDoi(record: TaggedRecord): string | null {
  for (const tag of ['LID', 'AID']) {
    for (const field of record.fields) {
      if (field.tag !== tag) continue;
      const text = fieldText(field);
      if (/\[doi\]$/i.test(text)) return text;
    }
  }
  return null;
}

function publicationYear(record: TaggedRecord): string | null {
  const published = firstYear(record, ['DP']);
  if (published !== null && /(?<!\d)\d{4}(?!\d)/.test(published)) return published;
  // DEP is YYYYMMDD: no four-digit run of its own, so take its first four digits.
  const electronic = /^(\d{4})\d{4}$/.exec(firstText(record, ['DEP']) ?? '');
  return electronic === null ? published : electronic[1];
}

function readRecord(record: TaggedRecord, out: RecordCollector): void {
  const pmid = firstText(record, ['PMID']);
  const label = pmid === null ? `record ${record.number}` : `record ${record.number}, PMID ${pmid}`;
  out.add(`${out.file}:${record.line}`, label, {
    title: untranslated(firstProse(record, ['TI', 'BTI'])),
    abstract: firstProse(record, ['AB', 'OAB']),
    authors: readAuthors(record),
    year: publicationYear(record),
    doi: readDoi(record),
    pmid,
  });
}

/** Reads a PubMed/MEDLINE file. Origins are `file:line` of each record's first field (its `PMID`). */
export function parseMedline(file: string, text: string): ParseResult {
  const out = new RecordCollector(file);
  const parsed = readTagged(text, { tagLine: MEDLINE_TAG, start: 'PMID', end: null, keep: READ_TAGS });
  noticeStructure(out, parsed, 'MEDLINE', 'PMID', null);
  for (const record of parsed.records) readRecord(record, out);
  return out.result();
}
