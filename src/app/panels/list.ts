/**
 * The list view: the papers of the current scope (all, a cluster, or the search results) as
 * buttons, in step with the map's selection. It is the keyboard and screen-reader way through the
 * same data; long lists render in pages so thousands of papers stay quick.
 */
import type { ClusterInfo } from '../../core/types';
import type { AppData } from '../data';
import { button, h, swatch } from '../dom';

const PAGE = 200;

function samePapers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function listPanel(
  data: AppData,
  handlers: { onSelect(index: number): void; onShowAll(): void },
): {
  element: HTMLElement;
  update(
    list: number[],
    title: string,
    selected: number | null,
    membership: Int32Array,
    clusters: ClusterInfo[],
    scoped: boolean,
  ): void;
} {
  const heading = h('h2', 'list-title');
  heading.id = 'list-title';
  const all = button('link-button', 'Show all papers', () => handlers.onShowAll());
  const items = h('ol', 'paper-list');
  items.setAttribute('aria-labelledby', heading.id);
  const more = button('secondary', 'Show more', () => {
    limit += PAGE;
    render();
  });
  const element = h('section', 'list-view', h('div', 'list-head', heading, all), items, more);
  let limit = PAGE;
  let current: {
    list: number[];
    selected: number | null;
    membership: Int32Array;
    clusters: ClusterInfo[];
  } | null = null;
  const render = (): void => {
    if (current === null) return;
    const { list, selected, membership, clusters } = current;
    const colors = new Map(clusters.map((c) => [c.id, c.color]));
    items.replaceChildren(
      ...list.slice(0, limit).map((i) => {
        const item = button('list-item', swatch(colors.get(membership[i]) ?? '#999'), () =>
          handlers.onSelect(i),
        );
        item.append(h('span', null, data.papers[i].title || '(untitled)'));
        item.dataset.paper = data.keys[i];
        if (i === selected) item.setAttribute('aria-current', 'true');
        return h('li', null, item);
      }),
    );
    more.hidden = list.length <= limit;
  };
  return {
    element,
    update(list, title, selected, membership, clusters, scoped) {
      // The view is derived afresh on every change (a slider step too): compare the papers, not the array.
      const changedList = current === null || !samePapers(current.list, list);
      if (changedList) limit = Math.max(PAGE, selected !== null ? list.indexOf(selected) + 1 : 0);
      heading.textContent = title;
      all.hidden = !scoped;
      if (changedList || current?.selected !== selected || current.clusters !== clusters) {
        current = { list, selected, membership, clusters };
        render();
      }
    },
  };
}
