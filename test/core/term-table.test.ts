import { describe, expect, it } from 'vitest';
import { packedCount, unpackString, unpackStrings } from '../../src/core/packed-strings';
import { type FlatSurfaces, TermTable } from '../../src/core/term-table';

/** The table's terms as strings, as a shard sends them. */
function termsOf(table: TermTable): string[] {
  return unpackStrings(table.packTerms());
}

/** A small deterministic generator (mulberry32) for the model checks. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * The reference: what the table should hold, with plain Maps keyed by strings. Terms are numbered
 * by first appearance (a unigram when a form of it is first interned, a bigram when its pair of
 * terms is first counted); each term's surfaces are listed in order of first appearance.
 */
class ModelTable {
  readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly formIds = new Map<string, number>();
  readonly formSurface: string[] = [];
  readonly formTerm: number[] = [];
  readonly formCount: number[] = [];
  private readonly bigramIds = new Map<string, number>();
  private readonly surfaceIds = new Map<string, number>();
  private readonly surfaceString: string[] = [];
  private readonly surfaceTerm: number[] = [];
  private readonly surfaceCount: number[] = [];

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }

  form(surface: string, term: string): number {
    const termId = this.termId(term);
    const key = `${termId}\u0000${surface}`;
    let id = this.formIds.get(key);
    if (id === undefined) {
      id = this.formSurface.length;
      this.formIds.set(key, id);
      this.formSurface.push(surface);
      this.formTerm.push(termId);
      this.formCount.push(0);
    }
    return id;
  }

  count(form: number, weight: number): void {
    this.formCount[form] += weight;
  }

  bigram(formA: number, gap: string, formB: number, weight: number): number {
    const first = this.formTerm[formA];
    const second = this.formTerm[formB];
    const pairKey = `${first},${second}`;
    let id = this.bigramIds.get(pairKey);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(`${this.terms[first]} ${this.terms[second]}`);
      this.bigramIds.set(pairKey, id);
    }
    const surfaceKey = `${formA}\u0000${gap}\u0000${formB}`;
    let s = this.surfaceIds.get(surfaceKey);
    if (s === undefined) {
      s = this.surfaceString.length;
      this.surfaceIds.set(surfaceKey, s);
      this.surfaceString.push(`${this.formSurface[formA]}${gap}${this.formSurface[formB]}`);
      this.surfaceTerm.push(id);
      this.surfaceCount.push(0);
    }
    this.surfaceCount[s] += weight;
    return id;
  }

  /** Each term's surfaces with their counts, by term id. */
  surfacesByTerm(): [string, number][][] {
    const out: [string, number][][] = this.terms.map(() => []);
    this.formSurface.forEach((surface, f) => {
      out[this.formTerm[f]].push([surface, this.formCount[f]]);
    });
    this.surfaceString.forEach((surface, s) => {
      out[this.surfaceTerm[s]].push([surface, this.surfaceCount[s]]);
    });
    return out;
  }
}

/** The flattened surfaces, regrouped by term. */
function byTerm(flat: FlatSurfaces, terms: number): [string, number][][] {
  const out: [string, number][][] = [];
  for (let t = 0; t < terms; t++) {
    const list: [string, number][] = [];
    for (let p = flat.surfacePtr[t]; p < flat.surfacePtr[t + 1]; p++)
      list.push([unpackString(flat.surfaces, p), flat.surfaceCounts[p]]);
    out.push(list);
  }
  return out;
}

describe('TermTable forms and terms', () => {
  it('numbers terms and forms by first appearance', () => {
    const table = new TermTable();
    const models = table.form('models', 'model');
    const agents = table.form('agents', 'agent');
    const Models = table.form('Models', 'model');
    const model = table.form('model', 'model');
    expect([models, agents, Models, model]).toEqual([0, 1, 2, 3]);
    expect(termsOf(table)).toEqual(['model', 'agent']);
    expect([models, agents, Models, model].map((f) => table.termOf(f))).toEqual([0, 1, 0, 0]);
  });

  it('gives the same (surface, term) pair the same form id', () => {
    const table = new TermTable();
    const a = table.form('models', 'model');
    table.form('agents', 'agent');
    expect(table.form('models', 'model')).toBe(a);
    expect(table.form('agents', 'agent')).toBe(1);
    expect(termsOf(table)).toEqual(['model', 'agent']);
  });

  it('keeps the same letters with another term as another form (a contraction part beside a word)', () => {
    const table = new TermTable();
    const sBe = table.form("'s", 'be');
    const sPossessive = table.form("'s", "'s");
    const sBeAgain = table.form("'s", 'be');
    expect(sBe).not.toBe(sPossessive);
    expect(sBeAgain).toBe(sBe);
    expect(table.form("'s", "'s")).toBe(sPossessive);
    expect(termsOf(table)).toEqual(['be', "'s"]);
    expect(table.termOf(sBe)).toBe(0);
    expect(table.termOf(sPossessive)).toBe(1);
    // A third term with the same letters gets a third form.
    const sThird = table.form("'s", 'us');
    expect(new Set([sBe, sPossessive, sThird]).size).toBe(3);
    expect(termsOf(table)[table.termOf(sThird)]).toBe('us');
  });

  it('keeps terms that are JS property names as ordinary terms', () => {
    const table = new TermTable();
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    const forms = names.map((n) => table.form(n, n));
    expect(forms).toEqual([0, 1, 2, 3]);
    expect(termsOf(table)).toEqual(names);
    for (const f of forms) table.count(f, 1);
    const flat = table.flattenSurfaces();
    expect(byTerm(flat, names.length)).toEqual(names.map((n) => [[n, 1]]));
  });
});

