/**
 * The page's side of a build: starts the build worker, relays its progress, and settles with its
 * outcome. Cancel terminates the worker (its shard workers go with it); nothing is left running.
 */
import type { InputFile } from '../../core/parse';
import type { SerializedEdge, SerializedNode } from '../../core/types';
import type { BuildMessage, BuildRequest, BuildStage } from './protocol';

export type BuildOutcome =
  | Exclude<BuildMessage, { kind: 'progress' | 'nodes' | 'edges' }>
  | { kind: 'cancelled' };

export interface BuildJob {
  outcome: Promise<BuildOutcome>;
  cancel(): void;
}

export type BuildProgress = (stage: BuildStage, done: number, total: number) => void;

export function startBuild(files: InputFile[], source: string, onProgress: BuildProgress): BuildJob {
  const worker = new Worker(new URL('./entry.ts', import.meta.url), {
    type: 'module',
    name: 'papermap build',
  });
  let settle: (outcome: BuildOutcome) => void = () => {};
  const outcome = new Promise<BuildOutcome>((resolve) => {
    settle = (result) => {
      worker.terminate();
      settle = () => {};
      resolve(result);
    };
  });
  const nodes: SerializedNode[] = [];
  const edges: SerializedEdge[] = [];
  worker.addEventListener('message', (event: MessageEvent<BuildMessage>) => {
    const message = event.data;
    if (message.kind === 'progress') onProgress(message.stage, message.done, message.total);
    // Loops, not push(...part): a spread of thousands of items can overflow the call stack.
    else if (message.kind === 'nodes') for (const node of message.nodes) nodes.push(node);
    else if (message.kind === 'edges') for (const edge of message.edges) edges.push(edge);
    else if (message.kind === 'built') settle({ ...message, graph: { ...message.graph, nodes, edges } });
    else settle(message);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    settle({ kind: 'crashed', message: event.message || 'the build worker could not start' });
  });
  const request: BuildRequest = { kind: 'build', files, source };
  // The bytes move to the worker (no copy); the page does not need them again.
  worker.postMessage(request, [...new Set(files.map((file) => file.bytes.buffer as ArrayBuffer))]);
  return { outcome, cancel: () => settle({ kind: 'cancelled' }) };
}
