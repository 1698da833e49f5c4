/**
 * The option table is the one list of the pipeline's options: the defaults, the validation and the
 * graph's recorded params all follow it, entry by entry.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULTS,
  isValidOption,
  OPTION_SPECS,
  type OptionSpec,
  validateOptions,
} from '../../src/core/options';
import { newPaper } from '../../src/core/parse/fields';
import { buildGraph, DEFAULTS as PIPELINE_DEFAULTS } from '../../src/core/pipeline';
import { seededRandom } from '../../src/core/random';
import type { GraphOptions } from '../../src/core/types';

/** Values just outside a numeric option's range, with what makes each one wrong. */
function invalidValues(spec: OptionSpec): number[] {
  if (spec.kind === 'boolean') return [];
  const values = [Number.NaN];
  if (spec.min !== undefined) values.push(spec.min - 0.5, spec.min - 1);
  if (spec.max !== undefined) values.push(spec.max + 0.5, spec.max + 1);
  if (spec.above !== undefined) values.push(spec.above, spec.above - 1);
  if (spec.kind === 'integer') values.push(spec.default + 0.5, Number.POSITIVE_INFINITY);
  return values;
}

describe('the option table', () => {
  it('gives the defaults, in its order, and the pipeline exports the same object', () => {
    expect(Object.keys(DEFAULTS)).toEqual(OPTION_SPECS.map((spec) => spec.field));
    for (const spec of OPTION_SPECS) expect(DEFAULTS[spec.field]).toBe(spec.default);
    expect(PIPELINE_DEFAULTS).toBe(DEFAULTS);
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
  });

  it('has one entry per field and per flag, each default valid', () => {
    expect(new Set(OPTION_SPECS.map((spec) => spec.field)).size).toBe(OPTION_SPECS.length);
    expect(new Set(OPTION_SPECS.map((spec) => spec.flag)).size).toBe(OPTION_SPECS.length);
    for (const spec of OPTION_SPECS) {
      expect(isValidOption(spec, spec.default), spec.field).toBe(true);
      expect(spec.flag).toMatch(/^[a-z][a-z-]*$/);
      expect(spec.help.length).toBeGreaterThan(10);
    }
    expect(() => validateOptions({ ...DEFAULTS })).not.toThrow();
  });

  it.each(OPTION_SPECS.filter((spec) => spec.kind !== 'boolean').map((spec) => [spec.field, spec] as const))(
    'rejects %s outside its range, naming the option, its rule and the value',
    (_field, spec) => {
      const values = invalidValues(spec);
      expect(values.length).toBeGreaterThan(1);
      for (const value of values) {
        const options = { ...DEFAULTS, [spec.field]: value } as GraphOptions;
        expect(() => validateOptions(options)).toThrow(
          new RangeError(`papermap: ${spec.field} must be ${spec.rule}, got ${String(value)}`),
        );
      }
    },
  );

  it('accepts the bounds of each range themselves', () => {
    for (const spec of OPTION_SPECS) {
      if (spec.kind === 'boolean') continue;
      for (const bound of [spec.min, spec.max]) {
        if (bound === undefined) continue;
        expect(() => validateOptions({ ...DEFAULTS, [spec.field]: bound } as GraphOptions)).not.toThrow();
      }
    }
  });

  it('rejects a switch that is not true or false', () => {
    for (const spec of OPTION_SPECS) {
      if (spec.kind !== 'boolean') continue;
      const options = { ...DEFAULTS, [spec.field]: 'yes' } as unknown as GraphOptions;
      expect(() => validateOptions(options)).toThrow(`papermap: ${spec.field} must be true or false`);
    }
  });

  it('is what a graph records as its params, in the same order', async () => {
    const papers = [
      newPaper('t:1', 'Graph kernels for molecules', 'Graph kernels compare molecules by substructures.'),
      newPaper('t:2', 'Molecule graph kernels', 'We learn graph kernels that compare molecules quickly.'),
    ];
    const { graph } = await buildGraph({ papers }, { k: 3 });
    expect(Object.keys(graph.attributes.params)).toEqual(OPTION_SPECS.map((spec) => spec.field));
    expect(graph.attributes.params).toEqual({ ...DEFAULTS, k: 3 });
  });

  it('hands the topic options to the neighbour search', async () => {
    // Four planted topics over 40 words that overlap, each paper with words of other topics too.
    const random = seededRandom(7);
    const topics = [0, 1, 2, 3].map((t) => Array.from({ length: 12 }, (_, w) => `w${t * 8 + w}x`));
    const pick = (words: string[]): string => words[Math.floor(random() * words.length)];
    const papers = Array.from({ length: 120 }, (_, i) => {
      const words = Array.from({ length: 12 }, () =>
        pick(topics[random() < 0.6 ? i % 4 : Math.floor(random() * 4)]),
      );
      return newPaper(`t:${i}`, `Paper ${i}`, words.join(' '));
    });
    const edges = async (options: Partial<GraphOptions>): Promise<string> => {
      const { graph } = await buildGraph({ papers }, options);
      return JSON.stringify(graph.edges.map((e) => [e.source, e.target, e.attributes.weight]));
    };
    const termsOnly = await edges({ topicDims: 0 });
    // Four dimensions smooth the 40 words into topics: other neighbours, other scores.
    expect(await edges({ topicDims: 4 })).not.toBe(termsOnly);
    // Unless all the weight is on the terms, however few the candidates ranked again.
    expect(await edges({ topicDims: 4, termWeight: 1 })).toBe(termsOnly);
    expect(await edges({ topicDims: 4, termWeight: 1, topicPool: 1 })).toBe(termsOnly);
    expect(await edges({ topicDims: 8 })).not.toBe(await edges({ topicDims: 4 }));
  });
});
