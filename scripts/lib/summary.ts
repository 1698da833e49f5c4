/**
 * What the graph command prints when it is done: the totals, one block per input file (the format
 * it was read as, records, papers, merged duplicates, skipped records with their reasons, warnings),
 * the clusters and the time per stage.
 */
import { type FileReport, formatTitle } from '../../src/core/parse';
import type { PapermapGraphJSON, RecordNotice, SkippedRecord } from '../../src/core/types';

/** How many records of each kind a file's block lists before pointing at the graph JSON. */
const LIST_LIMIT = 20;
const CLUSTER_LIMIT = 30;

export interface SummaryInput {
  graph: PapermapGraphJSON;
  files: readonly FileReport[];
  notices: readonly RecordNotice[];
  timings: Record<string, number>;
  /** The output as the user named it. */
  out: string;
}

/**
 * The input file an origin (`file`, `file:line`, `file:record 3`) belongs to: the longest file
 * name it starts with, so `a.bib` and `a.bib.bak` are told apart. Null when it names no input.
 */
export function originFile(origin: string, files: readonly string[]): string | null {
  let best: string | null = null;
  for (const file of files) {
    if ((origin === file || origin.startsWith(`${file}:`)) && (best === null || file.length > best.length))
      best = file;
  }
  return best;
}

/** Items grouped by the input file their origin names; items that name none under null. */
function byFile<T extends { origin: string }>(
  items: readonly T[],
  files: readonly string[],
): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const file = originFile(item.origin, files);
    const group = groups.get(file);
    if (group === undefined) groups.set(file, [item]);
    else group.push(item);
  }
  return groups;
}

const row = (label: string, value: number | string): string => `  ${label.padEnd(19)}${value}`;

function list<T>(items: readonly T[], line: (item: T) => string, more: string): string[] {
  const lines = items.slice(0, LIST_LIMIT).map((item) => `      ${line(item)}`);
  if (items.length > LIST_LIMIT) lines.push(`      … and ${items.length - LIST_LIMIT} more${more}`);
  return lines;
}

const quoted = (title: string | null): string => (title ? ` — "${title.slice(0, 60)}"` : '');

/**
 * A message from src/core without its module prefix ("papermap/parse: "), which would repeat the
 * command's own; the rest names the file and line itself.
 */
export const withoutModule = (message: string): string => message.replace(/^papermap\/[\w-]+: /, '');

const noticeText = (notice: RecordNotice): string => withoutModule(notice.message);

function fileBlock(
  report: FileReport,
  merged: readonly SkippedRecord[],
  skipped: readonly SkippedRecord[],
  notices: readonly RecordNotice[],
  out: string,
): string[] {
  const inJson = ` (all in stats.skipped of ${out})`;
  return [
    `${report.file}${report.format === null ? '' : `: read as ${formatTitle(report.format)} (${report.format})`}`,
    row('records read', report.records),
    row('papers', report.papers),
    row('merged duplicates', merged.length),
    ...list(merged, (s) => `${s.origin} merged into ${s.duplicateOf}${quoted(s.title)}`, inJson),
    row('skipped', skipped.length),
    ...list(skipped, (s) => `${s.origin}: ${s.reason}${quoted(s.title)}`, inJson),
    row('warnings', notices.length),
    ...list(notices, noticeText, ''),
  ];
}

/**
 * One report per file name: a file named twice is read twice, and its records' origins cannot tell
 * the two readings apart, so its block counts both.
 */
function reportsByFile(files: readonly FileReport[]): FileReport[] {
  const byName = new Map<string, FileReport>();
  for (const report of files) {
    const seen = byName.get(report.file);
    if (seen === undefined) byName.set(report.file, report);
    else
      byName.set(report.file, {
        ...seen,
        records: seen.records + report.records,
        papers: seen.papers + report.papers,
        skipped: seen.skipped + report.skipped,
        notices: seen.notices + report.notices,
      });
  }
  return [...byName.values()];
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function summary(input: SummaryInput): string {
  const { graph, files, notices, timings, out } = input;
  const { stats, clusters } = graph.attributes;
  const names = files.map((f) => f.file);
  const mergedRecords = stats.skipped.filter((s) => s.duplicateOf !== undefined);
  const merged = byFile(mergedRecords, names);
  const skipped = byFile(
    stats.skipped.filter((s) => s.duplicateOf === undefined),
    names,
  );
  const noticed = byFile(notices, names);
  const mergedTotal = mergedRecords.length;

  const lines = [
    `papermap graph: wrote ${out}`,
    `  records read   ${files.reduce((sum, f) => sum + f.records, 0)}`,
    `  papers (nodes) ${stats.papers}`,
    `  skipped        ${stats.skipped.length}${mergedTotal > 0 ? ` (${plural(mergedTotal, 'merged duplicate')})` : ''}`,
    `  vocabulary     ${stats.vocabulary} terms`,
    `  edges          ${stats.edges}`,
    `  clusters       ${stats.clusters}, modularity ${stats.modularity}`,
  ];
  for (const report of reportsByFile(files)) {
    lines.push(
      ...fileBlock(
        report,
        merged.get(report.file) ?? [],
        skipped.get(report.file) ?? [],
        noticed.get(report.file) ?? [],
        out,
      ),
    );
  }
  // Anything whose origin names no input file is still listed, never dropped from the summary.
  const strays = [...(merged.get(null) ?? []), ...(skipped.get(null) ?? [])];
  const strayNotices = noticed.get(null) ?? [];
  if (strays.length + strayNotices.length > 0) {
    lines.push('other records');
    lines.push(...list(strays, (s) => `${s.origin}: ${s.reason}${quoted(s.title)}`, ''));
    lines.push(...list(strayNotices, noticeText, ''));
  }
  lines.push(
    'clusters:',
    ...clusters
      .slice(0, CLUSTER_LIMIT)
      .map((c) => `  ${String(c.id).padStart(3)}  ${String(c.size).padStart(6)}  ${c.label}`),
    ...(clusters.length > CLUSTER_LIMIT
      ? [`  … and ${clusters.length - CLUSTER_LIMIT} smaller clusters`]
      : []),
    `time: ${Object.entries(timings)
      .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`)
      .join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
