/**
 * The map's colours come from the page: CSS custom properties on the container, so the app's
 * light and dark schemes (and any theme switch it adds) reach the canvas. Fallbacks follow the
 * system preference.
 */

export interface MapTheme {
  /** Canvas background, also the halo around text and the outline between touching nodes. */
  background: string;
  /** Labels, rings and emphasised edges. */
  text: string;
  /** Ordinary edges (drawn with an opacity per weight). */
  edge: string;
}

const LIGHT: MapTheme = { background: '#ffffff', text: '#1f2328', edge: '#8a8f98' };
const DARK: MapTheme = { background: '#16181c', text: '#e4e6ea', edge: '#7d8590' };

export const THEME_PROPERTIES = { background: '--map-bg', text: '--map-text', edge: '--map-edge' } as const;

export function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function readTheme(element: Element): MapTheme {
  const fallback = prefersDark() ? DARK : LIGHT;
  const style = getComputedStyle(element);
  const read = (name: string, otherwise: string): string => style.getPropertyValue(name).trim() || otherwise;
  return {
    background: read(THEME_PROPERTIES.background, fallback.background),
    text: read(THEME_PROPERTIES.text, fallback.text),
    edge: read(THEME_PROPERTIES.edge, fallback.edge),
  };
}
