/**
 * The hovered paper's title in a small box beside it, flipped left or up when it would leave the
 * canvas. Text only (`textContent`): titles come from input files.
 */
import type { MapTheme } from './theme';

export class Tooltip {
  readonly element: HTMLDivElement;
  private shown: number | null = null;

  constructor(font: string) {
    const tooltip = document.createElement('div');
    tooltip.className = 'papermap-tooltip';
    tooltip.setAttribute('aria-hidden', 'true');
    tooltip.hidden = true;
    Object.assign(tooltip.style, {
      position: 'absolute',
      left: '0',
      top: '0',
      maxWidth: '22rem',
      padding: '0.3rem 0.5rem',
      borderRadius: '6px',
      font,
      pointerEvents: 'none',
      boxShadow: '0 2px 8px rgb(0 0 0 / 0.18)',
      zIndex: '1',
    });
    this.element = tooltip;
  }

  hide(): void {
    this.element.hidden = true;
    this.shown = null;
  }

  /**
   * Shows paper `index`'s `title` beside a dot of screen radius `sr` at (sx, sy), within a canvas
   * of `width` CSS pixels placed at (left, top) in its container.
   */
  show(
    index: number,
    title: string,
    at: { sx: number; sy: number; sr: number },
    canvas: { left: number; top: number; width: number },
    theme: MapTheme,
  ): void {
    const tooltip = this.element;
    if (tooltip.hidden || this.shown !== index) {
      tooltip.textContent = title;
      this.shown = index;
      Object.assign(tooltip.style, {
        background: theme.background,
        color: theme.text,
        border: `1px solid ${theme.edge}`,
      });
      tooltip.hidden = false;
    }
    const { sx, sy, sr } = at;
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    let left = sx + sr + 8;
    if (left + w > canvas.width && sx - sr - 8 - w >= 0) left = sx - sr - 8 - w;
    let top = sy - h - 6;
    if (top < 0) top = sy + sr + 6;
    tooltip.style.transform = `translate(${Math.round(canvas.left + Math.max(0, left))}px, ${Math.round(canvas.top + top)}px)`;
  }
}
