/**
 * The graph CLI's output file: checked before any work starts (so a bad `--out` is a usage error in
 * a second, not a stack trace after the whole run), then written through a temporary file and a
 * rename, so a killed run never leaves a half-written graph, only a temp file the next run removes.
 */
import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './options';

/** The temp file a run with process id `pid` writes before renaming it to `out`. */
export function tempPath(out: string, pid: number = process.pid): string {
  return `${out}.${pid}.tmp`;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    // ENOTDIR: a parent is a file, so this path does not exist; the caller says which parent.
    if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/** Whether process `pid` is running: signal 0 checks without sending anything. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return errno(error) === 'EPERM';
  }
}

/**
 * Removes the temp files of runs that were killed while writing `out` (`out.<pid>.tmp` whose
 * process is gone); returns their paths. A live run's temp file is left alone.
 */
export function removeStaleTemps(out: string): string[] {
  const dir = dirname(out);
  const prefix = `${basename(out)}.`;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = entry.slice(prefix.length, -'.tmp'.length);
    if (!/^[1-9]\d*$/.test(pid)) continue;
    // Our own pid is one reused from a run long gone: this run has not written its temp file yet.
    if (Number(pid) !== process.pid && isAlive(Number(pid))) continue;
    rmSync(join(dir, entry), { force: true });
    removed.push(join(dir, entry));
  }
  return removed;
}

/**
 * Checks that `out` can be written and is none of the inputs; throws UsageError saying what is
 * wrong. `out` and `inputs` are resolved against `base`. Files are compared by device and inode,
 * so a symbolic or hard link to an input is caught too.
 */
export function checkOutput(out: string, inputs: readonly string[], base: string): string {
  if (out.trim() === '') throw new UsageError('--out needs a file name, got an empty one');
  const path = resolve(base, out);
  if (/[/\\]$/.test(out)) throw new UsageError(`--out ${out} names a directory; give a file name`);

  const existing = statOrNull(path);
  if (existing?.isDirectory()) throw new UsageError(`--out ${out} is a directory; give a file name in it`);
  // Renaming onto a device or a pipe would replace it (as root, /dev/null itself): refuse.
  if (existing !== null && !existing.isFile())
    throw new UsageError(`--out ${out} exists and is not a regular file`);
  if (existing !== null) {
    for (const input of inputs) {
      const stamp = statOrNull(resolve(base, input));
      if (stamp !== null && stamp.dev === existing.dev && stamp.ino === existing.ino)
        throw new UsageError(`--out ${out} is the input file ${input}; writing it would destroy the input`);
    }
  }

  // The nearest ancestor that exists must be a directory we may create files in.
  let ancestor = dirname(path);
  let info = statOrNull(ancestor);
  while (info === null && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor);
    info = statOrNull(ancestor);
  }
  if (info !== null && !info.isDirectory())
    throw new UsageError(`--out ${out} cannot be created: ${ancestor} is a file, not a directory`);
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch (error) {
    const why = errno(error) === 'EROFS' ? 'it is on a read-only file system' : 'permission denied';
    throw new UsageError(`--out ${out} cannot be written: no write access to ${ancestor} (${why})`);
  }
  return path;
}

/** Characters gathered before one write: few system calls, and no whole text in memory. */
const WRITE_CHUNK = 1 << 22;

/**
 * Writes `text` (or its parts, in order) to `path` through a temporary file and a rename, so no
 * half-written file is left. Parts are written as they come, a few MB at a time.
 */
export function writeAtomically(path: string, text: string | Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = tempPath(path);
  try {
    if (typeof text === 'string') writeFileSync(temp, text);
    else {
      const fd = openSync(temp, 'w');
      try {
        let chunk: string[] = [];
        let length = 0;
        for (const part of text) {
          chunk.push(part);
          length += part.length;
          if (length >= WRITE_CHUNK) {
            writeSync(fd, chunk.join(''));
            chunk = [];
            length = 0;
          }
        }
        if (length > 0) writeSync(fd, chunk.join(''));
      } finally {
        closeSync(fd);
      }
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
