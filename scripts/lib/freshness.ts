/**
 * Is a generated file (the default graph) still up to date with the files it is made from?
 * `judgeFreshness` decides from modification times alone, so it is pure and tested with tables;
 * `checkFreshness` reads those times from disk, walking directories given as inputs.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

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

/** Whether `output` is up to date with `inputs` (files or directories), read from disk. */
export async function checkFreshness(output: string, inputs: readonly string[]): Promise<Freshness> {
  const [stamp, tree] = await Promise.all([stampFile(output), stampTree(inputs)]);
  return judgeFreshness(stamp, tree.stamps, tree.missing);
}
