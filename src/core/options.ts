/**
 * The pipeline's options, listed once: each entry gives the option's field of `GraphOptions`, its
 * command-line flag, kind, default, valid range and help. `GraphOptions` (`types.ts`), `DEFAULTS`,
 * `validateOptions`, the CLI's flags and --help (`scripts/lib/options.ts`) and the README's options
 * table (`npm run readme-options`) all come from it, so adding an option is adding one entry here.
 */
import { SEARCH_DEFAULTS } from './similarity';

interface SpecBase<F extends string> {
  /** The field of `GraphOptions`, as recorded in a graph's `params`. */
  field: F;
  /** The command-line flag without its `--`; a boolean also gets `--no-<flag>`. */
  flag: string;
  /** One line for --help and the README. */
  help: string;
}

export interface NumberOptionSpec<F extends string = OptionField> extends SpecBase<F> {
  kind: 'integer' | 'number';
  default: number;
  /** Smallest valid value, inclusive. */
  min?: number;
  /** Largest valid value, inclusive. */
  max?: number;
  /** Valid values are greater than this. */
  above?: number;
  /** What a valid value is, as the error message says it: "<field> must be <rule>, got <value>". */
  rule: string;
}

export interface BooleanOptionSpec<F extends string = OptionField> extends SpecBase<F> {
  kind: 'boolean';
  default: boolean;
}

export type OptionSpec<F extends string = OptionField> = NumberOptionSpec<F> | BooleanOptionSpec<F>;

/** In the order a graph records its params (the graph JSON depends on it: append new options). */
const TABLE = [
  {
    field: 'k',
    flag: 'k',
    kind: 'integer',
    default: 5,
    min: 1,
    max: 100,
    rule: 'an integer from 1 to 100',
    help: 'neighbours kept per paper',
  },
  {
    field: 'minSimilarity',
    flag: 'min-similarity',
    kind: 'number',
    default: 0.05,
    min: 0,
    max: 1,
    rule: 'between 0 and 1',
    help: 'drop edges below this cosine; a paper always keeps its nearest neighbour',
  },
  {
    field: 'resolution',
    flag: 'resolution',
    kind: 'number',
    default: 1,
    above: 0,
    rule: 'positive',
    help: 'Louvain resolution: higher gives more, smaller clusters',
  },
  {
    field: 'seed',
    flag: 'seed',
    kind: 'integer',
    default: 1,
    rule: 'an integer',
    help: 'seed of every random choice; same input and options give byte-identical output',
  },
  {
    field: 'minDf',
    flag: 'min-df',
    kind: 'number',
    default: 2,
    min: 0,
    rule: 'a count ≥ 1 or a share below 1',
    help: 'a term must be in at least this many papers (a share if < 1)',
  },
  {
    field: 'maxDf',
    flag: 'max-df',
    kind: 'number',
    default: 0.5,
    above: 0,
    rule: 'a share up to 1 or a count above 1',
    help: 'a term may be in at most this share of papers (a count if > 1)',
  },
  {
    field: 'titleWeight',
    flag: 'title-weight',
    kind: 'number',
    default: 1,
    min: 0,
    rule: '0 or more',
    help: "how many times a title's terms count against the abstract's",
  },
  {
    field: 'bigrams',
    flag: 'bigrams',
    kind: 'boolean',
    default: true,
    help: 'add bigrams of adjacent content words ("chain-of-thought", "test-time")',
  },
  {
    field: 'candidateMaxDf',
    flag: 'candidate-max-df',
    kind: 'number',
    default: SEARCH_DEFAULTS.candidateMaxDf,
    min: 1,
    rule: '1 or more',
    help: 'terms in more papers than this find no neighbours themselves (they still count in every score): keeps the search linear',
  },
  {
    field: 'candidates',
    flag: 'candidates',
    kind: 'integer',
    default: SEARCH_DEFAULTS.candidates,
    min: 1,
    rule: 'a whole number ≥ 1',
    help: 'candidates per paper, best by their rarer shared terms, that get an exact score',
  },
  {
    field: 'topicDims',
    flag: 'topic-dims',
    kind: 'integer',
    default: 128,
    min: 0,
    max: 512,
    rule: 'an integer from 0 to 512',
    help: "dimensions of the topic (LSA) space that ranks each paper's candidates again; 0 ranks by TF-IDF alone",
  },
  {
    field: 'termWeight',
    flag: 'term-weight',
    kind: 'number',
    default: 0.5,
    min: 0,
    max: 1,
    rule: 'between 0 and 1',
    help: "share of the TF-IDF cosine in a neighbour's score; the rest is the topic cosine",
  },
  {
    field: 'topicPool',
    flag: 'topic-pool',
    kind: 'integer',
    default: 30,
    min: 1,
    max: 1000,
    rule: 'an integer from 1 to 1000',
    help: 'best TF-IDF neighbours per paper that the topic score ranks again (at least k)',
  },
] as const satisfies readonly OptionSpec<string>[];

type Specs = (typeof TABLE)[number];

/** Every pipeline option, one field per entry of OPTION_SPECS (`GraphOptions` in `types.ts`). */
export type PipelineOptions = {
  -readonly [S in Specs as S['field']]: S['kind'] extends 'boolean' ? boolean : number;
};

export type OptionField = keyof PipelineOptions;

export const OPTION_SPECS: readonly OptionSpec[] = TABLE;

export const DEFAULTS: Readonly<PipelineOptions> = Object.freeze(
  Object.fromEntries(OPTION_SPECS.map((spec) => [spec.field, spec.default])) as PipelineOptions,
);

/** Whether `value` is valid for `spec`; NaN never is. */
export function isValidOption(spec: OptionSpec, value: unknown): boolean {
  if (spec.kind === 'boolean') return typeof value === 'boolean';
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (spec.kind === 'integer' && !Number.isInteger(value)) return false;
  if (spec.min !== undefined && !(value >= spec.min)) return false;
  if (spec.max !== undefined && !(value <= spec.max)) return false;
  return spec.above === undefined || value > spec.above;
}

/** Throws a RangeError starting "papermap:" that names the first option out of its range. */
export function validateOptions(options: PipelineOptions): void {
  for (const spec of OPTION_SPECS) {
    const value: unknown = options[spec.field];
    if (isValidOption(spec, value)) continue;
    const rule = spec.kind === 'boolean' ? 'true or false' : spec.rule;
    throw new RangeError(`papermap: ${spec.field} must be ${rule}, got ${String(value)}`);
  }
}

/** How a default is shown in --help and the README. */
export function defaultText(spec: OptionSpec): string {
  if (spec.kind === 'boolean') return spec.default ? 'on' : 'off';
  return String(spec.default);
}
