/**
 * Reading input files and writing outputs for the command-line tools: the file system stays here,
 * out of src/core.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { InputFile } from '../../src/core/parse';

/** A problem with the input (a file missing, unreadable or broken): exit code 3. */
export class InputError extends Error {}

/** Reads each file as bytes; a `.gz` file is unzipped and parsed under its name without `.gz`. */
export function readFiles(paths: readonly string[]): InputFile[] {
  return paths.map((path) => {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
      throw new InputError(`${path}: cannot read: ${why}`);
    }
    if (!path.endsWith('.gz')) return { name: path, bytes };
    try {
      return { name: path.slice(0, -3), bytes: gunzipSync(bytes) };
    } catch (error) {
      throw new InputError(`${path}: not a valid gzip file (${(error as Error).message})`);
    }
  });
}

/** Writes `text` to `path` through a temporary file and a rename, so no half-written file is left. */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
