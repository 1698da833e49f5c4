/**
 * Controls of what the map shows: neighbours per paper and minimum similarity (instant, from the
 * edges' rank and weight), the clustering resolution (re-runs Louvain), and fit to view.
 */
import { button, h } from '../dom';

export interface ControlHandlers {
  onK(k: number): void;
  onMinSimilarity(value: number): void;
  onRecluster(resolution: number): void;
  onFit(): void;
}

function slider(
  id: string,
  label: string,
  min: number,
  max: number,
  step: number,
  format: (value: number) => string,
  onInput: (value: number) => void,
): { row: HTMLElement; input: HTMLInputElement; output: HTMLOutputElement } {
  const input = h('input', null);
  input.type = 'range';
  input.id = id;
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  const output = h('output', 'control-value');
  output.htmlFor.add(id);
  input.addEventListener('input', () => {
    output.value = format(Number(input.value));
    onInput(Number(input.value));
  });
  const name = h('label', null, label);
  name.htmlFor = id;
  return { row: h('div', 'control', name, input, output), input, output };
}

export function controlsPanel(
  maxK: number,
  handlers: ControlHandlers,
): {
  element: HTMLElement;
  update(k: number, minSimilarity: number, resolution: number, shownEdges: number, busy: boolean): void;
} {
  const percent = (value: number): string => `≥ ${Math.round(value * 100)}%`;
  const k = slider('control-k', 'Neighbours per paper', 1, maxK, 1, String, handlers.onK);
  const similarity = slider(
    'control-similarity',
    'Minimum similarity',
    0,
    0.6,
    0.01,
    percent,
    handlers.onMinSimilarity,
  );
  const resolution = h('input', null);
  resolution.type = 'number';
  resolution.id = 'control-resolution';
  resolution.min = '0.1';
  resolution.max = '10';
  resolution.step = '0.1';
  const resolutionLabel = h('label', null, 'Cluster resolution');
  resolutionLabel.htmlFor = resolution.id;
  const apply = button('secondary', 'Re-cluster', () => {
    const value = Number(resolution.value);
    if (value > 0) handlers.onRecluster(value);
  });
  resolution.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') apply.click();
  });
  const edges = h('p', 'control-note');
  edges.setAttribute('aria-live', 'polite');
  const fit = button('secondary', 'Fit to view', () => handlers.onFit());
  const element = h(
    'section',
    'controls',
    h('h2', null, 'View'),
    k.row,
    similarity.row,
    h('div', 'control', resolutionLabel, resolution, apply),
    edges,
    fit,
  );
  element.setAttribute('aria-label', 'View controls');
  return {
    element,
    update(kValue, minSimilarity, resolutionValue, shownEdges, busy) {
      if (document.activeElement !== k.input) k.input.value = String(kValue);
      k.output.value = String(kValue);
      if (document.activeElement !== similarity.input) similarity.input.value = String(minSimilarity);
      similarity.output.value = percent(minSimilarity);
      if (document.activeElement !== resolution) resolution.value = String(resolutionValue);
      apply.disabled = busy;
      edges.textContent = `${shownEdges.toLocaleString('en')} edges shown`;
      edges.dataset.edges = String(shownEdges);
    },
  };
}
