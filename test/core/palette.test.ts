/**
 * Cluster colours (src/core/palette.ts): the stored palette is what scripts/palette.ts makes, its
 * colours are far apart in OKLab with normal vision and with each simulated deficiency (Machado et
 * al. 2009) and visible on both map backgrounds; the assignment is deterministic, gives distinct
 * colours, and keeps linked and large clusters apart far better than a random assignment does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUNDS,
  contrastRatio,
  distance,
  generatePalette,
  hexToRgb,
  linearRgb,
  minDistance,
  oklab,
  oklabSeen,
  simulate,
  spaceCoordinates,
  TOL_MUTED_LIGHT,
  VISIONS,
  type Vision,
} from '../../scripts/palette';
import { appData } from '../../src/app/data';
import { recluster } from '../../src/app/recluster';
import {
  CLUSTER_COLORS,
  clusterColors,
  PALETTE_COORDINATES,
  PALETTE_GENERATOR,
} from '../../src/core/palette';
import { parseFiles } from '../../src/core/parse/index';
import { buildGraph } from '../../src/core/pipeline';
import { seededRandom } from '../../src/core/random';

/** OKLab distance ×100 between two colours as seen with `vision`. */
const delta = (a: string, b: string, vision: Vision): number =>
  100 * distance(oklabSeen(a, vision), oklabSeen(b, vision));
/** The smallest of the three simulated deficiencies' distances. */
const deltaCvd = (a: string, b: string): number =>
  Math.min(delta(a, b, 'deutan'), delta(a, b, 'protan'), delta(a, b, 'tritan'));

describe('colour science', () => {
  it("gives Ottosson's OKLab reference values", () => {
    // https://bottosson.github.io/posts/oklab/ (table of sRGB primaries) and white.
    const cases: [string, [number, number, number]][] = [
      ['#ffffff', [1, 0, 0]],
      ['#ff0000', [0.62796, 0.22486, 0.12585]],
      ['#00ff00', [0.86644, -0.23389, 0.1795]],
      ['#0000ff', [0.45201, -0.03246, -0.31153]],
    ];
    for (const [hex, expected] of cases) {
      const lab = oklab(linearRgb(hexToRgb(hex)));
      lab.forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i], 3);
      });
    }
  });

  it('leaves greys grey under every simulated deficiency (Machado rows sum to 1)', () => {
    for (const vision of VISIONS) {
      const [r, g, b] = simulate(linearRgb(hexToRgb('#777777')), vision);
      expect(Math.abs(r - g) + Math.abs(g - b)).toBeLessThan(1e-5);
    }
  });

  it('confuses red and green under deuteranopia, not under normal vision', () => {
    expect(delta('#cc3311', '#228833', 'normal')).toBeGreaterThan(20);
    expect(delta('#cc3311', '#228833', 'deutan')).toBeLessThan(delta('#cc3311', '#228833', 'normal') / 2);
  });
});

