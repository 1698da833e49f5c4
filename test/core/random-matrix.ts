/** Seeded random sparse matrices for the similarity and graph tests. */
import { seededRandom } from '../../src/core/random';
import type { CsrMatrix } from '../../src/core/sparse';

/**
 * A random sparse matrix with L2-normalised rows, as TF-IDF gives. `binary` makes every stored value
 * of a row equal, so many pairs tie on score and the index tie-break is exercised. About one row in
 * eight is left empty on purpose.
 */
export function randomMatrix(
  seed: number,
  rows: number,
  cols: number,
  density: number,
  binary = false,
): CsrMatrix {
  const rand = seededRandom(seed);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const start = colIdx.length;
    if (rand() >= 0.125) {
      for (let c = 0; c < cols; c++) {
        if (rand() < density) {
          colIdx.push(c);
          values.push(binary ? 1 : 0.05 + rand());
        }
      }
    }
    let sq = 0;
    for (let p = start; p < values.length; p++) sq += values[p] ** 2;
    for (let p = start; p < values.length; p++) values[p] /= Math.sqrt(sq);
    rowPtr[r + 1] = colIdx.length;
  }
  return { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}
