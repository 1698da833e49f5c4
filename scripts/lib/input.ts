/**
 * Reading input files for the command-line tools: the file system stays here, out of src/core.
 * Bytes are passed on as read; src/core/parse finds gzip, the encoding and the format itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InputFile } from '../../src/core/parse';

/** A problem with the input (files missing, unreadable or broken): exit code 3. One line per problem. */
export class InputError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'));
    this.problems = list;
  }
}

/** What a graph records as its source: the files as the user named them. */
export function sourceOf(paths: readonly string[]): string {
  return paths.join(', ');
}

/**
 * Reads each file (resolved against `base`) as bytes, named as given so messages use the user's
 * own words. Every file that cannot be read gets its message in `unreadable`, not only the first.
 */
/** The files' total size in bytes; a file that cannot be read counts 0 (`readFiles` reports it). */
export function inputBytes(paths: readonly string[], base: string): number {
  let bytes = 0;
  for (const path of paths) {
    try {
      bytes += statSync(resolve(base, path)).size;
    } catch {
      // Reported with its reason when the files are read.
    }
  }
  return bytes;
}

export function readFiles(
  paths: readonly string[],
  base: string,
): { files: InputFile[]; unreadable: string[] } {
  const files: InputFile[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      files.push({ name: path, bytes: readFileSync(resolve(base, path)) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : (error as Error).message;
      problems.push(`${path}: cannot read: ${why}`);
    }
  }
  return { files, unreadable: problems };
}
