/**
 * RIS (Research Information Systems' tagged format, as written by Scopus, Web of Science, Zotero,
 * EndNote, Mendeley, Citavi, Ovid, EBSCO, Rayyan…). A field is `XY  - value` (the refman spec has
 * two spaces before the hyphen; one is accepted, as Zotero's importer does); `TY` opens a record and
 * `ER` closes it. Lines without a tag continue the field before them, indented or not.
 *
 * Read: title `TI`/`T1`/`CT` (`BT` only when there is no other title), abstract `AB`/`N2`, authors
 * `AU`/`A1` in order (`A2`/`A3`/`ED` are editors and the like, not authors), year `PY`/`Y1`/`DA`,
 * DOI `DO` (or `M3`, where some exporters put it), URLs `UR` and the link tags, and ids spelled out
 * with their database in accession fields (`AN  - arXiv:…`, `C3  - PUBMED 123`) or in Scopus's
 * PMID field `C2`. Every other tag is ignored.
 */

import type { ParseResult } from '../types';
import { displayName, idsInUrl, normalizeArxivId, normalizeDoi, normalizePmid } from './fields';
import { RecordCollector } from './records';
import {
  allTexts,
  firstProse,
  firstText,
  firstYear,
  noticeStructure,
  readTagged,
  type TaggedField,
  type TaggedRecord,
} from './tagged';

/** `TY  - JOUR`, `ER  -`, `TY - JOUR`, `TY  -  JOUR`. */
const RIS_TAG = /^([A-Z][A-Z0-9]) {1,2}-(?:[ \t]+(.*))?$/;

/** A second field glued onto a line after a run of spaces (Rayyan writes `UR  - … U2  - …`). */
const GLUED_TAG = /\s{2,}([A-Z][A-Z0-9]) {2}- ?/;

const TITLE_TAGS = ['TI', 'T1', 'CT', 'BT'] as const;
const ABSTRACT_TAGS = ['AB', 'N2'] as const;
const AUTHOR_TAGS = ['AU', 'A1'] as const;
const YEAR_TAGS = ['PY', 'Y1', 'DA'] as const;
/** Where exporters put links: `UR`, the file/full-text links `L1`–`L4`, Rayyan's `LK`. */
const LINK_TAGS = ['UR', 'L1', 'L2', 'L3', 'L4', 'LK'] as const;
/** Where exporters put accession numbers and notes that may name an id with its database. */
const ACCESSION_TAGS = ['AN', 'ID', 'C2', 'C3', 'M1', 'M2', 'N1'] as const;

/** Every tag read above, and `DB` (which names Scopus); the others are not kept. */
const READ_TAGS: ReadonlySet<string> = new Set([
  ...TITLE_TAGS,
  ...ABSTRACT_TAGS,
  ...AUTHOR_TAGS,
  ...YEAR_TAGS,
  ...LINK_TAGS,
  ...ACCESSION_TAGS,
  'DO',
  'M3',
  'DB',
]);

/** RIS: a `TY` field among the first lines (headers such as "Record #1 of 2" or "1." may come first). */
export function looksLikeRis(text: string): boolean {
  let lines = 0;
  for (let from = 0; from < text.length && lines < 20; ) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end === -1 ? text.length : end);
    if (line.trim() !== '') {
      lines++;
      if (/^TY {1,2}-[ \t]*\S/.test(line)) return true;
    }
    if (end === -1) break;
    from = end + 1;
  }
  return false;
}

/** Splits values that carry another field glued on after spaces into their own fields. */
function unglue(fields: TaggedField[]): TaggedField[] {
  const out: TaggedField[] = [];
  for (const field of fields) {
    let current = field;
    for (
      let match = GLUED_TAG.exec(current.lines[0]);
      match !== null;
      match = GLUED_TAG.exec(current.lines[0])
    ) {
      const first = current.lines[0];
      out.push({ tag: current.tag, line: current.line, lines: [first.slice(0, match.index).trim()] });
      current = {
        tag: match[1],
        line: current.line,
        lines: [first.slice(match.index + match[0].length).trim(), ...current.lines.slice(1)],
      };
    }
    out.push(current);
  }
  return out;
}

