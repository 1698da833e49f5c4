/**
 * The benchmark's figure helpers: frame rate and frame-time percentiles from requestAnimationFrame
 * timestamps, ratios to sigma.js, the search word, and how a failed measurement is shown. The
 * timings themselves are not tested: they depend on the machine.
 */
import { describe, expect, it } from 'vitest';
import {
  formatRatio,
  formatSize,
  medianLoad,
  type RendererFigures,
  type SizeFigures,
  searchWord,
  TARGETS,
  tableRows,
} from '../../scripts/bench-explorer';
import { frameFigures, median, percentile } from '../../scripts/bench-frames';

/** Timestamps starting at 1000 ms, one after each gap. */
const stampsOf = (gaps: number[]): number[] => {
  const stamps = [1000];
  for (const gap of gaps) stamps.push(stamps[stamps.length - 1] + gap);
  return stamps;
};

describe('frameFigures', () => {
  it('gives 60 fps and a 16.7 ms p95 for a steady 60 Hz', () => {
    const f = frameFigures(stampsOf(Array(120).fill(1000 / 60)));
    expect(f.fps).toBeCloseTo(60, 6);
    expect(f.p95FrameMs).toBeCloseTo(1000 / 60, 6);
    expect(f.maxFrameMs).toBeCloseTo(1000 / 60, 6);
    expect(f.frames).toBe(121);
  });

  it('counts a long frame for as long as it lasts in the frame rate', () => {
    const gaps = [...Array(19).fill(10), 210];
    const f = frameFigures(stampsOf(gaps));
    // 20 intervals over 400 ms.
    expect(f.fps).toBeCloseTo(50, 6);
    expect(f.maxFrameMs).toBe(210);
  });

  it('takes p95 by nearest rank: one long gap in 20 is above it, two are not', () => {
    expect(frameFigures(stampsOf([...Array(19).fill(10), 100])).p95FrameMs).toBe(10);
    expect(frameFigures(stampsOf([...Array(18).fill(10), 100, 100])).p95FrameMs).toBe(100);
  });

  it('does not depend on the order of the gaps', () => {
    const gaps = [5, 40, 12, 16, 16, 33, 8, 70, 16, 16];
    const a = frameFigures(stampsOf(gaps));
    const b = frameFigures(stampsOf([...gaps].reverse()));
    expect(b).toEqual(a);
  });

  it('refuses fewer than two frames', () => {
    expect(() => frameFigures([])).toThrow(/too few/);
    expect(() => frameFigures([5])).toThrow(/too few/);
  });
});

describe('percentile and median', () => {
  it.each([
    [[], 50, Number.NaN],
    [[7], 95, 7],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 100, 3],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 51, 3],
  ])('percentile(%j, %d) = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it.each([
    [[], Number.NaN],
    [[4], 4],
    [[9, 1, 5], 5],
    [[9, 1, 5, 3], 4],
  ])('median(%j) = %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('formatRatio', () => {
  it.each([
    [200, 100, '2.00×'],
    [100, 100, '1.00×'],
    [50, 100, '0.50×'],
    [1, 300, '0.0033×'],
    [1000, 10, '100×'],
    [null, 100, '–'],
    [100, null, '–'],
    [100, 0, '–'],
    [Number.NaN, 1, '–'],
  ])('%s ÷ %s is %s', (a, b, expected) => {
    expect(formatRatio(a, b)).toBe(expected);
  });
});

describe('medianLoad', () => {
  it('takes the median of each figure, the worst of the worst, and counts the loads', () => {
    const load = (finalMapMs: number, firstPaintMs: number | null) => ({
      loads: 1,
      worstFinalMapMs: finalMapMs,
      finalMapMs,
      settledMs: finalMapMs - 100,
      firstPaintMs,
    });
    expect(medianLoad([load(3000, 2900), load(1000, null), load(2000, 1900)])).toEqual({
      loads: 3,
      worstFinalMapMs: 3000,
      finalMapMs: 2000,
      settledMs: 1900,
      firstPaintMs: 2400,
    });
  });
});

describe('searchWord', () => {
  it('is the word of 7 to 12 letters in the most titles, each title counted once', () => {
    expect(searchWord(['Learning learning learning', 'Transformers one', 'Transformers two'])).toBe(
      'transformers',
    );
    // 13 letters: too long to be the word.
    expect(searchWord(['Reinforcement learning', 'Reinforcement schedules', 'Learning rates'])).toBe(
      'learning',
    );
  });

  it('falls back to a common word when no title has one', () => {
    expect(searchWord(['A b c', ''])).toBe('learning');
  });
});

