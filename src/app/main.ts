/**
 * papermap's page: the explorer of the page's own graph (`graph.json` beside the page, or the graph
 * embedded in a saved HTML file), and the way to map one's own papers instead: files dropped on
 * the page or picked with "Open papers…" are mapped in a worker, with progress and Cancel, and
 * the new map replaces the shown one until "Back to …" brings the page's own map back.
 */

import type { PapermapGraphJSON } from '../core/types';
import { type AppData, appData } from './data';
import { h } from './dom';
import { type Explorer, mountExplorer } from './explorer';
import { EMBEDDED_GRAPH_ID } from './export/html';
import { embeddedGraph, fetchGraph, GRAPH_URL, type LoadProgress, renderProblem } from './load';
import { openControls } from './open/controls';
import { dropZone } from './open/drop';
import { type OpenProblems, problemsView, repairedGraphProblems } from './open/problems';
import { progressView } from './open/progress';
import { filesLabel, type OpenJob, openFiles } from './open/session';

/** The source of the default papers, as the graph records it. */
const DEFAULT_SOURCE = 'data/hf-papers-mar20.txt';
/** The hash's mark of a map opened from files (`#map=opened&…`): a reload cannot bring it back. */
const OPENED_MARK = { param: 'map', value: 'opened' } as const;

/** The map the page shows: its data, and how the header and the way back name it. */
interface MapChoice {
  data: AppData;
  /** The header's words for where it came from. */
  source: string;
  /** Whether it came from files opened on the page (the URL cannot name it). */
  opened: boolean;
}

/** The page's own map, as a person would call it. */
function mapName(original: MapChoice): string {
  const source = original.data.graph.attributes.source;
  if (source === DEFAULT_SOURCE) return 'the default papers';
  return source || 'the first map';
}

const megabytes = (bytes: number): string => (bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0);

/**
 * The line that says how loading goes ("Loading the map (85 MB)…", "Reading the map…"),
 * until the explorer takes the page's place.
 */
function loadingLine(app: HTMLElement): { update: LoadProgress; drawing(papers: number): void } {
  let line = app.querySelector<HTMLElement>('.load-progress');
  if (!line) {
    line = h('p', 'status load-progress');
    line.setAttribute('role', 'status');
    app.prepend(line);
  }
  const element = line;
  return {
    update(step) {
      element.textContent =
        step.phase === 'read'
          ? 'Reading the map…'
          : step.total === null
            ? 'Loading the map…'
            : `Loading the map (${megabytes(step.total)} MB)…`;
    },
    drawing(papers) {
      element.textContent = `Drawing ${papers.toLocaleString('en')} papers…`;
    },
  };
}

