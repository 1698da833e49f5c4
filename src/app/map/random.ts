/**
 * A seeded linear congruential generator, the one d3-force uses for its own default
 * (d3-force `src/lcg.js`; parameters from Numerical Recipes: a = 1664525, c = 1013904223, m = 2³²).
 * Given to `simulation.randomSource` so the jiggle of coincident nodes, and so the layout, is the
 * same on every run.
 */
export function lcg(seed = 1): () => number {
  let state = seed >>> 0;
  return () => {
    // a·s < 2⁵³, so the product is exact in a double before the modulo.
    state = (1664525 * state + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}
