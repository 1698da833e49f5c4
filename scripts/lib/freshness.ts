/**
 * Is a built graph still what would be built now? It is when it was built from the same files with
 * the same options (what it records in `attributes.source` and `attributes.params`) and nothing it
 * was made from (the input files, the pipeline code) changed since. `judgeFreshness` (times) and
 * `judgeRecord` (source and options) decide from plain values, so they are pure and tested with
 * tables; `checkFreshness` reads those values from disk, walking directories given as inputs.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type GraphHeader, readBuildHeader } from './graph-file';

/** A file and what `stat` said about it. */
export interface FileStamp {
  path: string;
  mtimeMs: number;
  size: number;
}

export interface Freshness {
  fresh: boolean;
  /** Why, in words that follow the output's name: "… is stale: it does not exist yet". */
  reason: string;
}

/**
 * The output is fresh when it exists, is not empty, and is newer than every input.
 * An input as new as the output counts as newer: file systems with coarse timestamps (1 s, 2 s)
 * give equal times to files written moments apart, and a needless rebuild is cheaper than a
 * stale graph. `missing` lists inputs that do not exist; the builder has to report them.
 */
export function judgeFreshness(
  output: FileStamp | null,
  inputs: readonly FileStamp[],
  missing: readonly string[] = [],
): Freshness {
  if (output === null) return { fresh: false, reason: 'it does not exist yet' };
  if (output.size === 0) return { fresh: false, reason: 'it is empty' };
  if (missing.length > 0) return { fresh: false, reason: `input missing: ${missing.join(', ')}` };
  let newest: FileStamp | null = null;
  for (const input of inputs) {
    if (input.mtimeMs >= output.mtimeMs && (newest === null || input.mtimeMs > newest.mtimeMs)) {
      newest = input;
    }
  }
  if (newest !== null) {
    const others = inputs.filter((input) => input !== newest && input.mtimeMs >= output.mtimeMs).length;
    const more = others > 0 ? ` and ${others} more file${others === 1 ? '' : 's'}` : '';
    return { fresh: false, reason: `${newest.path}${more} changed since it was built` };
  }
  const count = `${inputs.length} input${inputs.length === 1 ? '' : 's'}`;
  return { fresh: true, reason: `newer than its ${count}` };
}

/** What a graph should have been built from: its `source` and every option in its `params`. */
export interface BuildRecord {
  source: string;
  params: Readonly<Record<string, number | boolean | string>>;
}

const shown = (value: unknown): string => (value === undefined ? 'not recorded' : JSON.stringify(value));

/**
 * Whether the graph's record of how it was built (null: it records none, or is no papermap graph)
 * says it was built from the source and with every option asked for now.
 */
export function judgeRecord(recorded: GraphHeader | null, asked: BuildRecord): Freshness {
  if (recorded === null) return { fresh: false, reason: 'it does not record what it was built from' };
  if (recorded.source !== asked.source) {
    return {
      fresh: false,
      reason: `it was built from ${shown(recorded.source)}, not ${shown(asked.source)}`,
    };
  }
  const params = recorded.params as Readonly<Record<string, unknown>>;
  const differ = Object.keys(asked.params).filter((name) => !Object.is(params[name], asked.params[name]));
  if (differ.length > 0) {
    const [first] = differ;
    const more =
      differ.length > 1 ? ` (and ${differ.length - 1} more option${differ.length === 2 ? '' : 's'})` : '';
    return {
      fresh: false,
      reason: `it was built with ${first} = ${shown(params[first])}, not ${shown(asked.params[first])}${more}`,
    };
  }
  return { fresh: true, reason: 'built from the same source with the same options' };
}

/** `stat` a file, or null when it does not exist. */
export async function stampFile(path: string): Promise<FileStamp | null> {
  try {
    const info = await stat(path);
    return { path, mtimeMs: info.mtimeMs, size: info.size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Stamps of every file in `paths`, directories walked recursively, in a stable order.
 * Paths are reported as given (joined with the entries below them), so relative paths stay relative.
 */
export async function stampTree(
  paths: readonly string[],
): Promise<{ stamps: FileStamp[]; missing: string[] }> {
  const stamps: FileStamp[] = [];
  const missing: string[] = [];
  const visit = async (path: string): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        missing.push(path);
        return;
      }
      throw error;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      for (const entry of entries) await visit(join(path, entry));
    } else {
      stamps.push({ path, mtimeMs: info.mtimeMs, size: info.size });
    }
  };
  for (const path of paths) await visit(path);
  return { stamps, missing };
}

/**
 * Whether `output` is up to date with `inputs` (files or directories), read from disk, and, when
 * `asked` is given, records that it was built from that source with those options.
 */
export async function checkFreshness(
  output: string,
  inputs: readonly string[],
  asked?: BuildRecord,
): Promise<Freshness> {
  const [stamp, tree] = await Promise.all([stampFile(output), stampTree(inputs)]);
  const byTime = judgeFreshness(stamp, tree.stamps, tree.missing);
  if (!byTime.fresh || asked === undefined) return byTime;
  const byRecord = judgeRecord(await readBuildHeader(output), asked);
  return byRecord.fresh ? { fresh: true, reason: `${byTime.reason}, ${byRecord.reason}` } : byRecord;
}
