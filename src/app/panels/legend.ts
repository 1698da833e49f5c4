/**
 * The cluster legend: colour, name and size of each cluster, a checkbox to show or hide it, and the
 * name as a button that zooms to the cluster and lists its papers.
 */
import type { ClusterInfo } from '../../core/types';
import { h, plural, swatch } from '../dom';

export interface LegendHandlers {
  onToggle(cluster: number): void;
  onOpen(cluster: number): void;
}

export function legendPanel(handlers: LegendHandlers): {
  element: HTMLElement;
  update(clusters: ClusterInfo[], hidden: ReadonlySet<number>, open: number | null): void;
} {
  const list = h('ul', 'legend-list');
  const element = h('section', 'legend', h('h2', null, 'Clusters'), list);
  element.setAttribute('aria-label', 'Clusters');
  let shown: ClusterInfo[] | null = null;
  const rows = new Map<number, { item: HTMLLIElement; box: HTMLInputElement; name: HTMLButtonElement }>();
  return {
    element,
    update(clusters, hidden, open) {
      if (clusters !== shown) {
        shown = clusters;
        rows.clear();
        list.replaceChildren(
          ...clusters.map((cluster) => {
            const box = h('input', 'legend-toggle');
            box.type = 'checkbox';
            box.setAttribute('aria-label', `Show cluster ${cluster.label} on the map`);
            box.addEventListener('change', () => handlers.onToggle(cluster.id));
            const name = h(
              'button',
              'legend-name',
              swatch(cluster.color),
              h('span', 'legend-label', cluster.label),
            );
            name.type = 'button';
            name.title = `Zoom to ${cluster.label} and list its ${plural(cluster.size, 'paper')}`;
            name.addEventListener('click', () => handlers.onOpen(cluster.id));
            const item = h('li', 'legend-item', box, name, h('span', 'legend-size', String(cluster.size)));
            item.dataset.cluster = String(cluster.id);
            rows.set(cluster.id, { item, box, name });
            return item;
          }),
        );
      }
      for (const [id, row] of rows) {
        row.box.checked = !hidden.has(id);
        row.item.classList.toggle('hidden-cluster', hidden.has(id));
        row.name.setAttribute('aria-pressed', String(open === id));
      }
    },
  };
}
