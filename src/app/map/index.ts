/** The interactive paper map: `createPaperMap(container, nodes, callbacks)`, then `update(view)`. */
export * from './map';
