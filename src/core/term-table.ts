/**
 * A shard's growing vocabulary: terms numbered by first appearance, with how often each was written
 * in each surface form. Kept allocation-light for the hot loop of the text stage: a unigram's
 * written form is interned once with its term, so counting an occurrence is adding to an array;
 * a bigram is found by the pair of its words' forms and the text between them ("-", " of "),
 * which also names its surface. Only the first occurrence of a term or a surface builds its string.
 */
import { IntPairMap } from './int-pair-map';

export interface FlatSurfaces {
  surfacePtr: Int32Array;
  surfaces: string[];
  surfaceCounts: Float64Array;
}

/** Doubles `array` until index `i` fits. */
function grownTo(array: Float64Array<ArrayBuffer>, i: number): Float64Array<ArrayBuffer> {
  if (i < array.length) return array;
  const next = new Float64Array(Math.max(i + 1, array.length * 2));
  next.set(array);
  return next;
}

export class TermTable {
  readonly terms: string[] = [];
  private readonly unigramIds = new Map<string, number>();
  /** Bigram terms by the pair of their words' term ids. */
  private readonly termPairs = new IntPairMap();
  private readonly bigramOfPair: number[] = [];
  /** Unigram forms: written form → id, its string, its term and its count. */
  private readonly forms = new Map<string, number>();
  /** Forms whose string was first met with another term (keyed "term id, space, form"); rare. */
  private readonly otherForms = new Map<string, number>();
  private readonly formStrings: string[] = [];
  private readonly formTerm: number[] = [];
  private formCounts = new Float64Array(1024);
  private readonly gaps = new Map<string, number>();
  private readonly gapStrings: string[] = [];
  /** Bigram surfaces: (pair of forms, gap) → surface id, with its term and count. */
  private readonly formPairs = new IntPairMap();
  private readonly surfaceIds = new IntPairMap();
  /** The surface id + 1 of each pair of forms with one space between them, the usual gap. */
  private spaced = new Int32Array(1024);
  private readonly surfaceTerm: number[] = [];
  private surfaceCounts = new Float64Array(1024);

  private unigramId(term: string): number {
    let id = this.unigramIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.unigramIds.set(term, id);
    }
    return id;
  }

  /** Interns a unigram's written form with its term; the same pair always gets the same id. */
  form(surface: string, term: string): number {
    const termId = this.unigramId(term);
    const id = this.forms.get(surface);
    if (id !== undefined && this.formTerm[id] === termId) return id;
    if (id === undefined) return this.addForm(surface, termId, this.forms, surface);
    // The same letters with another term (a contraction's part beside the word): its own form.
    const key = `${termId} ${surface}`;
    return this.otherForms.get(key) ?? this.addForm(surface, termId, this.otherForms, key);
  }

  private addForm(surface: string, termId: number, index: Map<string, number>, key: string): number {
    const id = this.formStrings.length;
    index.set(key, id);
    this.formStrings.push(surface);
    this.formTerm.push(termId);
    return id;
  }

  /** The term id of a form. */
  termOf(form: number): number {
    return this.formTerm[form];
  }

  /** Counts an occurrence of a unigram written as `form`. */
  count(form: number, weight: number): void {
    this.formCounts = grownTo(this.formCounts, form);
    this.formCounts[form] += weight;
  }

  private gapId(gap: string): number {
    let id = this.gaps.get(gap);
    if (id === undefined) {
      id = this.gapStrings.length;
      this.gaps.set(gap, id);
      this.gapStrings.push(gap);
    }
    return id;
  }

  /** Counts an occurrence of the bigram of two forms with `gap` between them; returns its term id. */
  private surfaceId(formA: number, gap: string, formB: number): number {
    const forms = this.formPairs.id(formA, formB);
    if (gap !== ' ') return this.surfaceIds.id(forms, this.gapId(gap));
    if (forms >= this.spaced.length) {
      const next = new Int32Array(Math.max(forms + 1, this.spaced.length * 2));
      next.set(this.spaced);
      this.spaced = next;
    }
    if (this.spaced[forms] === 0) this.spaced[forms] = this.surfaceIds.id(forms, this.gapId(gap)) + 1;
    return this.spaced[forms] - 1;
  }

  bigram(formA: number, gap: string, formB: number, weight: number): number {
    const known = this.surfaceIds.size;
    const surface = this.surfaceId(formA, gap, formB);
    let id: number;
    if (surface < known) id = this.surfaceTerm[surface];
    else {
      const first = this.formTerm[formA];
      const second = this.formTerm[formB];
      const pairs = this.termPairs.size;
      const pair = this.termPairs.id(first, second);
      if (pair < pairs) id = this.bigramOfPair[pair];
      else {
        id = this.terms.length;
        this.terms.push(`${this.terms[first]} ${this.terms[second]}`);
        this.bigramOfPair.push(id);
      }
      this.surfaceTerm.push(id);
    }
    this.surfaceCounts = grownTo(this.surfaceCounts, surface);
    this.surfaceCounts[surface] += weight;
    return id;
  }

  private bigramSurface(surface: number): string {
    const forms = this.surfaceIds.firstOf(surface);
    const gap = this.gapStrings[this.surfaceIds.secondOf(surface)];
    return `${this.formStrings[this.formPairs.firstOf(forms)]}${gap}${this.formStrings[this.formPairs.secondOf(forms)]}`;
  }

  /** Each term's surfaces in order of first appearance, with their counts. */
  flattenSurfaces(): FlatSurfaces {
    const n = this.terms.length;
    const forms = this.formStrings.length;
    const bigramSurfaces = this.surfaceTerm.length;
    const surfacePtr = new Int32Array(n + 1);
    for (let f = 0; f < forms; f++) surfacePtr[this.formTerm[f] + 1]++;
    for (let s = 0; s < bigramSurfaces; s++) surfacePtr[this.surfaceTerm[s] + 1]++;
    for (let t = 0; t < n; t++) surfacePtr[t + 1] += surfacePtr[t];
    // A term is a unigram or a bigram, so its surfaces come from one list, in id order.
    const next = surfacePtr.slice(0, n);
    const surfaces = new Array<string>(forms + bigramSurfaces);
    const surfaceCounts = new Float64Array(forms + bigramSurfaces);
    for (let f = 0; f < forms; f++) {
      const at = next[this.formTerm[f]]++;
      surfaces[at] = this.formStrings[f];
      surfaceCounts[at] = f < this.formCounts.length ? this.formCounts[f] : 0;
    }
    for (let s = 0; s < bigramSurfaces; s++) {
      const at = next[this.surfaceTerm[s]]++;
      surfaces[at] = this.bigramSurface(s);
      surfaceCounts[at] = this.surfaceCounts[s];
    }
    return { surfacePtr, surfaces, surfaceCounts };
  }
}
