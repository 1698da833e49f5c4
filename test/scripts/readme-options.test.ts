/**
 * The README's table of `npm run graph` options is the option table's (`npm run readme-options`
 * writes it), and every flag it documents is one the CLI accepts, with the default it documents.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildOptionArgs,
  OPTION_SPECS,
  readBuildOptions,
  readPipelineOptions,
} from '../../scripts/lib/options';
import { ROOT } from '../../scripts/lib/paths';
import { optionsTable, README, TABLE_END, TABLE_START, withOptionsTable } from '../../scripts/readme-options';
import { DEFAULTS } from '../../src/core/options';
import type { GraphOptions, PapermapGraphJSON } from '../../src/core/types';

const readme = readFileSync(README, 'utf8');

interface DocumentedRow {
  /** Each flag of the row, without `--` (`bigrams` and `no-bigrams` for a switch). */
  flags: string[];
  /** What the row writes after the flag: `N`, `X`, `FILE`, `NAME`, or nothing. */
  value: string;
  defaultText: string;
}

/** The rows of the README's options table, as a reader sees them. */
function documentedRows(): DocumentedRow[] {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const lines = readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|'));
  return lines.slice(2).map((line) => {
    const [flagCell, defaultCell] = line.split('|').slice(1, 3);
    const flags = [...flagCell.matchAll(/`--([a-z][a-z-]*)(?: ([A-Z]+))?`/g)];
    expect(flags.length, line).toBeGreaterThan(0);
    return { flags: flags.map((m) => m[1]), value: flags[0][2] ?? '', defaultText: defaultCell.trim() };
  });
}

const pipelineFlags = new Set(OPTION_SPECS.flatMap((spec) => [spec.flag, `no-${spec.flag}`]));

describe("the README's options table", () => {
  it('is what npm run readme-options writes from the option table', () => {
    expect(withOptionsTable(readme)).toBe(readme);
    expect(readme).toContain(`${TABLE_START}\n\n${optionsTable()}\n\n${TABLE_END}`);
  });

  it('documents every pipeline option, once', () => {
    const documented = documentedRows().flatMap((row) => row.flags);
    expect(new Set(documented).size).toBe(documented.length);
    for (const spec of OPTION_SPECS) expect(documented).toContain(spec.flag);
  });

  it('documents only pipeline flags that readPipelineOptions takes, with their defaults, round-tripping', () => {
    const rows = documentedRows().filter((row) => row.flags.some((flag) => pipelineFlags.has(flag)));
    expect(rows).toHaveLength(OPTION_SPECS.length);
    for (const row of rows) {
      const spec = OPTION_SPECS.find((s) => s.flag === row.flags[0]);
      expect(spec, row.flags[0]).toBeDefined();
      if (spec === undefined) continue;
      if (spec.kind === 'boolean') {
        expect(row.flags).toEqual([spec.flag, `no-${spec.flag}`]);
        expect(row.defaultText).toBe(spec.default ? 'on' : 'off');
        for (const [arg, value] of [
          [`--${spec.flag}`, true],
          [`--no-${spec.flag}`, false],
        ] as const) {
          const read = readPipelineOptions([arg]);
          expect(read).toEqual({ options: { [spec.field]: value }, rest: [] });
          expect(readPipelineOptions(buildOptionArgs({ options: read.options, format: undefined }))).toEqual(
            read,
          );
        }
        continue;
      }
      expect(row.value).toBe(spec.kind === 'integer' ? 'N' : 'X');
      // The documented default, as a user would type it, is read as the option's default.
      const read = readPipelineOptions([`--${spec.flag}`, row.defaultText, 'paper.bib']);
      expect(read).toEqual({ options: { [spec.field]: DEFAULTS[spec.field] }, rest: ['paper.bib'] });
      const other = spec.default + (spec.max !== undefined && spec.default + 1 > spec.max ? -1 : 1);
      for (const options of [read.options, { [spec.field]: other } as Partial<GraphOptions>]) {
        const args = buildOptionArgs({ options, format: undefined });
        expect(readPipelineOptions(args)).toEqual({ options, rest: [] });
      }
    }
  });

  it('round-trips every pipeline option at once, with --format', () => {
    const build = { options: { ...DEFAULTS, bigrams: false }, format: 'jsonl' as const };
    const { rest, ...read } = readBuildOptions(buildOptionArgs(build));
    expect(read).toEqual(build);
    expect(rest).toEqual([]);
  });
});

describe('the graph command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'papermap-readme-options-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts every documented flag together, with its documented default, and records those defaults', () => {
    const input = join(dir, 'papers.jsonl');
    const out = join(dir, 'graph.json');
    writeFileSync(
      input,
      [
        {
          title: 'Graph kernels for molecules',
          abstract: 'Graph kernels compare molecules by substructures.',
        },
        { title: 'Molecule graph kernels', abstract: 'We learn graph kernels that compare molecules.' },
        { title: 'Quantum annealing hardware', abstract: 'Superconducting qubits anneal spin glasses.' },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    const placeholder = new Map<string, (row: DocumentedRow) => string>([
      ['FILE', () => out],
      ['NAME', () => 'jsonl'],
      // `cores` is not a number: one worker is as good a value as any.
      ['N', (row) => (/^\d+$/.test(row.defaultText) ? row.defaultText : '1')],
      ['X', (row) => row.defaultText],
    ]);
    const args: string[] = [];
    for (const row of documentedRows()) {
      // A switch documented with its negation: the negation first, so the default wins.
      for (const flag of [...row.flags].reverse()) {
        args.push(`--${flag}`);
        const value = placeholder.get(row.value);
        if (row.value !== '') {
          expect(value, row.value).toBeDefined();
          args.push(value?.(row) ?? '');
        }
      }
    }
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/graph.ts', input, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: '1', INIT_CWD: dir },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const graph = JSON.parse(readFileSync(out, 'utf8')) as PapermapGraphJSON;
    expect(graph.attributes.params).toEqual({ ...DEFAULTS });
    expect(graph.nodes).toHaveLength(3);
  });
});
