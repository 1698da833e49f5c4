/**
 * Files dropped anywhere on the page. While files are dragged over it, the page says what a drop
 * will do; a drop of anything but files (text, a link) is left to the browser.
 */
import { h } from '../dom';

export interface DropZone {
  /** The overlay shown while files are dragged over the page. */
  element: HTMLElement;
  destroy(): void;
}

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

export function dropZone(hint: string, onFiles: (files: File[]) => void): DropZone {
  const element = h('div', 'drop-overlay', h('p', 'drop-hint', hint));
  element.hidden = true;
  element.setAttribute('aria-hidden', 'true');
  // dragenter and dragleave fire for every element crossed: count them to know when the drag left.
  let depth = 0;

  const onDragEnter = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth++;
    element.hidden = false;
  };
  const onDragOver = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    // Without this the browser would open the file itself in place of the page.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    element.hidden = false;
  };
  const onDragLeave = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0 || event.relatedTarget === null) element.hidden = true;
  };
  const onDrop = (event: DragEvent): void => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    element.hidden = true;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) onFiles(files);
  };
  document.addEventListener('dragenter', onDragEnter);
  document.addEventListener('dragover', onDragOver);
  document.addEventListener('dragleave', onDragLeave);
  document.addEventListener('drop', onDrop);
  return {
    element,
    destroy() {
      document.removeEventListener('dragenter', onDragEnter);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
      element.remove();
    },
  };
}
