/**
 * The view in the URL's hash (`#paper=KEY&q=TEXT&hide=1,4`), so a link or a reload brings it back.
 * The hash works for a standalone HTML file opened from disk as well as on a server.
 */
import type { AppData } from '../data';
import type { ViewState } from './view';

export interface UrlView {
  paper: number | null;
  query: string;
  hidden: number[];
  /** A re-clustering's resolution, when the view used one (hidden cluster ids refer to its clusters). */
  resolution: number | null;
}

export function readUrl(hash: string, data: AppData): UrlView {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const paper = data.indexOf.get(params.get('paper') ?? '') ?? null;
  const hidden = (params.get('hide') ?? '')
    .split(',')
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
  const res = Number(params.get('res'));
  return {
    paper,
    query: params.get('q') ?? '',
    hidden,
    resolution: params.has('res') && res > 0 ? res : null,
  };
}

export function writeUrl(state: ViewState, data: AppData): string {
  const params = new URLSearchParams();
  if (state.selected !== null) params.set('paper', data.keys[state.selected]);
  if (state.query.trim()) params.set('q', state.query);
  if (state.clusters !== data.clusters) params.set('res', String(state.resolution));
  if (state.hiddenClusters.size > 0)
    params.set('hide', [...state.hiddenClusters].sort((a, b) => a - b).join(','));
  const text = params.toString();
  return text ? `#${text}` : '';
}