describe('TermTable counts', () => {
  it('sums the weights of each form and lists a term’s surfaces in order of first appearance', () => {
    const table = new TermTable();
    const models = table.form('models', 'model');
    const agent = table.form('agent', 'agent');
    const Models = table.form('Models', 'model');
    table.count(models, 1);
    table.count(Models, 2.5);
    table.count(models, 1);
    table.count(agent, 0.5);
    table.count(models, 3);
    const flat = table.flattenSurfaces();
    expect(Array.from(flat.surfacePtr)).toEqual([0, 2, 3]);
    expect(unpackStrings(flat.surfaces)).toEqual(['models', 'Models', 'agent']);
    expect(Array.from(flat.surfaceCounts)).toEqual([5, 2.5, 0.5]);
  });

  it('counts a form that was interned but never counted as 0', () => {
    const table = new TermTable();
    const a = table.form('a', 'a');
    table.form('b', 'b');
    table.count(a, 1);
    const flat = table.flattenSurfaces();
    expect(unpackStrings(flat.surfaces)).toEqual(['a', 'b']);
    expect(Array.from(flat.surfaceCounts)).toEqual([1, 0]);
  });

  it('counts forms far past the initial arrays', () => {
    const table = new TermTable();
    const n = 5000;
    const forms: number[] = [];
    for (let i = 0; i < n; i++) forms.push(table.form(`w${i}`, `t${i % 1000}`));
    // Counted in reverse order, so the last form is counted first.
    for (let i = n - 1; i >= 0; i--) table.count(forms[i], i + 1);
    const flat = table.flattenSurfaces();
    expect(flat.surfacePtr.length).toBe(1001);
    for (let t = 0; t < 1000; t++) {
      const got: [string, number][] = [];
      for (let p = flat.surfacePtr[t]; p < flat.surfacePtr[t + 1]; p++)
        got.push([unpackString(flat.surfaces, p), flat.surfaceCounts[p]]);
      const expected: [string, number][] = [];
      for (let i = t; i < n; i += 1000) expected.push([`w${i}`, i + 1]);
      expect(got).toEqual(expected);
    }
  });

  it('counts a form interned past the initial arrays but never counted as 0, not NaN', () => {
    const table = new TermTable();
    const forms: number[] = [];
    for (let i = 0; i < 3000; i++) forms.push(table.form(`w${i}`, `w${i}`));
    table.count(forms[0], 1);
    const flat = table.flattenSurfaces();
    expect(packedCount(flat.surfaces)).toBe(3000);
    const bad = Array.from(flat.surfaceCounts).flatMap((c, i) => (c === (i === 0 ? 1 : 0) ? [] : [[i, c]]));
    // The counts array grows only when a form is counted: reads past it give undefined (NaN).
    expect({ wrong: bad.length, first: bad.slice(0, 3) }).toEqual({ wrong: 0, first: [] });
  });
});