describe('the table', () => {
  const failed = { ok: false as const, reason: 'the map did not load (page error, no map: boom)' };
  const motion = { steps: 60, plannedSteps: 60, ms: 2000 };
  const renderer = (name: 'papermap' | 'sigma'): RendererFigures => ({
    renderer: name,
    load: {
      ok: true,
      value: { loads: 1, worstFinalMapMs: 6000, finalMapMs: 6000, settledMs: 5900, firstPaintMs: 6000 },
    },
    heap: { ok: true, value: { mainMB: 120, workersMB: [30], rendererRssMB: 400 } },
    pan: { ok: true, value: { ...motion, fps: 40, p95FrameMs: 30, maxFrameMs: 60, frames: 80 } },
    zoom: failed,
    click: { ok: true, value: { medianMs: 80, maxMs: 120, times: [80, 120] } },
    search: name === 'papermap' ? failed : null,
    drag: {
      ok: true,
      value: { ...motion, fps: 20, p95FrameMs: 70, maxFrameMs: 90, frames: 30, followed: true },
    },
    pageErrors: [],
    consoleErrors: [],
  });
  const size: SizeFigures = {
    name: '5000',
    papers: 5000,
    edges: 20000,
    papermap: renderer('papermap'),
    sigma: {
      ...renderer('sigma'),
      load: {
        ok: true,
        value: { loads: 5, worstFinalMapMs: 2600, finalMapMs: 2000, settledMs: 1900, firstPaintMs: 1900 },
      },
    },
  };
  const row = (rows: string[][], start: string): string[] => {
    const found = rows.find((r) => r[0].startsWith(start));
    if (!found) throw new Error(`no row ${start}`);
    return found;
  };

  it('marks each figure against its target and gives the ratio to sigma', () => {
    const rows = tableRows(size);
    const final = row(rows, 'final map');
    expect(final[1]).toBe(`≤ ${TARGETS.finalMapMs} ms`);
    expect(final[2]).toBe('6000 ms ✗');
    expect(final[3]).toBe('2000 ms (median of 5, worst 2600 ms)');
    expect(final[4]).toBe('3.00× time');
    expect(row(rows, 'drag-pan')[2]).toBe('40 fps, p95 30 ms ✓');
    expect(row(rows, 'drag a paper')[2]).toBe('20 fps, p95 70 ms ✗');
    expect(row(rows, 'JS heap after load')[2]).toBe('120 MB ✓');
    expect(row(rows, 'JS heap of workers')[2]).toBe('1: 30 MB');
  });

  it('shows a failed measurement with its reason and no ratio', () => {
    const rows = tableRows(size);
    const zoom = row(rows, 'wheel zoom');
    expect(zoom[2]).toBe(`failed: ${failed.reason}`);
    expect(zoom[4]).toBe('– fps');
    expect(row(rows, 'search: keystroke')[2]).toBe(`failed: ${failed.reason}`);
  });

  it('does not count "Indexing…" as results, and shows the keystrokes once indexed', () => {
    const keys = { keyMs: [40, 50], medianMs: 45, maxMs: 50 };
    const search = {
      ok: true as const,
      value: {
        word: 'learning',
        ...keys,
        indexing: 2,
        indexed: { ...keys, keyMs: [60, 150], medianMs: 105, maxMs: 150, indexing: 0 },
        indexReadyMs: 12_300,
        enter: { ok: true as const, value: { ms: 200, opened: 'A title' } },
      },
    };
    const rows = tableRows({ ...size, papermap: { ...size.papermap, search } });
    expect(row(rows, 'search: keystroke')[2]).toBe(
      '45 ms / 50 ms ✗ (2 of 2 keys: "Indexing…", index ready 12.3 s after the map; then 105 ms / 150 ms ✗)',
    );
    expect(row(rows, 'search: Enter')[2]).toBe('200 ms ✓');
  });

  it('says when a page took too long for the gesture', () => {
    const slow = {
      ...motion,
      steps: 12,
      ms: 14_000,
      fps: 0.5,
      p95FrameMs: 2500,
      maxFrameMs: 3000,
      frames: 8,
    };
    const rows = tableRows({ ...size, sigma: { ...renderer('sigma'), pan: { ok: true, value: slow } } });
    expect(row(rows, 'drag-pan')[3]).toBe('0.5 fps, p95 2500 ms (too slow: 12 of 60 steps in 14 s)');
    expect(row(rows, 'drag-pan')[4]).toBe('80× fps');
  });

  it('has no sigma column figures without sigma, and lists page errors below the table', () => {
    const alone = formatSize({
      ...size,
      sigma: null,
      papermap: { ...size.papermap, pageErrors: ['boom', 'boom'] },
    });
    expect(alone).toContain('papermap page error: boom');
    expect(alone.match(/page error: boom/g)).toHaveLength(1);
    for (const r of tableRows({ ...size, sigma: null })) expect(r[3]).toMatch(/^(–|no search)$/);
  });
});
