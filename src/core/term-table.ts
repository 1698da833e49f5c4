/**
 * A shard's growing vocabulary: terms numbered by first appearance, with how often each was written
 * in each surface form. Kept allocation-light for the hot loop of the text stage: unigrams are found
 * by their string, bigrams by the integer pair of their words' ids, and surface forms are counted
 * under integer keys built from interned unigram forms and the text between them ("-", " of ").
 * Only the first occurrence of a term builds its string.
 */

/** Interned unigram forms and gaps fit these widths; rarer overflow goes uncounted (see `surfaceKey`). */
const FORM_BITS = 2 ** 21;
const GAP_LIMIT = 2 ** 11;

export interface FlatSurfaces {
  surfacePtr: Int32Array;
  surfaces: string[];
  surfaceCounts: Float64Array;
}

export class TermTable {
  readonly terms: string[] = [];
  private readonly unigramIds = new Map<string, number>();
  /** Bigram ids by first word, then second word: small-integer keys throughout. */
  private readonly bigramIds = new Map<number, Map<number, number>>();
  private readonly forms = new Map<string, number>();
  private readonly formStrings: string[] = [];
  private readonly gaps = new Map<string, number>([[' ', 0]]);
  private readonly gapStrings: string[] = [' '];
  /** Per term: whether it is a bigram, whose surface keys pack two forms and a gap. */
  private readonly isBigram: boolean[] = [];
  /** The first surface key seen for each term and its count; other keys in `variants`. */
  private readonly firstKey: number[] = [];
  private readonly firstCount: number[] = [];
  private readonly variants = new Map<number, Map<number, number>>();

  /** Interns a unigram's written form. */
  form(surface: string): number {
    let id = this.forms.get(surface);
    if (id === undefined) {
      id = this.formStrings.length;
      this.forms.set(surface, id);
      this.formStrings.push(surface);
    }
    return id;
  }

  private count(id: number, key: number, weight: number): void {
    if (key < 0) return;
    if (this.firstKey[id] === key) {
      this.firstCount[id] += weight;
      return;
    }
    let forms = this.variants.get(id);
    if (forms === undefined) {
      forms = new Map();
      this.variants.set(id, forms);
    }
    forms.set(key, (forms.get(key) ?? 0) + weight);
  }

  private add(term: string, bigram: boolean, key: number, weight: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.isBigram.push(bigram);
    this.firstKey.push(key);
    this.firstCount.push(key < 0 ? 0 : weight);
    return id;
  }

  unigram(term: string, form: number, weight: number): number {
    const id = this.unigramIds.get(term);
    if (id !== undefined) {
      this.count(id, form, weight);
      return id;
    }
    const added = this.add(term, false, form, weight);
    this.unigramIds.set(term, added);
    return added;
  }

  /** A surface key for a bigram: both forms and the gap between them, or -1 past the widths. */
  private surfaceKey(formA: number, gap: string, formB: number): number {
    let gapId = this.gaps.get(gap);
    if (gapId === undefined) {
      if (this.gapStrings.length >= GAP_LIMIT) return -1;
      gapId = this.gapStrings.length;
      this.gaps.set(gap, gapId);
      this.gapStrings.push(gap);
    }
    if (formA >= FORM_BITS || formB >= FORM_BITS) return -1;
    return (gapId * FORM_BITS + formA) * FORM_BITS + formB;
  }

  bigram(first: number, second: number, formA: number, gap: string, formB: number, weight: number): number {
    const key = this.surfaceKey(formA, gap, formB);
    let seconds = this.bigramIds.get(first);
    if (seconds === undefined) {
      seconds = new Map();
      this.bigramIds.set(first, seconds);
    }
    const id = seconds.get(second);
    if (id !== undefined) {
      this.count(id, key, weight);
      return id;
    }
    const added = this.add(`${this.terms[first]} ${this.terms[second]}`, true, key, weight);
    seconds.set(second, added);
    return added;
  }

  private surfaceOf(id: number, key: number): string {
    if (!this.isBigram[id]) return this.formStrings[key];
    const formB = key % FORM_BITS;
    const rest = (key - formB) / FORM_BITS;
    const formA = rest % FORM_BITS;
    const gapId = (rest - formA) / FORM_BITS;
    return `${this.formStrings[formA]}${this.gapStrings[gapId]}${this.formStrings[formB]}`;
  }

  flattenSurfaces(): FlatSurfaces {
    const n = this.terms.length;
    const surfacePtr = new Int32Array(n + 1);
    const surfaces: string[] = [];
    const counts: number[] = [];
    for (let t = 0; t < n; t++) {
      if (this.firstKey[t] >= 0) {
        surfaces.push(this.surfaceOf(t, this.firstKey[t]));
        counts.push(this.firstCount[t]);
      }
      const forms = this.variants.get(t);
      if (forms !== undefined) {
        for (const [key, count] of forms) {
          surfaces.push(this.surfaceOf(t, key));
          counts.push(count);
        }
      }
      surfacePtr[t + 1] = surfaces.length;
    }
    return { surfacePtr, surfaces, surfaceCounts: Float64Array.from(counts) };
  }
}