describe('TermTable bigrams', () => {
  it('names a new bigram term by its words’ terms and numbers it after the terms so far', () => {
    const table = new TermTable();
    const large = table.form('Large', 'large');
    const models = table.form('models', 'model');
    const id = table.bigram(large, ' ', models, 1);
    expect(id).toBe(2);
    expect(termsOf(table)).toEqual(['large', 'model', 'large model']);
    // A form interned later gets the next id, after the bigram.
    expect(table.termOf(table.form('agents', 'agent'))).toBe(3);
  });

  it('gives every surface of the same pair of terms the same bigram term', () => {
    const table = new TermTable();
    const chain = table.form('chain', 'chain');
    const Chain = table.form('Chain', 'chain');
    const thought = table.form('thought', 'thought');
    const t1 = table.bigram(chain, ' ', thought, 1);
    const t2 = table.bigram(Chain, ' ', thought, 1);
    const t3 = table.bigram(chain, '-of-', thought, 1);
    const t4 = table.bigram(chain, '‐', thought, 1);
    const t5 = table.bigram(chain, ' of ', thought, 1);
    expect(new Set([t1, t2, t3, t4, t5])).toEqual(new Set([t1]));
    expect(termsOf(table)[t1]).toBe('chain thought');
    expect(table.termCount).toBe(3);
  });

  it('keeps (a, b) and (b, a) apart', () => {
    const table = new TermTable();
    const a = table.form('neural', 'neural');
    const b = table.form('network', 'network');
    const ab = table.bigram(a, ' ', b, 1);
    const ba = table.bigram(b, ' ', a, 1);
    expect(ab).not.toBe(ba);
    expect(termsOf(table)[ab]).toBe('neural network');
    expect(termsOf(table)[ba]).toBe('network neural');
  });

  it('builds each surface from the two forms and the gap, with counts summing weights', () => {
    const table = new TermTable();
    const chain = table.form('chain', 'chain');
    const Chain = table.form('Chain', 'chain');
    const thought = table.form('thought', 'thought');
    const bigram = table.bigram(chain, '-of-', thought, 1);
    table.bigram(chain, ' ', thought, 2);
    table.bigram(Chain, '-of-', thought, 0.5);
    table.bigram(chain, '-of-', thought, 1);
    table.bigram(chain, ' ', thought, 1);
    table.bigram(chain, '  ', thought, 1);
    const flat = table.flattenSurfaces();
    expect(Array.from(flat.surfacePtr)).toEqual([0, 2, 3, 7]);
    const start = flat.surfacePtr[bigram];
    expect(unpackStrings(flat.surfaces).slice(start)).toEqual([
      'chain-of-thought',
      'chain thought',
      'Chain-of-thought',
      'chain  thought',
    ]);
    expect(Array.from(flat.surfaceCounts.slice(start))).toEqual([2, 3, 0.5, 1]);
  });

  it('keeps surfaces of forms with the same letters but other terms under their own bigram', () => {
    const table = new TermTable();
    const it1 = table.form('it', 'it');
    const sBe = table.form("'s", 'be');
    const sOwn = table.form("'s", "'s");
    const x = table.bigram(it1, '', sBe, 1);
    const y = table.bigram(it1, '', sOwn, 1);
    expect(x).not.toBe(y);
    expect(termsOf(table)[x]).toBe('it be');
    expect(termsOf(table)[y]).toBe("it 's");
    const groups = byTerm(table.flattenSurfaces(), table.termCount);
    expect(groups[x]).toEqual([["it's", 1]]);
    expect(groups[y]).toEqual([["it's", 1]]);
  });

  it('returns the bigram’s term id on every occurrence, also after others grew the tables', () => {
    const table = new TermTable();
    const forms = Array.from({ length: 200 }, (_, i) => table.form(`f${i}`, `t${i}`));
    const first = table.bigram(forms[0], ' ', forms[1], 1);
    for (let i = 0; i < 199; i++) for (let j = 0; j < 200; j += 7) table.bigram(forms[i], ' ', forms[j], 1);
    expect(table.bigram(forms[0], ' ', forms[1], 1)).toBe(first);
    expect(termsOf(table)[first]).toBe('t0 t1');
  });
});

describe('TermTable against a model', () => {
  it('agrees on a random stream of forms, counts and bigrams', () => {
    const random = mulberry32(2024);
    const table = new TermTable();
    const model = new ModelTable();
    // A vocabulary of written forms, several per term, some letters shared between terms.
    const vocabulary: [string, string][] = [];
    for (let t = 0; t < 600; t++) {
      const term = `term${t}`;
      vocabulary.push([term, term], [`Term${t}`, term], [`TERM${t}s`, term]);
      if (t % 50 === 0) vocabulary.push([`shared${t % 3}`, term]);
    }
    const gaps = [' ', ' ', ' ', ' ', '-', ' of ', '‐', '  ', '/', ' the '];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    let previous: [number, number] | null = null;
    for (let step = 0; step < 60_000; step++) {
      const [surface, term] = pick(vocabulary);
      const form = table.form(surface, term);
      const modelForm = model.form(surface, term);
      if (form !== modelForm || table.termOf(form) !== model.formTerm[modelForm])
        expect({ step, form, term: table.termOf(form) }).toEqual({
          step,
          form: modelForm,
          term: model.formTerm[modelForm],
        });
      const weight = pick([1, 1, 1, 2, 0.5]);
      table.count(form, weight);
      model.count(modelForm, weight);
      if (previous !== null && random() < 0.7) {
        const gap = pick(gaps);
        const got = table.bigram(previous[0], gap, form, weight);
        const want = model.bigram(previous[1], gap, modelForm, weight);
        if (got !== want) expect({ step, got }).toEqual({ step, got: want });
      }
      previous = random() < 0.1 ? null : [form, modelForm];
    }
    expect(termsOf(table)).toEqual(model.terms);
    const flat = table.flattenSurfaces();
    expect(flat.surfacePtr.length).toBe(model.terms.length + 1);
    expect(flat.surfacePtr[0]).toBe(0);
    expect(packedCount(flat.surfaces)).toBe(flat.surfacePtr[model.terms.length]);
    expect(flat.surfaceCounts.length).toBe(packedCount(flat.surfaces));
    expect(byTerm(flat, model.terms.length)).toEqual(model.surfacesByTerm());
  });
});
