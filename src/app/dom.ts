/**
 * Building DOM from data: text from input files only ever becomes text nodes (never innerHTML).
 */

export type Child = Node | string;

/** createElement with a class and text or element children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.append(...children);
  return element;
}

/** A button with a type, an accessible name and a click handler. */
export function button(
  className: string | null,
  label: Child,
  onClick: (event: MouseEvent) => void,
  title?: string,
): HTMLButtonElement {
  const element = h('button', className, label);
  element.type = 'button';
  if (title) {
    element.title = title;
    element.setAttribute('aria-label', title);
  }
  element.addEventListener('click', onClick);
  return element;
}

/** A colour swatch; the colour goes through a typed style property, so a non-colour is dropped. */
export function swatch(color: string): HTMLSpanElement {
  const element = h('span', 'swatch');
  element.style.backgroundColor = color;
  element.setAttribute('aria-hidden', 'true');
  return element;
}

const count = new Intl.NumberFormat('en');
export const formatCount = (n: number): string => count.format(n);
export const plural = (n: number, word: string): string => `${count.format(n)} ${word}${n === 1 ? '' : 's'}`;
