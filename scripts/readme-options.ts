/**
 * `npm run readme-options`: rewrites the README's table of `npm run graph` options, between its
 * marker comments, from the option table (`src/core/options.ts`), so that the README documents
 * exactly the flags the CLI reads. `test/scripts/readme-options.test.ts` fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultText, OPTION_SPECS } from '../src/core/options';
import { FORMAT_NAMES } from '../src/core/parse';
import { valueName } from './lib/options';
import { ROOT } from './lib/paths';

export const README = join(ROOT, 'README.md');
export const TABLE_START =
  '<!-- options table: npm run readme-options writes it from src/core/options.ts -->';
export const TABLE_END = '<!-- end of options table -->';

type Row = readonly [flags: string, defaultValue: string, meaning: string];

/** The graph command's own options (scripts/graph.ts), which are not pipeline options. */
const BEFORE: readonly Row[] = [
  [
    '`--out FILE`',
    '`graph.json`',
    'where to write the graph JSON, in the directory you ran npm in (a temp file `FILE.<pid>.tmp`, then renamed)',
  ],
  [
    '`--format NAME`',
    'found per file',
    `read every file in this format: ${FORMAT_NAMES.map((name) => `\`${name}\``).join(', ')}`,
  ],
];
const AFTER: readonly Row[] = [
  ['`--workers N`', 'cores', 'worker threads for the text and similarity stages'],
  ['`--quiet`', 'off', 'no progress bar and no summary'],
];

function pipelineRows(): Row[] {
  return OPTION_SPECS.map((spec) => [
    spec.kind === 'boolean'
      ? `\`--${spec.flag}\` / \`--no-${spec.flag}\``
      : `\`--${spec.flag}${valueName(spec)}\``,
    defaultText(spec),
    spec.help,
  ]);
}

const width = (text: string): number => [...text].length;

/** The options table in Markdown, its columns padded to one width as the formatter leaves them. */
export function optionsTable(): string {
  const rows: Row[] = [['option', 'default', 'meaning'], ...BEFORE, ...pipelineRows(), ...AFTER];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => width(row[c]))));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, c) => cell + ' '.repeat(widths[c] - width(cell))).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** `readme` with the text between the markers replaced by the table; throws when a marker is missing. */
export function withOptionsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no "${TABLE_START}" … "${TABLE_END}" markers in that order`);
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${optionsTable()}\n\n${readme.slice(end)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = readFileSync(README, 'utf8');
  const after = withOptionsTable(before);
  if (after === before) console.log('README.md: the options table is up to date');
  else {
    writeFileSync(README, after);
    console.log('README.md: options table rewritten from src/core/options.ts');
  }
}