/** Waits for the next task after the page has painted what it shows now. */
function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function main(): Promise<void> {
  const app = document.getElementById('app');
  if (!app) throw new Error('papermap: index.html has no #app element');

  let loaded: PapermapGraphJSON | null = null;
  let repaired: OpenProblems | null = null;
  let loadError: unknown = null;
  const loading = loadingLine(app);
  try {
    const checked = embeddedGraph() ?? (await fetchGraph(GRAPH_URL, loading.update));
    loaded = checked.graph;
    repaired = repairedGraphProblems(checked);
  } catch (error) {
    loadError = error;
  }
  // A saved HTML page (even one whose graph is broken) has the app inlined but not its worker:
  // it opens graph files only.
  const saved = document.getElementById(EMBEDDED_GRAPH_ID) !== null;
  const canBuild = !saved && typeof Worker === 'function';

  let original: MapChoice | null = null;
  let explorer: Explorer | null = null;
  let job: OpenJob | null = null;

  const progress = progressView();
  const problems = problemsView();
  const note = h('p', 'open-note');
  note.setAttribute('role', 'status');
  note.hidden = true;
  const controls = openControls({
    canBuild,
    onFiles: (files) => open(files, 'opened'),
    onBack: () => {
      if (original === null) return;
      problems.hide();
      show(original, true);
    },
  });
  const drop = dropZone(
    canBuild
      ? 'Drop papers files to map them (nothing is uploaded)'
      : 'Drop a papermap graph (.json) to open it',
    (files) => open(files, 'dropped'),
  );
  document.body.append(h('div', 'open-layer', progress.element, note), drop.element);

  /** Shows `choice` in place of the shown map; `fresh` starts from an empty view (no old hash). */
  function show(choice: MapChoice, fresh: boolean): void {
    explorer?.destroy();
    explorer = null;
    if (fresh) history.replaceState(null, '', `${location.pathname}${location.search}`);
    explorer = mountExplorer(app as HTMLElement, choice.data, {
      source: choice.source,
      tools: [controls.element],
      banner: [problems.element],
      urlTag: choice.opened ? `${OPENED_MARK.param}=${OPENED_MARK.value}` : null,
      searchInWorker: !saved,
    });
    controls.setBack(choice.opened && original !== null ? `Back to ${mapName(original)}` : null);
    document.title = `papermap · ${choice.source}`;
  }

  function tell(message: string): void {
    note.textContent = message;
    note.hidden = false;
    setTimeout(() => {
      if (note.textContent === message) note.hidden = true;
    }, 6000);
  }

  function open(files: File[], how: 'dropped' | 'opened'): void {
    job?.cancel();
    problems.hide();
    note.hidden = true;
    const current = openFiles(files, { canBuild, onProgress: progress.update });
    job = current;
    progress.start(files.length === 1 ? files[0].name : `${files.length} files`, () => {
      // From here on, whatever the job still says is ignored: the map shown stays.
      if (job !== current) return;
      job = null;
      current.cancel();
      progress.hide();
      tell('Cancelled: the map shown is unchanged.');
    });
    current.outcome
      .then(async (outcome) => {
        if (job !== current) return;
        if (outcome.graph !== null) {
          progress.update('draw', 0, 1);
          // Let "Drawing the map" show before the new map takes the thread, and keep the
          // graph's indexing and the explorer's making in two tasks: each is tens of ms at 5,000.
          await painted();
          if (job !== current) return;
          const data = appData(outcome.graph);
          await painted();
          if (job !== current) return;
          const word = `${how} file${outcome.from.length === 1 ? '' : 's'}`;
          show({ data, source: `${word}: ${filesLabel(outcome.from)}`, opened: true }, true);
        }
        job = null;
        progress.hide();
        if (outcome.problems !== null) problems.show(outcome.problems);
      })
      .catch((error: unknown) => {
        if (job !== current) return;
        job = null;
        progress.hide();
        problems.show({
          headline: `Could not open the files (${error instanceof Error ? error.message : String(error)}); the map shown is unchanged.`,
          mapped: false,
          files: [],
          failed: [],
          skipped: [],
          notices: [],
        });
      });
  }

  // A read-only hook for end-to-end tests and scripts: where a paper is drawn on the canvas, so a
  // test can click it as a person would, and where labels are. Nothing that changes the view.
  Object.defineProperty(window, 'papermap', {
    value: Object.freeze({
      nodeScreenPosition: (key: string) => explorer?.nodeScreenPosition(key) ?? null,
      /** The labels drawn in the last frame, with their boxes in CSS pixels of the canvas. */
      labels: () => explorer?.labels() ?? [],
    }),
    configurable: false,
  });

  if (loaded === null) {
    app.replaceChildren(
      renderProblem(loadError),
      h('div', 'problem-open', controls.element),
      problems.element,
    );
    app.setAttribute('aria-busy', 'false');
    return;
  }
  loading.drawing(loaded.nodes.length);
  await painted();
  original = { data: appData(loaded), source: loaded.attributes.source || GRAPH_URL, opened: false };
  // A link to a map opened from files cannot bring that map back: its view is dropped with a note.
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const linkedToOpened = hash.get(OPENED_MARK.param) === OPENED_MARK.value;
  show(original, linkedToOpened);
  if (repaired !== null) problems.show(repaired);
  if (linkedToOpened) {
    tell(
      `The link was to a map opened from files, which the page does not keep: showing ${mapName(original)}.`,
    );
  }
}

void main();
