/**
 * Files from the page (dropped or picked) as the pipeline reads them, and papermap's own graph JSON
 * told apart from papers files so it can open as it is.
 */
import type { InputFile } from '../../core/parse';
import { type CheckedGraph, checkGraph, GraphLoadError } from '../load';

/** How far into a file the graph signature is looked for: papermap writes it in the first line. */
const SNIFF_BYTES = 1 << 20;

export async function readFiles(files: readonly File[]): Promise<InputFile[]> {
  return Promise.all(
    files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
}

/**
 * A papermap graph: a JSON object whose `attributes.format` is "papermap-graph". The signature is
 * enough to route the file; `openGraphFile` then checks all of it.
 */
export function looksLikeGraph(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, SNIFF_BYTES)).replace(/^\uFEFF/, '');
  return /^\s*\{/.test(head) && /"format"\s*:\s*"papermap-graph"/.test(head);
}

/**
 * The graph in `file`, checked against the contract and repaired where it can be (the repairs are
 * told in the result); a GraphLoadError names what cannot be.
 */
export function openGraphFile(file: InputFile): CheckedGraph {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (error) {
    throw new GraphLoadError(
      `${file.name} is not valid JSON`,
      `${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  return checkGraph(json, file.name);
}