describe('the palette', () => {
  it('has at least 60 different colours, as lowercase #rrggbb', () => {
    expect(CLUSTER_COLORS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CLUSTER_COLORS).size).toBe(CLUSTER_COLORS.length);
    for (const hex of CLUSTER_COLORS) expect(hex).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('is what scripts/palette.ts makes with the stored options', () => {
    expect(generatePalette(PALETTE_GENERATOR)).toEqual(CLUSTER_COLORS);
  });

  it('stores the coordinates of its own hex values', () => {
    expect(PALETTE_COORDINATES).toHaveLength(CLUSTER_COLORS.length);
    CLUSTER_COLORS.forEach((hex, i) => {
      const expected = spaceCoordinates(hex, PALETTE_GENERATOR.compression).map((v) =>
        Math.round(v * 10_000),
      );
      expect(PALETTE_COORDINATES[i], hex).toEqual(expected);
    });
  });

  it('has WCAG contrast of 3:1 (graphical objects, SC 1.4.11) against both map backgrounds', () => {
    // The old palette did not: #332288 has 1.46:1 on the dark background, #ddcc77 1.62:1 on white.
    const backgrounds = [...BACKGROUNDS.light, ...BACKGROUNDS.dark];
    for (const hex of CLUSTER_COLORS) {
      for (const bg of backgrounds)
        expect(contrastRatio(hex, bg), `${hex} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
    expect(Math.min(...TOL_MUTED_LIGHT.map((hex) => contrastRatio(hex, BACKGROUNDS.dark[1])))).toBeLessThan(
      1.5,
    );
  });

  it('has no grey that could pass for an edge', () => {
    for (const hex of CLUSTER_COLORS) {
      const [, a, b] = oklabSeen(hex, 'normal');
      expect(Math.hypot(a, b), hex).toBeGreaterThanOrEqual(0.06);
    }
  });

  /*
   * Floors on the smallest OKLab distance ×100 among the first n colours. 2 is one just-noticeable
   * difference in OKLab (the JND of CSS Color 4's gamut mapping, deltaEOK 0.02). Tol's twelve, the
   * old palette, have 8.1 with normal vision and 5.2 / 5.6 / 5.2 deutan / protan / tritan, using
   * light and dark colours that fail 3:1 on one background or the other; the first 12 here have
   * 12.3 and 5.0 / 4.8 / 5.9 within the lightness band that 3:1 on both backgrounds allows (OKLab
   * L ≈ 0.50–0.70). In that band a deficiency leaves little room for 50 colours, so the floors
   * there are one JND with a deficiency and two with normal vision (measured: 4.6 and 2.3–2.8 for
   * 50, 4.2 and 2.1–2.4 for 60); the assignment puts the closest pairs on clusters that do not touch.
   */
  const floors: [number, number, number][] = [
    // first n, normal vision, each deficiency
    [12, 10, 4.5],
    [24, 6, 3],
    [50, 4, 2],
    [60, 4, 2],
  ];
  it.each(floors)(
    'keeps the first %i colours apart: ≥ %d normal, ≥ %d with each deficiency',
    (n, normal, cvd) => {
      const colours = CLUSTER_COLORS.slice(0, n);
      for (const vision of VISIONS) {
        const { distance: d, pair } = minDistance(colours, vision);
        expect(100 * d, `${vision}: ${pair.join(' / ')}`).toBeGreaterThanOrEqual(
          vision === 'normal' ? normal : cvd,
        );
      }
    },
  );
});

/** The edges of a cluster graph as paper edges: one paper per cluster, one edge per link. */
interface Links {
  membership: Int32Array;
  count: number;
  edges: { source: number[]; target: number[]; weight: number[] };
}

/**
 * `count` clusters with the given sizes: paper i of cluster c is a chain inside it, and each link
 * [a, b, w] is one edge of weight w between the first papers of a and b.
 */
function clusterGraph(sizes: number[], links: [number, number, number][]): Links {
  const first: number[] = [];
  const membership: number[] = [];
  const edges = { source: [] as number[], target: [] as number[], weight: [] as number[] };
  sizes.forEach((size, c) => {
    first.push(membership.length);
    for (let i = 0; i < size; i++) {
      if (i > 0) {
        edges.source.push(membership.length - 1);
        edges.target.push(membership.length);
        edges.weight.push(0.5);
      }
      membership.push(c);
    }
  });
  for (const [a, b, w] of links) {
    edges.source.push(first[a]);
    edges.target.push(first[b]);
    edges.weight.push(w);
  }
  return { membership: Int32Array.from(membership), count: sizes.length, edges };
}

/** A seeded shuffle of the first `count` palette colours: a random assignment. */
function randomColours(count: number, random: () => number): string[] {
  const colours = CLUSTER_COLORS.slice(0, count);
  for (let i = colours.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [colours[i], colours[j]] = [colours[j], colours[i]];
  }
  return colours;
}

/** The q-quantile of `values`. */
const quantile = (values: number[], q: number): number =>
  [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];

/** 50 clusters of decreasing size on a ring of strong links, with weak random links besides. */
function ring(): Links {
  const random = seededRandom(11);
  const sizes = Array.from({ length: 50 }, (_, c) => 200 - 3 * c);
  const links: [number, number, number][] = [];
  for (let c = 0; c < 50; c++) links.push([c, (c + 1) % 50, 20]);
  for (let e = 0; e < 60; e++) {
    const a = Math.floor(random() * 50);
    const b = Math.floor(random() * 50);
    if (a !== b) links.push([a, b, 0.5]);
  }
  return clusterGraph(sizes, links);
}

describe('clusterColors', () => {
  it('is empty for no clusters, and one colour per cluster otherwise', () => {
    expect(clusterColors(new Int32Array(0), 0, { source: [], target: [], weight: [] })).toEqual([]);
    const single = clusterColors(Int32Array.of(0, 0), 1, { source: [0], target: [1], weight: [1] });
    expect(single).toEqual([CLUSTER_COLORS[0]]);
    const unused = clusterColors(new Int32Array(0), 3, { source: [], target: [], weight: [] });
    expect(new Set(unused).size).toBe(3);
  });

  it('gives the same colours for the same input, typed arrays or not', () => {
    const { membership, count, edges } = ring();
    const once = clusterColors(membership, count, edges);
    const typed = {
      source: Int32Array.from(edges.source),
      target: Int32Array.from(edges.target),
      weight: Float64Array.from(edges.weight),
    };
    expect(clusterColors(Array.from(membership), count, typed)).toEqual(once);
    expect(clusterColors(membership, count, edges)).toEqual(once);
  });

  it('gives each of 50 clusters a different colour, from the first 50 of the palette', () => {
    const { membership, count, edges } = ring();
    const colours = clusterColors(membership, count, edges);
    expect(new Set(colours).size).toBe(50);
    expect(new Set([...colours, ...CLUSTER_COLORS.slice(0, 50)]).size).toBe(50);
  });

  it('keeps strongly linked clusters far apart, far more than a random assignment', () => {
    const { membership, count, edges } = ring();
    const colours = clusterColors(membership, count, edges);
    // The closest pair of ring neighbours, with normal vision and with the worst deficiency.
    const closest = (cs: string[], d: (a: string, b: string) => number): number =>
      Math.min(...cs.map((c, i) => d(c, cs[(i + 1) % cs.length])));
    const normal = (a: string, b: string): number => delta(a, b, 'normal');
    const random = seededRandom(5);
    const shuffles = Array.from({ length: 200 }, () => randomColours(count, random));
    const randomNormal = shuffles.map((cs) => closest(cs, normal));
    const randomCvd = shuffles.map((cs) => closest(cs, deltaCvd));
    expect(closest(colours, normal)).toBeGreaterThan(quantile(randomNormal, 0.99));
    expect(closest(colours, deltaCvd)).toBeGreaterThan(quantile(randomCvd, 0.99));
  });

  it('gives two clusters joined by a heavy link two of the farthest colours', () => {
    const sizes = Array.from({ length: 50 }, () => 20);
    const { membership, count, edges } = clusterGraph(sizes, [[17, 33, 40]]);
    const colours = clusterColors(membership, count, edges);
    const used = CLUSTER_COLORS.slice(0, 50);
    const all = used.flatMap((a, i) =>
      used.slice(i + 1).map((b) => Math.min(delta(a, b, 'normal'), 2 * deltaCvd(a, b))),
    );
    const pair = Math.min(delta(colours[17], colours[33], 'normal'), 2 * deltaCvd(colours[17], colours[33]));
    expect(pair).toBeGreaterThanOrEqual(quantile(all, 0.95));
  });

  it('gives the largest clusters colours farther apart than a random assignment', () => {
    // No links at all: only the sizes decide.
    const sizes = Array.from({ length: 40 }, (_, c) => Math.round(2000 / (c + 1)));
    const { membership, count, edges } = clusterGraph(sizes, []);
    const colours = clusterColors(membership, count, edges);
    const spread = (cs: string[]): number => {
      let least = Number.POSITIVE_INFINITY;
      for (let a = 0; a < 6; a++) {
        for (let b = a + 1; b < 6; b++)
          least = Math.min(least, delta(cs[a], cs[b], 'normal'), deltaCvd(cs[a], cs[b]));
      }
      return least;
    };
    const random = seededRandom(9);
    const randomSpread = Array.from({ length: 200 }, () => spread(randomColours(count, random)));
    expect(spread(colours)).toBeGreaterThan(quantile(randomSpread, 0.9));
  });

  it('past the palette, reuses colours only between clusters that are not linked', () => {
    const count = 100;
    const sizes = Array.from({ length: count }, (_, c) => 100 - c);
    const links: [number, number, number][] = [];
    for (let c = 0; c + 1 < count; c++) links.push([c, c + 1, 5]);
    for (let c = 0; c + 7 < count; c += 3) links.push([c, c + 7, 1]);
    const { membership, edges } = clusterGraph(sizes, links);
    const colours = clusterColors(membership, count, edges);
    expect(colours).toHaveLength(count);
    expect(new Set(colours).size).toBe(CLUSTER_COLORS.length);
    for (const [a, b] of links) expect(colours[a], `clusters ${a} and ${b}`).not.toBe(colours[b]);
  });

  it('handles many single-paper clusters without edges (a graph with no similarities)', () => {
    const count = 2000;
    const colours = clusterColors(
      Int32Array.from({ length: count }, (_, i) => i),
      count,
      { source: [], target: [], weight: [] },
    );
    expect(colours).toHaveLength(count);
    expect(new Set(colours.slice(0, CLUSTER_COLORS.length)).size).toBe(CLUSTER_COLORS.length);
  });
});

describe('colours of a real graph', async () => {
  // The app's default data: 104 papers from a Hugging Face daily-papers page (see DESIGN.md).
  const source = 'data/hf-papers-mar20.txt';
  const bytes = new Uint8Array(readFileSync(new URL(`../../${source}`, import.meta.url)));
  const { papers, skipped } = await parseFiles([{ name: source, bytes }]);
  const { graph } = await buildGraph({ papers, skipped, source });

  it('gives every cluster of the pipeline a different palette colour', () => {
    const colours = graph.attributes.clusters.map((c) => c.color);
    expect(colours.length).toBeGreaterThan(1);
    expect(new Set(colours).size).toBe(colours.length);
    for (const colour of colours) expect(CLUSTER_COLORS).toContain(colour);
  });

  it("gives the same colours when the browser re-clusters at the graph's own settings", () => {
    const data = appData(graph);
    const again = recluster(data, graph.attributes.params.resolution, graph.attributes.params.seed);
    expect(again.clusters.map((c) => c.color)).toEqual(graph.attributes.clusters.map((c) => c.color));
  });
});
