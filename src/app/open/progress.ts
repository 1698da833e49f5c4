/**
 * The progress of a build: which step of how many, named for a person, a bar for the step's own
 * units, and Cancel. It only shows what it is told; the session decides.
 */
import { button, formatCount, h } from '../dom';
import type { BuildStage } from '../worker/protocol';

/** The build's steps in order, as the page names them, with the units each step counts. */
const STEPS: ReadonlyArray<{ stage: BuildStage | 'draw'; label: string; unit: string | null }> = [
  { stage: 'parse', label: 'Reading the records', unit: 'files' },
  { stage: 'text', label: 'Finding the terms of each paper', unit: 'papers' },
  { stage: 'tfidf', label: 'Weighing the terms', unit: null },
  { stage: 'similarity', label: 'Finding related papers', unit: 'papers' },
  { stage: 'graph', label: 'Linking related papers', unit: null },
  { stage: 'clusters', label: 'Finding and naming clusters', unit: null },
  { stage: 'layout', label: 'Placing the papers', unit: 'papers' },
  { stage: 'serialize', label: 'Writing the graph', unit: null },
  { stage: 'draw', label: 'Drawing the map', unit: null },
];

export type ProgressStep = BuildStage | 'draw';

export interface ProgressView {
  element: HTMLElement;
  /** Shows the card for a new build of `what`; Cancel calls `onCancel`. */
  start(what: string, onCancel: () => void): void;
  update(stage: ProgressStep, done: number, total: number): void;
  hide(): void;
}

export function progressView(): ProgressView {
  const title = h('h2', 'progress-title');
  const step = h('p', 'progress-step');
  step.setAttribute('aria-live', 'polite');
  const bar = h('progress', 'progress-bar');
  bar.max = 1;
  bar.value = 0;
  const count = h('p', 'progress-count');
  let cancel: () => void = () => {};
  const cancelButton = button('secondary', 'Cancel', () => cancel());
  const element = h(
    'section',
    'progress-card',
    title,
    step,
    bar,
    h('div', 'progress-foot', count, cancelButton),
  );
  element.setAttribute('aria-label', 'Progress of the map being made');
  element.hidden = true;
  let shownStage: ProgressStep | null = null;

  const update = (stage: ProgressStep, done: number, total: number): void => {
    const index = STEPS.findIndex((s) => s.stage === stage);
    const info = STEPS[index];
    if (stage !== shownStage) {
      // Only a new step is announced: the count changes too often to be read out.
      step.textContent = `Step ${index + 1} of ${STEPS.length}: ${info.label}`;
      element.dataset.stage = stage;
      shownStage = stage;
    }
    bar.max = Math.max(1, total);
    bar.value = Math.min(done, bar.max);
    count.textContent =
      info.unit === null ? '' : `${formatCount(done)} of ${formatCount(total)} ${info.unit}`;
  };

  return {
    element,
    start(what, onCancel) {
      title.textContent = `Mapping ${what}`;
      bar.setAttribute('aria-label', `Progress of mapping ${what}`);
      cancel = onCancel;
      shownStage = null;
      element.hidden = false;
      update('parse', 0, 1);
    },
    update,
    hide() {
      element.hidden = true;
      cancel = () => {};
      shownStage = null;
    },
  };
}
