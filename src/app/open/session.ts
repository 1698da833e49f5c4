/**
 * Opening files on the page, from the files to what to show: a papermap graph opens as it is
 * (checked first, repaired where it can be, and the repairs told); papers files are mapped by the
 * build worker. Either way the outcome says which map to show, if any, and every problem to show
 * beside it. Nothing here touches the current map: the caller replaces it only when there is a new one.
 */
import type { InputFile } from '../../core/parse';
import type { PapermapGraphJSON } from '../../core/types';
import { formatCount, plural } from '../dom';
import { GraphLoadError } from '../load';
import { type BuildProgress, startBuild } from '../worker/client';
import type { FileFailure, ReadReport } from '../worker/protocol';
import { type OpenProblems, repairedGraphProblems } from './problems';
import { looksLikeGraph, openGraphFile, readFiles } from './read';

export interface OpenOutcome {
  /** The map to show now; null keeps the current one. */
  graph: PapermapGraphJSON | null;
  /** The files the map was made from (the ones that gave papers), for the header to name. */
  from: string[];
  /** Null when there is nothing to tell. */
  problems: OpenProblems | null;
}

export interface OpenJob {
  outcome: Promise<OpenOutcome>;
  cancel(): void;
}

export interface OpenOptions {
  /** Whether papers files can be mapped here (a saved HTML page has no worker to build with). */
  canBuild: boolean;
  onProgress: BuildProgress;
}

const NO_BUILD_MESSAGE =
  'this saved page opens papermap graph files (.json) only; to map a papers file, open it in papermap itself (npm start)';

/** The names of `files` as one label: all of them when few, else the first ones and a count. */
export function filesLabel(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names.slice(0, 2).join(', ')} and ${formatCount(names.length - 2)} more files`;
}

function failure(file: string, message: string): FileFailure {
  return { file, line: 0, column: null, message };
}

function graphFailure(file: string, error: unknown): FileFailure {
  if (error instanceof GraphLoadError) return failure(file, `${error.title}: ${error.detail}`);
  return failure(file, error instanceof Error ? error.message : String(error));
}

export function openFiles(files: readonly File[], options: OpenOptions): OpenJob {
  let cancelBuild: (() => void) | null = null;
  let cancelled = false;
  const label = filesLabel(files.map((file) => file.name));
  const none = (problems: OpenProblems | null): OpenOutcome => ({ graph: null, from: [], problems });

  const run = async (): Promise<OpenOutcome> => {
    const inputs = await readFiles(files);
    if (cancelled) return none(null);
    const graphs: InputFile[] = [];
    const papers: InputFile[] = [];
    for (const input of inputs) (looksLikeGraph(input.bytes) ? graphs : papers).push(input);

    // A graph alone opens as it is.
    if (graphs.length === 1 && papers.length === 0) {
      try {
        const checked = openGraphFile(graphs[0]);
        return { graph: checked.graph, from: [graphs[0].name], problems: repairedGraphProblems(checked) };
      } catch (error) {
        return none({
          headline: `${graphs[0].name} could not be opened; the map shown is unchanged.`,
          mapped: false,
          files: [],
          failed: [graphFailure(graphs[0].name, error)],
          skipped: [],
          notices: [],
        });
      }
    }
    // A graph is a whole map: it cannot be merged with other files, which are mapped without it.
    const refused = graphs.map((graph) =>
      failure(graph.name, `${graph.name} is a papermap graph: open it alone, not with other files`),
    );
    if (papers.length === 0 || !options.canBuild) {
      const failed = [
        ...refused,
        ...papers.map((input) => failure(input.name, `${input.name}: ${NO_BUILD_MESSAGE}`)),
      ];
      return none({
        headline: 'Nothing could be opened; the map shown is unchanged.',
        mapped: false,
        files: [],
        failed,
        skipped: [],
        notices: [],
      });
    }

    const job = startBuild(papers, filesLabel(papers.map((input) => input.name)), options.onProgress);
    cancelBuild = job.cancel;
    const built = await job.outcome;
    if (built.kind === 'cancelled') return none(null);
    if (built.kind === 'crashed') {
      return none({
        headline: `Making the map failed (${built.message}); the map shown is unchanged.`,
        mapped: false,
        files: [],
        failed: refused,
        skipped: [],
        notices: [],
      });
    }
    const report: ReadReport = { ...built.report, failed: [...refused, ...built.report.failed] };
    if (built.kind === 'empty') {
      const unread = report.failed.length === inputs.length;
      return none({
        headline: unread
          ? `Could not read ${label}; the map shown is unchanged.`
          : 'No papers found in the files; the map shown is unchanged.',
        mapped: false,
        ...report,
        skipped: built.skipped,
      });
    }
    const { stats } = built.graph.attributes;
    const merged = stats.skipped.filter((record) => record.duplicateOf !== undefined).length;
    const told = [
      ...(report.failed.length > 0 ? [`${plural(report.failed.length, 'file')} could not be read`] : []),
      ...(stats.skipped.length > merged ? [`${formatCount(stats.skipped.length - merged)} skipped`] : []),
      ...(merged > 0 ? [plural(merged, 'merged duplicate')] : []),
      ...(report.notices.length > 0 ? [plural(report.notices.length, 'warning')] : []),
    ];
    const problems =
      told.length === 0
        ? null
        : {
            headline: `Mapped ${plural(stats.papers, 'paper')}; ${told.join(', ')}.`,
            mapped: true,
            ...report,
            skipped: stats.skipped,
          };
    return {
      graph: built.graph,
      from: report.files.filter((file) => file.papers > 0).map((file) => file.file),
      problems,
    };
  };

  return {
    outcome: run(),
    cancel() {
      cancelled = true;
      cancelBuild?.();
    },
  };
}
