/**
 * Command-line options of the pipeline, shared by `graph`, `start`, `eval` and `bench`: one flag
 * per entry of the option table (`src/core/options.ts`), with its default shown in --help; and
 * `--format`, which forces how the input files are read.
 */
import { defaultText, OPTION_SPECS, type OptionSpec } from '../../src/core/options';
import { FORMAT_NAMES, type FormatName, isFormatName } from '../../src/core/parse';
import type { GraphOptions } from '../../src/core/types';

export { OPTION_SPECS, type OptionSpec };

export class UsageError extends Error {}

/** Reads `--flag value` pairs of the pipeline options from `args`; returns them and the other args. */
export function readPipelineOptions(args: readonly string[]): {
  options: Partial<GraphOptions>;
  rest: string[];
} {
  const options: Partial<GraphOptions> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [null, undefined];
    const negated = name?.startsWith('no-') ? name.slice(3) : null;
    const spec = OPTION_SPECS.find((s) => s.flag === name || (s.kind === 'boolean' && s.flag === negated));
    if (spec === undefined) {
      rest.push(arg);
      continue;
    }
    const record = options as Record<keyof GraphOptions, number | boolean>;
    if (spec.kind === 'boolean') {
      if (negated !== null) record[spec.field] = false;
      else if (inline !== undefined) record[spec.field] = !/^(false|0|no)$/i.test(inline);
      else record[spec.field] = true;
      continue;
    }
    const raw = inline ?? args[++i];
    if (raw === undefined) throw new UsageError(`--${spec.flag} needs a value`);
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value))
      throw new UsageError(`--${spec.flag} must be a number, got "${raw}"`);
    if (spec.kind === 'integer' && !Number.isInteger(value))
      throw new UsageError(`--${spec.flag} must be an integer, got "${raw}"`);
    record[spec.field] = value;
  }
  return { options, rest };
}

/** The options that decide what graph is built from a set of files: the pipeline's and `--format`. */
export interface BuildOptions {
  options: Partial<GraphOptions>;
  format: FormatName | undefined;
}

/** Reads the pipeline options and `--format NAME` from `args`; returns them and the other args. */
export function readBuildOptions(args: readonly string[]): BuildOptions & { rest: string[] } {
  const { options, rest: others } = readPipelineOptions(args);
  let format: FormatName | undefined;
  const rest: string[] = [];
  for (let i = 0; i < others.length; i++) {
    const arg = others[i];
    if (arg !== '--format' && !arg.startsWith('--format=')) {
      rest.push(arg);
      continue;
    }
    const next = others[i + 1];
    const value =
      arg !== '--format' ? arg.slice('--format='.length) : next?.startsWith('--') ? undefined : others[++i];
    if (value === undefined || value === '')
      throw new UsageError(`--format needs a format name: ${FORMAT_NAMES.join(', ')}`);
    if (!isFormatName(value))
      throw new UsageError(`--format must be one of ${FORMAT_NAMES.join(', ')}, got "${value}"`);
    format = value;
  }
  return { options, format, rest };
}

/** The command-line arguments that ask for `build` again, as `readBuildOptions` reads them. */
export function buildOptionArgs(build: BuildOptions): string[] {
  const args: string[] = [];
  for (const spec of OPTION_SPECS) {
    const value = build.options[spec.field];
    if (value === undefined) continue;
    if (spec.kind === 'boolean') args.push(value ? `--${spec.flag}` : `--no-${spec.flag}`);
    else args.push(`--${spec.flag}=${String(value)}`);
  }
  if (build.format !== undefined) args.push(`--format=${build.format}`);
  return args;
}

/** `items` joined with commas, broken into lines of at most `width` characters, each indented. */
export function wrapList(items: readonly string[], indent: number, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const word = i < items.length - 1 ? `${item},` : item;
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l}`).join('\n');
}

export function formatHelp(): string {
  return [
    `  ${'--format NAME'.padEnd(22)}read every file as this format (default: each file's format is found from`,
    `${' '.repeat(24)}its content, then its name), one of:`,
    wrapList(FORMAT_NAMES, 24),
  ].join('\n');
}

/** The pipeline options in --help: one line each, with its default. */
export function optionsHelp(): string {
  return OPTION_SPECS.map((spec: OptionSpec) => {
    const left = `--${spec.flag}${valueName(spec)}`;
    const turnOff = spec.kind === 'boolean' ? `; --no-${spec.flag} turns it off` : '';
    return `  ${left.padEnd(22)}${spec.help} (default ${defaultText(spec)}${turnOff})`;
  }).join('\n');
}

/** What follows a flag in usage: ` N` for an integer, ` X` for a number, nothing for a switch. */
export function valueName(spec: OptionSpec): string {
  return spec.kind === 'boolean' ? '' : spec.kind === 'integer' ? ' N' : ' X';
}
