/**
 * The build a worker runs for the page: the files' bytes → `parseFiles` → `buildGraph`, the same
 * src/core pipeline as the CLI, its text and similarity shards run by `runner`.
 */
import { formatTitle, type InputFile, parseFiles } from '../../core/parse';
import { buildGraph } from '../../core/pipeline';
import type { ShardRunner } from '../../core/shards';
import { type BuildMessage, type FileFailure, GRAPH_PART, type ReadReport } from './protocol';

export async function runBuild(
  files: InputFile[],
  source: string,
  runner: ShardRunner,
  send: (message: BuildMessage) => void,
): Promise<void> {
  send({ kind: 'progress', stage: 'parse', done: 0, total: files.length });
  const parsed = await parseFiles(files);
  const failed: FileFailure[] = parsed.failed.map((error) => ({
    file: error.file,
    line: error.line,
    column: error.column,
    message: error.message,
  }));
  const report: ReadReport = {
    files: parsed.files.map((file) => ({
      ...file,
      formatTitle: file.format === null ? null : formatTitle(file.format),
    })),
    notices: parsed.notices,
    failed,
  };
  send({ kind: 'progress', stage: 'parse', done: files.length, total: files.length });
  if (parsed.papers.length === 0) {
    send({ kind: 'empty', report, skipped: parsed.skipped });
    return;
  }
  const result = await buildGraph(
    { papers: parsed.papers, skipped: parsed.skipped, source },
    {},
    (progress) => send({ kind: 'progress', ...progress }),
    runner,
  );
  const { nodes, edges } = result.graph;
  for (let i = 0; i < nodes.length; i += GRAPH_PART.nodes) {
    send({ kind: 'nodes', nodes: nodes.slice(i, i + GRAPH_PART.nodes) });
  }
  for (let i = 0; i < edges.length; i += GRAPH_PART.edges) {
    send({ kind: 'edges', edges: edges.slice(i, i + GRAPH_PART.edges) });
  }
  send({ kind: 'built', graph: { ...result.graph, nodes: [], edges: [] }, report });
}