/** http(s) URLs in a link field: one per line, or several separated by spaces or semicolons. */
function urlsIn(text: string): string[] {
  const urls: string[] = [];
  for (const token of text.split(/\s+/)) {
    for (const piece of token.split(/;(?=https?:\/\/)/i)) {
      const url = piece.replace(/[;,]+$/, '');
      if (/^https?:\/\/\S+$/i.test(url)) urls.push(url);
    }
  }
  return urls;
}

/** Authors of `AU`/`A1` fields: one per line (a continuation line is a further author), "Last, First". */
function readAuthors(record: TaggedRecord): string[] {
  const authors: string[] = [];
  for (const field of record.fields) {
    if (!(AUTHOR_TAGS as readonly string[]).includes(field.tag)) continue;
    for (const line of field.lines) {
      for (const name of line.split(';')) {
        const shown = displayName(name);
        if (shown !== '') authors.push(shown);
      }
    }
  }
  return authors;
}

/** The first valid DOI of `DO` (whole or any word of it), then `M3`, then links; else the raw `DO`. */
function readDoi(record: TaggedRecord, urls: readonly string[]): string | null {
  const written = allTexts(record, ['DO']);
  for (const value of written) {
    if (normalizeDoi(value) !== null) return value;
    const word = value.split(/[\s;]+/).find((part) => normalizeDoi(part) !== null);
    if (word !== undefined) return word;
  }
  for (const value of allTexts(record, ['M3', 'L3'])) if (normalizeDoi(value) !== null) return value;
  for (const url of urls) {
    const doi = idsInUrl(url).doi;
    if (doi !== null) return doi;
  }
  return written[0] ?? null;
}

/** An id that an accession or note field names together with its database ("arXiv:2001.08361"). */
function labelledId(
  record: TaggedRecord,
  label: RegExp,
  normalize: (raw: string) => string | null,
): string | null {
  for (const value of allTexts(record, ACCESSION_TAGS)) {
    const match = label.exec(value);
    if (match === null) continue;
    const id = normalize(match[1]);
    if (id !== null) return id;
  }
  return null;
}

function readRecord(record: TaggedRecord, out: RecordCollector): void {
  const origin = `${out.file}:${record.line}`;
  const label = `record ${record.number}`;
  const urls = allTexts(record, LINK_TAGS).flatMap(urlsIn);
  const url = allTexts(record, ['UR']).flatMap(urlsIn)[0] ?? urls[0] ?? null;
  const linked = urls.map(idsInUrl);
  const doi = readDoi(record, urls);
  // Scopus writes the PubMed id, undocumented, into C2; elsewhere C2 may be a PMCID or a year.
  const scopusPmid =
    firstText(record, ['DB']) === 'Scopus' ? normalizePmid(firstText(record, ['C2']) ?? '') : null;
  const abstract = firstProse(record, ABSTRACT_TAGS);
  out.add(origin, label, {
    title: firstProse(record, TITLE_TAGS),
    abstract,
    authors: readAuthors(record),
    year: firstYear(record, YEAR_TAGS),
    doi,
    arxiv:
      linked.find((ids) => ids.arxiv !== null)?.arxiv ??
      labelledId(record, /^arxiv:\s*(\S+)/i, normalizeArxivId),
    pmid:
      linked.find((ids) => ids.pmid !== null)?.pmid ??
      scopusPmid ??
      labelledId(record, /^(?:PMID|PUBMED|MEDLINE)\s*:?\s*(\d+)\b/i, normalizePmid),
    url,
  });
}

/** Reads a RIS file. Origins are `file:line` of each record's first field (its `TY` line). */
export function parseRis(file: string, text: string): ParseResult {
  const out = new RecordCollector(file);
  const parsed = readTagged(text, { tagLine: RIS_TAG, start: 'TY', end: 'ER', keep: READ_TAGS });
  noticeStructure(out, parsed, 'RIS', 'TY', 'ER');
  for (const record of parsed.records) {
    record.fields = unglue(record.fields);
    readRecord(record, out);
  }
  return out.result();
}
