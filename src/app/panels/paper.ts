/**
 * The paper panel: title, authors, year, link, cluster, distinctive terms, the full abstract, and
 * the related papers ranked by similarity, each with the shared terms that make them related.
 */
import type { ClusterInfo } from '../../core/types';
import { type AppData, otherEnd } from '../data';
import { button, h, swatch } from '../dom';
import { authorLine, paperLink } from '../links';

export interface PaperHandlers {
  onSelect(index: number): void;
  onOpenCluster(cluster: number): void;
  onClose(): void;
  /** The panel closed while it had keyboard focus: put focus back where the paper came from. */
  onFocusLost(previous: number): void;
}

export function paperPanel(
  data: AppData,
  handlers: PaperHandlers,
): {
  element: HTMLElement;
  update(selected: number | null, membership: Int32Array, clusters: ClusterInfo[]): void;
} {
  const element = h('aside', 'paper-panel');
  element.id = 'paper-panel';
  element.setAttribute('aria-label', 'Selected paper');
  element.hidden = true;
  let shown: { selected: number | null; clusters: ClusterInfo[] | null } = { selected: null, clusters: null };

  return {
    element,
    update(selected, membership, clusters) {
      if (shown.selected === selected && shown.clusters === clusters) return;
      const previous = shown.selected;
      shown = { selected, clusters };
      // Keyboard focus must not fall to the page when the panel's content it sat on goes away.
      const hadFocus = element.contains(document.activeElement);
      if (selected === null) {
        element.hidden = true;
        element.replaceChildren();
        if (hadFocus && previous !== null) handlers.onFocusLost(previous);
        return;
      }
      const paper = data.papers[selected];
      const cluster = clusters.find((c) => c.id === membership[selected]);
      const close = button('close', '×', () => handlers.onClose(), 'Close the paper panel');
      const title = h('h2', 'paper-title', paper.title || '(untitled)');
      title.id = 'paper-panel-title';
      element.setAttribute('aria-labelledby', title.id);
      const meta = h('p', 'paper-meta');
      if (paper.authors.length > 0) meta.append(h('span', 'authors', authorLine(paper.authors)));
      if (paper.year !== null) meta.append(h('span', 'year', String(paper.year)));
      const link = paperLink(paper);
      if (link) {
        const anchor = h('a', null, link.text);
        anchor.href = link.href;
        anchor.target = '_blank';
        anchor.rel = 'noopener noreferrer';
        meta.append(anchor);
      }
      const parts: Node[] = [close, title];
      if (meta.childNodes.length > 0) parts.push(meta);
      if (cluster) {
        const open = button('cluster-chip', swatch(cluster.color), () => handlers.onOpenCluster(cluster.id));
        open.append(h('span', null, cluster.label));
        open.title = `List the papers of ${cluster.label}`;
        parts.push(h('p', 'paper-cluster', 'Cluster ', open));
      }
      if (paper.terms.length > 0) {
        const terms = h('ul', 'terms');
        terms.setAttribute('aria-label', 'Distinctive terms');
        for (const term of paper.terms) terms.append(h('li', 'term', term));
        parts.push(terms);
      }
      parts.push(
        paper.abstract.trim() === ''
          ? h('p', 'abstract empty', 'No abstract.')
          : h('p', 'abstract', paper.abstract),
      );
      const related = h('ol', 'related-list');
      for (const e of data.incident[selected]) {
        const edge = data.edges[e];
        const other = otherEnd(edge, selected);
        const otherCluster = clusters.find((c) => c.id === membership[other]);
        const item = button('related', h('span', 'related-score', `${Math.round(edge.weight * 100)}%`), () =>
          handlers.onSelect(other),
        );
        item.append(
          otherCluster ? swatch(otherCluster.color) : '',
          h('span', 'related-title', data.papers[other].title || '(untitled)'),
          h('span', 'related-why', edge.terms.length > 0 ? `shared: ${edge.terms.join(' · ')}` : ''),
        );
        item.dataset.paper = data.keys[other];
        related.append(h('li', null, item));
      }
      parts.push(
        h('h3', null, 'Related papers'),
        related.childElementCount > 0
          ? related
          : h('p', 'empty', 'No related papers: it shares no term with the others.'),
      );
      element.replaceChildren(...parts);
      element.hidden = false;
      element.scrollTop = 0;
      if (hadFocus) {
        title.tabIndex = -1;
        title.focus();
      }
    },
  };
}
