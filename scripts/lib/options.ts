/**
 * Command-line options of the pipeline, shared by `graph`, `eval` and `bench`: each maps to one
 * field of GraphOptions, with its default shown in --help.
 */
import { DEFAULTS, type GraphOptions } from '../../src/core/pipeline';

export interface OptionSpec {
  flag: string;
  field: keyof GraphOptions;
  kind: 'integer' | 'number' | 'boolean';
  help: string;
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  { flag: 'k', field: 'k', kind: 'integer', help: 'neighbours kept per paper' },
  {
    flag: 'min-similarity',
    field: 'minSimilarity',
    kind: 'number',
    help: 'drop edges below this cosine (a paper keeps its nearest)',
  },
  {
    flag: 'resolution',
    field: 'resolution',
    kind: 'number',
    help: 'Louvain resolution: higher gives more, smaller clusters',
  },
  { flag: 'seed', field: 'seed', kind: 'integer', help: 'seed of every random choice' },
  {
    flag: 'min-df',
    field: 'minDf',
    kind: 'number',
    help: 'a term must be in at least this many papers (or this share, if < 1)',
  },
  {
    flag: 'max-df',
    field: 'maxDf',
    kind: 'number',
    help: 'a term may be in at most this share of papers (or this many, if > 1)',
  },
  {
    flag: 'title-weight',
    field: 'titleWeight',
    kind: 'number',
    help: "how many times a title's terms count",
  },
  {
    flag: 'bigrams',
    field: 'bigrams',
    kind: 'boolean',
    help: 'add bigrams of adjacent content words (--no-bigrams to turn off)',
  },
];

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
    const record = options as Record<string, number | boolean>;
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

export function optionsHelp(): string {
  return OPTION_SPECS.map((spec) => {
    const left =
      spec.kind === 'boolean' ? `--${spec.flag}` : `--${spec.flag} ${spec.kind === 'integer' ? 'N' : 'X'}`;
    return `  ${left.padEnd(22)}${spec.help} (default ${String(DEFAULTS[spec.field])})`;
  }).join('\n');
}
