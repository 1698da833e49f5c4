/**
 * The header's open controls: "Open papers…" (a file input behind a button) and, while a map
 * opened from files is shown, the way back to the page's own map.
 */
import { button, h } from '../dom';

export interface OpenControls {
  element: HTMLElement;
  /** Shows the way back, named for the map it brings back; null hides it. */
  setBack(label: string | null): void;
}

export function openControls(options: {
  canBuild: boolean;
  onFiles(files: File[]): void;
  onBack(): void;
}): OpenControls {
  const input = h('input', 'open-input');
  input.type = 'file';
  input.multiple = true;
  input.id = 'open-files';
  input.tabIndex = -1;
  input.setAttribute('aria-hidden', 'true');
  input.setAttribute('aria-label', options.canBuild ? 'Papers files to map' : 'A papermap graph to open');
  // A saved page has no worker to map papers with: it opens graph files only, and says so.
  if (!options.canBuild) input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    // Cleared, so choosing the same file again is a change too.
    input.value = '';
    if (files.length > 0) options.onFiles(files);
  });
  const open = button('secondary open-button', options.canBuild ? 'Open papers…' : 'Open a graph…', () =>
    input.click(),
  );
  // A tooltip only: the button's name stays what it says.
  open.title = options.canBuild
    ? 'Map your own papers (BibTeX, RIS, CSV, MEDLINE, JSON…), or drop the files on the page; nothing is uploaded'
    : 'Open a papermap graph (.json), such as one exported from papermap, or drop it on the page';
  const back = button('link-button back-button', 'Back', () => options.onBack());
  back.hidden = true;
  const element = h('div', 'open-tools', open, input, back);
  return {
    element,
    setBack(label) {
      back.hidden = label === null;
      if (label !== null) back.textContent = label;
    },
  };
}
