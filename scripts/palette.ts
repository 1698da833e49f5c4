/**
 * `npx tsx scripts/palette.ts [--write] [--count N] [--contrast R] [--kappa K] [--compression k]
 * [--tolApart d | --no-tol]`: makes the cluster palette and prints its figures; `--write` stores it
 * in the generated block of src/core/palette.ts (then run `npx biome check --write` on that file).
 * About 5 s; the same options give the same palette, which test/core/palette.test.ts checks.
 *
 * Colour science, all standard and all here so that the tests can check the stored palette with it:
 * - OKLab: Björn Ottosson, "A perceptual color space for image processing" (2020,
 *   https://bottosson.github.io/posts/oklab/), from linear sRGB through his M1 and M2 matrices.
 * - Colour-vision deficiency: Machado, Oliveira & Fernandes, "A Physiologically-based Model for
 *   Simulation of Color Vision Deficiency", IEEE TVCG 15(6), 2009, doi:10.1109/TVCG.2009.113: the
 *   severity 1.0 matrices (protanopia, deuteranopia, tritanopia) applied to linear sRGB, clipped to
 *   [0, 1].
 * - Contrast: the WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05) of relative luminances.
 *
 * Method. Candidates: every sRGB colour on a grid of step 3 per channel (86³) whose contrast against
 * each of the map's four backgrounds (light and dark, the app's and the renderer's fallbacks) is at
 * least 3:1 (WCAG 2.1 SC 1.4.11, graphical objects), which leaves OKLab L ≈ 0.50–0.70, and whose
 * OKLab chroma is at least MIN_CHROMA (a grey dot reads as an edge, or as "no cluster"). Distance:
 *   D(x, y) = min(d_normal, κ·d_deutan, κ·d_protan, κ·d_tritan)
 * with d_v the distance, as seen with vision v, in OKLab with its chroma compressed (compressChroma).
 * κ = 2 because a deficiency takes away one dimension, and asking the same distance of it as of
 * normal vision would cost normal vision most of its spread. Selection: the map's grey edge colours
 * count as taken (so the palette keeps away from them) but are not output; then Paul Tol's
 * colour-blind-safe "bright" and "vibrant" colours that pass the contrast test, each only if at
 * least tolApart from all taken before; then greedy farthest-point selection (Gonzalez 1985): each
 * next colour is the candidate whose nearest taken colour is farthest, ties to the lower index.
 * Every prefix of the result is itself a well-spread set, which is what a map with that many
 * clusters uses.
 *
 * Figures (min OKLab distance ×100 of the first n; normal / deutan / protan / tritan; one JND ≈ 2):
 *   first 12: 12.3 / 5.0 / 4.8 / 5.9    first 24: 7.0 / 3.6 / 3.2 / 3.6
 *   first 50:  4.6 / 2.4 / 2.3 / 2.8    first 60: 4.2 / 2.1 / 2.1 / 2.4
 *   Tol's muted + light (the palette before this one), 12 colours: 8.1 / 5.2 / 5.6 / 5.2, but with
 *   contrast down to 1.46:1 on the dark background (#332288) and 1.62:1 on white (#ddcc77).
 * Alternatives measured: plain OKLab (no compression) fills the palette with neon violets and
 * gives CIEDE2000 minima of 6.4 for the first 12 against 11.7 with compression; 2:1 contrast would
 * raise the minima for 50 colours by about a third (CVD 2.4 → 3.6), but a 2 px dot at 2:1 is faint.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Rgb = readonly [number, number, number];
export type Vision = 'normal' | 'deutan' | 'protan' | 'tritan';
export const VISIONS: readonly Vision[] = ['normal', 'deutan', 'protan', 'tritan'];

/** Machado et al. 2009, severity 1.0, row-major 3×3 on linear sRGB. */
const MACHADO: Readonly<Record<Exclude<Vision, 'normal'>, readonly number[]>> = {
  protan: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deutan: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritan: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** The map's backgrounds: `--map-bg` of src/app/style.css and the fallbacks of src/app/map/theme.ts. */
export const BACKGROUNDS = {
  light: ['#fbfbfa', '#ffffff'],
  dark: ['#131519', '#16181c'],
} as const;

/** The map's edge colours (both schemes) and the app's fallback node colour: greys to keep away from. */
const GREYS = ['#8a8f98', '#7d8590', '#7b828d', '#999999'];

/** Paul Tol's colour-blind-safe qualitative schemes (https://personal.sron.nl/~pault/), greys left out. */
export const TOL_BRIGHT = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377'];
export const TOL_VIBRANT = ['#ee7733', '#0077bb', '#33bbee', '#ee3377', '#cc3311', '#009988'];
/** The twelve colours papermap used before this palette: Tol's "muted" and three of his "light". */
export const TOL_MUTED_LIGHT = [
  '#cc6677',
  '#332288',
  '#ddcc77',
  '#117733',
  '#88ccee',
  '#882255',
  '#44aa99',
  '#999933',
  '#aa4499',
  '#ee8866',
  '#77aadd',
  '#bbcc33',
];

const MIN_CHROMA = 0.06;
const GRID_STEP = 3;

export function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function toLinear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function linearRgb(rgb: Rgb): Rgb {
  return [toLinear(rgb[0]), toLinear(rgb[1]), toLinear(rgb[2])];
}

/** Linear sRGB as seen with `vision` (Machado et al. 2009), clipped to the displayable range. */
export function simulate(linear: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return linear;
  const m = MACHADO[vision];
  const clip = (v: number): number => Math.min(1, Math.max(0, v));
  const [r, g, b] = linear;
  return [
    clip(m[0] * r + m[1] * g + m[2] * b),
    clip(m[3] * r + m[4] * g + m[5] * b),
    clip(m[6] * r + m[7] * g + m[8] * b),
  ];
}

/** Ottosson's OKLab of a linear sRGB colour. */
export function oklab(linear: Rgb): Rgb {
  const [r, g, b] = linear;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** OKLab of `hex` as seen with `vision`. */
export function oklabSeen(hex: string, vision: Vision): Rgb {
  return oklab(simulate(linearRgb(hexToRgb(hex)), vision));
}

export function distance(p: Rgb, q: Rgb): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

export function luminance(hex: string): number {
  const [r, g, b] = linearRgb(hexToRgb(hex));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(hexA: string, hexB: string): number {
  const a = luminance(hexA);
  const b = luminance(hexB);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The lowest contrast of `hex` against any of the map's backgrounds. */
export function worstContrast(hex: string): number {
  return Math.min(...[...BACKGROUNDS.light, ...BACKGROUNDS.dark].map((bg) => contrastRatio(hex, bg)));
}

/** The smallest OKLab distance between two of `hexes` as seen with `vision`, and that pair. */
export function minDistance(
  hexes: readonly string[],
  vision: Vision,
): { distance: number; pair: [string, string] } {
  const points = hexes.map((hex) => oklabSeen(hex, vision));
  let best = { distance: Number.POSITIVE_INFINITY, pair: ['', ''] as [string, string] };
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const d = distance(points[i], points[j]);
      if (d < best.distance) best = { distance: d, pair: [hexes[i], hexes[j]] };
    }
  }
  return best;
}

export interface PaletteOptions {
  count: number;
  /** Minimum WCAG contrast against every map background. */
  contrast: number;
  /** κ: weight of the simulated-deficiency distances against the normal one (see the file comment). */
  kappa: number;
  /** k of the chroma compression C' = ln(1 + k·C) / k (0: plain OKLab). */
  compression: number;
  /** A Tol colour is taken only this far (in D) from those taken before it (Infinity: no Tol colours). */
  tolApart: number;
}

export const PALETTE_DEFAULTS: Readonly<PaletteOptions> = Object.freeze({
  count: 64,
  contrast: 3,
  kappa: 2,
  compression: 4,
  tolApart: 0.08,
});

/**
 * OKLab with its chroma compressed as CAM02-UCS compresses colourfulness (M' = ln(1 + c₂·M) / c₂;
 * Luo, Cui & Li, "Uniform colour spaces based on CIECAM02", Color Res. Appl. 31(4), 2006): plain
 * OKLab distance overstates differences between highly saturated colours, and a farthest-point
 * search in it fills the palette with neon violets and magentas, where the sRGB gamut reaches
 * farthest at the lightness this palette may use.
 */
export function compressChroma(lab: Rgb, k: number): Rgb {
  const c = Math.hypot(lab[1], lab[2]);
  if (k === 0 || c === 0) return lab;
  const f = Math.log(1 + k * c) / k / c;
  return [lab[0], lab[1] * f, lab[2] * f];
}

/** A colour's coordinates in the distance space: four triples, seen with each of VISIONS. */
export function spaceCoordinates(hex: string, compression: number): number[] {
  return VISIONS.flatMap((vision) => [...compressChroma(oklabSeen(hex, vision), compression)]);
}

/** D(x, y) of the file comment between the coordinates at `i` in `coords` and those of `q`. */
function combined(coords: ArrayLike<number>, i: number, q: ArrayLike<number>, kappa: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let v = 0; v < 4; v++) {
    const o = i * 12 + v * 3;
    const da = coords[o] - q[v * 3];
    const db = coords[o + 1] - q[v * 3 + 1];
    const dc = coords[o + 2] - q[v * 3 + 2];
    const d = Math.sqrt(da * da + db * db + dc * dc) * (v === 0 ? 1 : kappa);
    if (d < best) best = d;
  }
  return best;
}

function eligible(hex: string, contrast: number): boolean {
  if (worstContrast(hex) < contrast) return false;
  const [, a, b] = oklabSeen(hex, 'normal');
  return Math.hypot(a, b) >= MIN_CHROMA;
}

interface Candidates {
  hexes: string[];
  /** spaceCoordinates of each candidate, 12 numbers each. */
  coords: Float64Array;
}

function candidates(options: PaletteOptions): Candidates {
  const hexes: string[] = [];
  const coords: number[] = [];
  for (let r = 0; r <= 255; r += GRID_STEP) {
    for (let g = 0; g <= 255; g += GRID_STEP) {
      for (let b = 0; b <= 255; b += GRID_STEP) {
        const hex = rgbToHex([r, g, b]);
        if (!eligible(hex, options.contrast)) continue;
        hexes.push(hex);
        for (const v of spaceCoordinates(hex, options.compression)) coords.push(v);
      }
    }
  }
  return { hexes, coords: Float64Array.from(coords) };
}

export function generatePalette(options: PaletteOptions = PALETTE_DEFAULTS): string[] {
  const pool = candidates(options);
  const n = pool.hexes.length;
  // Per candidate, D to the nearest colour taken so far.
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const taken: number[][] = [];
  const chosen: string[] = [];
  const take = (hex: string, output: boolean): void => {
    const q = spaceCoordinates(hex, options.compression);
    for (let i = 0; i < n; i++) {
      const d = combined(pool.coords, i, q, options.kappa);
      if (d < nearest[i]) nearest[i] = d;
    }
    taken.push(q);
    if (output) chosen.push(hex);
  };
  for (const grey of GREYS) take(grey, false);
  for (const hex of [...TOL_BRIGHT, ...TOL_VIBRANT]) {
    if (chosen.length >= options.count || !eligible(hex, options.contrast)) continue;
    const q = spaceCoordinates(hex, options.compression);
    if (taken.every((t) => combined(t, 0, q, options.kappa) >= options.tolApart)) take(hex, true);
  }
  while (chosen.length < options.count) {
    let best = 0;
    for (let i = 1; i < n; i++) if (nearest[i] > nearest[best]) best = i;
    take(pool.hexes[best], true);
  }
  return chosen;
}

/** The min OKLab distance of each prefix under each vision, as a table for the console. */
export function figures(
  hexes: readonly string[],
  prefixes: readonly number[],
): Record<string, Record<Vision, number>> {
  const table: Record<string, Record<Vision, number>> = {};
  for (const size of prefixes) {
    if (size > hexes.length) continue;
    const row = {} as Record<Vision, number>;
    for (const vision of VISIONS)
      row[vision] = Number((100 * minDistance(hexes.slice(0, size), vision).distance).toFixed(1));
    table[`first ${size}`] = row;
  }
  return table;
}

const PALETTE_FILE = fileURLToPath(new URL('../src/core/palette.ts', import.meta.url));
const BEGIN = '// BEGIN GENERATED by scripts/palette.ts';
const END = '// END GENERATED';

/** The literal block of src/core/palette.ts: the hex values and their coordinates ×10⁴. */
function literalBlock(hexes: readonly string[], options: PaletteOptions): string {
  const coords = hexes.map(
    (hex) =>
      `  [${spaceCoordinates(hex, options.compression)
        .map((v) => Math.round(v * 10_000))
        .join(', ')}], // ${hex}`,
  );
  return [
    BEGIN,
    '/** The options the palette was made with (see PaletteOptions in scripts/palette.ts). */',
    `export const PALETTE_GENERATOR = { ${Object.entries(options)
      .map(([name, v]) => `${name}: ${v}`)
      .join(', ')} } as const;`,
    '',
    'export const CLUSTER_COLORS: readonly string[] = [',
    ...hexes.map((hex) => `  '${hex}',`),
    '];',
    '',
    '/**',
    " * Per colour, its coordinates ×10⁴ in the generator's space (OKLab, chroma compressed) seen with",
    ' * normal vision, deuteranopia, protanopia and tritanopia: L, a, b each.',
    ' */',
    'export const PALETTE_COORDINATES: readonly (readonly number[])[] = [',
    ...coords,
    '];',
    END,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const value = (flag: keyof PaletteOptions): number => {
    const at = argv.indexOf(`--${flag}`);
    return at >= 0 ? Number(argv[at + 1]) : PALETTE_DEFAULTS[flag];
  };
  const options: PaletteOptions = {
    count: value('count'),
    contrast: value('contrast'),
    kappa: value('kappa'),
    compression: value('compression'),
    tolApart: argv.includes('--no-tol') ? Number.POSITIVE_INFINITY : value('tolApart'),
  };
  const palette = generatePalette(options);
  console.log(palette.join(' '));
  console.log('min OKLab distance (×100) of the first n colours, by vision:');
  console.table(figures(palette, [12, 24, 48, 50, 60, 64]));
  console.log("Paul Tol's muted + light, the palette papermap used before:");
  console.table(figures(TOL_MUTED_LIGHT, [12]));
  if (argv.includes('--write')) {
    const text = readFileSync(PALETTE_FILE, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start < 0 || end < 0) throw new Error(`papermap palette: no generated block in ${PALETTE_FILE}`);
    writeFileSync(
      PALETTE_FILE,
      text.slice(0, start) + literalBlock(palette, options) + text.slice(end + END.length),
    );
    console.log(`wrote ${PALETTE_FILE}; format it with npx biome check --write src/core/palette.ts`);
  }
}
