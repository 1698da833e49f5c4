/**
 * What went wrong reading the files, shown in the page: every file that could not be read, every
 * skipped record with its file and line or record, every warning, every kind of repair made to a
 * graph file to show it. Everything from the files is inserted as text. Long lists are cut at a few
 * hundred lines with a count of the rest; a map's graph JSON keeps every skipped record (stats.skipped).
 */
import type { RecordNotice, SkippedRecord } from '../../core/types';
import { button, formatCount, h, plural } from '../dom';
import type { CheckedGraph } from '../load';
import type { FileFailure, FileSummary } from '../worker/protocol';

/** Lines listed per kind of problem before "… and N more". */
const LIST_LIMIT = 300;

export interface OpenProblems {
  /** One sentence on what happened: what was mapped, or why nothing was. */
  headline: string;
  /** Whether the map shown is the one the files made (false: the page kept the map it had). */
  mapped: boolean;
  files: FileSummary[];
  failed: FileFailure[];
  skipped: SkippedRecord[];
  notices: RecordNotice[];
  /** What was repaired in a graph file to show it, one sentence per kind (`checkGraph`). */
  repairs?: readonly string[];
}

/** The repairs made to a graph to show it, as problems to show beside it; null when there were none. */
export function repairedGraphProblems(checked: CheckedGraph): OpenProblems | null {
  if (checked.repairs.length === 0) return null;
  return {
    headline: `Opened ${checked.name} with ${plural(checked.repairs.length, 'kind')} of repair; the file itself is unchanged.`,
    mapped: true,
    files: [],
    failed: [],
    skipped: [],
    notices: [],
    repairs: checked.repairs,
  };
}

/** A message from the parser names its file and line itself; its module prefix says nothing here. */
const plain = (message: string): string => message.replace(/^papermap\/parse: /, '');

function fileLine(file: FileSummary): string {
  const parts = [
    plural(file.records, 'record'),
    plural(file.papers, 'paper'),
    ...(file.skipped > 0 ? [`${formatCount(file.skipped)} skipped`] : []),
    ...(file.notices > 0 ? [plural(file.notices, 'warning')] : []),
  ];
  return `${file.file}${file.formatTitle ? ` (${file.formatTitle})` : ''}: ${parts.join(', ')}`;
}

function skippedLine(record: SkippedRecord): string {
  return `${record.origin}: ${record.reason}${record.title ? ` — “${record.title.slice(0, 120)}”` : ''}`;
}

function failureLine(failure: FileFailure): string {
  const message = plain(failure.message);
  // Most messages start with their file already; the others get it put first.
  return message.startsWith(failure.file) ? message : `${failure.file}: ${message}`;
}

/** `whereAll` says where the lines left out can be read, when somewhere can. */
function group(kind: string, title: string, lines: string[], open: boolean, whereAll = ''): HTMLElement {
  const list = h('ul', 'problem-list');
  for (const line of lines.slice(0, LIST_LIMIT)) list.append(h('li', null, line));
  const rest = lines.length - LIST_LIMIT;
  const more = rest > 0 ? [h('p', 'problem-more', `… and ${formatCount(rest)} more${whereAll}.`)] : [];
  const details = h(
    'details',
    'problem-group',
    h('summary', null, `${title} (${formatCount(lines.length)})`),
    list,
    ...more,
  );
  details.dataset.kind = kind;
  details.open = open;
  return details;
}

export interface ProblemsView {
  element: HTMLElement;
  show(problems: OpenProblems): void;
  hide(): void;
}

export function problemsView(): ProblemsView {
  const headline = h('h2', 'problems-headline');
  headline.id = 'problems-headline';
  const groups = h('div', 'problem-groups');
  const close = button('link-button problems-close', 'Dismiss', () => hide(), 'Dismiss these messages');
  const element = h('section', 'problems-card', h('div', 'problems-head', headline, close), groups);
  element.setAttribute('aria-labelledby', headline.id);
  element.hidden = true;

  function hide(): void {
    element.hidden = true;
    groups.replaceChildren();
  }

  return {
    element,
    show(problems) {
      headline.textContent = problems.headline;
      element.dataset.mapped = String(problems.mapped);
      // Nothing mapped is news a person must not miss; the rest is there to read when they want.
      element.setAttribute('role', problems.mapped ? 'status' : 'alert');
      const repairs = problems.repairs ?? [];
      const few =
        problems.failed.length + problems.skipped.length + problems.notices.length + repairs.length <= 20;
      const parts: HTMLElement[] = [];
      if (problems.failed.length > 0) {
        parts.push(group('failed', 'Files that could not be read', problems.failed.map(failureLine), true));
      }
      if (repairs.length > 0) parts.push(group('repairs', 'Repairs to the graph', [...repairs], true));
      const merged = problems.skipped.filter((record) => record.duplicateOf !== undefined);
      const skipped = problems.skipped.filter((record) => record.duplicateOf === undefined);
      // A map made keeps every skipped record in its graph JSON; a map not made has none.
      const whereAll = problems.mapped ? ', all in the graph JSON (Export → Whole graph, stats.skipped)' : '';
      if (skipped.length > 0) {
        parts.push(group('skipped', 'Skipped records', skipped.map(skippedLine), few, whereAll));
      }
      if (merged.length > 0) {
        parts.push(group('merged', 'Merged duplicates', merged.map(skippedLine), few, whereAll));
      }
      if (problems.notices.length > 0) {
        parts.push(
          group(
            'notices',
            'Warnings',
            problems.notices.map((n) => plain(n.message)),
            few,
          ),
        );
      }
      // Files that failed are listed above, with their reason.
      const read = problems.files.filter((file) => file.error === null);
      if (read.length > 0) parts.push(group('files', 'Files read', read.map(fileLine), few));
      groups.replaceChildren(...parts);
      element.hidden = false;
    },
    hide,
  };
}
