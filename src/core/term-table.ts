/**
 * A shard's growing vocabulary: terms numbered by first appearance, with how often each was written
 * in each surface form. Kept allocation-light for the hot loop of the text stage: a unigram's
 * written form is interned once with its term, so counting an occurrence is adding to an array;
 * a bigram is found by the pair of its words' forms and the text between them ("-", " of "),
 * which also names its surface. No bigram or bigram surface is ever built as a string: they are
 * packed straight from their parts' UTF-8 (`packJoined`), as the shard sends them.
 */
import { IntPairMap } from './int-pair-map';
import { type PackedStrings, packJoined, packStrings } from './packed-strings';

export interface FlatSurfaces {
  surfacePtr: Int32Array;
  surfaces: PackedStrings;
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
  /** The unigram terms' strings; a term is one of them, or a pair of them (a bigram), never built as a string here. */
  private readonly unigrams: string[] = [];
  /** Each term's unigram (its first word's, for a bigram) and its second word's (-1 for a unigram), as indices of `unigrams`. */
  private readonly termFirst: number[] = [];
  private readonly termSecond: number[] = [];
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
      id = this.termFirst.length;
      this.termFirst.push(this.unigrams.length);
      this.termSecond.push(-1);
      this.unigrams.push(term);
      this.unigramIds.set(term, id);
    }
    return id;
  }

  /** How many terms so far. */
  get termCount(): number {
    return this.termFirst.length;
  }

  /** Every term's string, in id order, with their hashes (a bigram is its words' terms with a space between). */
  packTerms(): PackedStrings {
    const space = this.unigrams.length;
    const source = packStrings([...this.unigrams, ' '], false);
    const first = Int32Array.from(this.termFirst);
    const second = Int32Array.from(this.termSecond);
    const joint = second.map((word) => (word < 0 ? -1 : space));
    return packJoined(source, first, joint, second, true);
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
        id = this.termFirst.length;
        this.termFirst.push(this.termFirst[first]);
        this.termSecond.push(this.termFirst[second]);
        this.bigramOfPair.push(id);
      }
      this.surfaceTerm.push(id);
    }
    this.surfaceCounts = grownTo(this.surfaceCounts, surface);
    this.surfaceCounts[surface] += weight;
    return id;
  }

  /** Each term's surfaces in order of first appearance, with their counts. */
  flattenSurfaces(): FlatSurfaces {
    const n = this.termCount;
    const forms = this.formStrings.length;
    const bigramSurfaces = this.surfaceTerm.length;
    const surfacePtr = new Int32Array(n + 1);
    for (let f = 0; f < forms; f++) surfacePtr[this.formTerm[f] + 1]++;
    for (let s = 0; s < bigramSurfaces; s++) surfacePtr[this.surfaceTerm[s] + 1]++;
    for (let t = 0; t < n; t++) surfacePtr[t + 1] += surfacePtr[t];
    // A term is a unigram or a bigram, so its surfaces come from one list, in id order. A unigram's
    // surface is its form; a bigram's, its two forms with the gap between (a gap is string
    // `forms + gap id` of the source).
    const next = surfacePtr.slice(0, n);
    const total = forms + bigramSurfaces;
    const first = new Int32Array(total);
    const joint = new Int32Array(total).fill(-1);
    const second = new Int32Array(total).fill(-1);
    const surfaceCounts = new Float64Array(total);
    for (let f = 0; f < forms; f++) {
      const at = next[this.formTerm[f]]++;
      first[at] = f;
      surfaceCounts[at] = f < this.formCounts.length ? this.formCounts[f] : 0;
    }
    for (let s = 0; s < bigramSurfaces; s++) {
      const at = next[this.surfaceTerm[s]]++;
      const pair = this.surfaceIds.firstOf(s);
      first[at] = this.formPairs.firstOf(pair);
      joint[at] = forms + this.surfaceIds.secondOf(s);
      second[at] = this.formPairs.secondOf(pair);
      surfaceCounts[at] = this.surfaceCounts[s];
    }
    const source = packStrings([...this.formStrings, ...this.gapStrings], false);
    return { surfacePtr, surfaces: packJoined(source, first, joint, second, false), surfaceCounts };
  }
}
