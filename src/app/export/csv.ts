/**
 * CSV export of the papers in view (RFC 4180: CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled), with a UTF-8 byte-order mark so Excel reads it as UTF-8.
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
 * such a field gets a leading apostrophe (OWASP's advice against CSV injection).
 */
import { joinList } from './escape';
import { type ExportInput, exportView } from './input';

export const CSV_COLUMNS = [
  'key',
  'title',
  'authors',
  'year',
  'url',
  'doi',
  'arxiv',
  'pmid',
  'cluster',
  'cluster_label',
  'terms',
  'abstract',
] as const;

const BOM = '\uFEFF';

/** One field: formula starts neutralised, then quoted when RFC 4180 says it must be. */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function exportCSV(input: ExportInput): string {
  const view = exportView(input);
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const { key, attributes: paper } of view.nodes) {
    const record: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
      key,
      title: paper.title,
      authors: joinList(paper.authors),
      year: paper.year,
      url: paper.url,
      doi: paper.doi,
      arxiv: paper.arxiv,
      pmid: paper.pmid ?? null,
      cluster: paper.cluster,
      cluster_label: view.clusters.get(paper.cluster)?.label ?? null,
      terms: joinList(paper.terms),
      abstract: paper.abstract,
    };
    rows.push(CSV_COLUMNS.map((column) => csvField(record[column])).join(','));
  }
  return `${BOM}${rows.join('\r\n')}\r\n`;
}
