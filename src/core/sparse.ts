/**
 * Sparse matrices in compressed sparse row (CSR) form, the data structure under TF-IDF and the
 * similarity search. Kept apart from the algorithms that use it (see STYLE.md).
 */

/** Rows are papers, columns terms; row `r` has columns `colIdx[rowPtr[r]..rowPtr[r+1])`, ascending. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/** The transpose in compressed sparse column form: an inverted index, term → papers, ascending. */
export interface CscIndex {
  colPtr: Int32Array;
  rowIdx: Int32Array;
  values: Float64Array;
}

/** Makes the arrays an index is built in: plain ones by default, shared memory for workers. */
export interface ArrayMaker {
  int32(length: number): Int32Array;
  float64(length: number): Float64Array;
}

export const PLAIN_ARRAYS: ArrayMaker = {
  int32: (length) => new Int32Array(length),
  float64: (length) => new Float64Array(length),
};

export function toCsc(m: CsrMatrix, make: ArrayMaker = PLAIN_ARRAYS): CscIndex {
  const nnz = m.rowPtr[m.rows];
  const colPtr = make.int32(m.cols + 1);
  for (let e = 0; e < nnz; e++) colPtr[m.colIdx[e] + 1]++;
  for (let c = 0; c < m.cols; c++) colPtr[c + 1] += colPtr[c];
  const next = colPtr.slice(0, m.cols);
  const rowIdx = make.int32(nnz);
  const values = make.float64(nnz);
  // Rows are visited in order, so every column's rows come out ascending.
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) {
      const pos = next[m.colIdx[e]]++;
      rowIdx[pos] = r;
      values[pos] = m.values[e];
    }
  }
  return { colPtr, rowIdx, values };
}

/** The dot product of rows `a` and `b` (both ascending in column), by a merge of the two rows. */
export function rowDot(m: CsrMatrix, a: number, b: number): number {
  let i = m.rowPtr[a];
  let j = m.rowPtr[b];
  const iEnd = m.rowPtr[a + 1];
  const jEnd = m.rowPtr[b + 1];
  let sum = 0;
  while (i < iEnd && j < jEnd) {
    const ci = m.colIdx[i];
    const cj = m.colIdx[j];
    if (ci === cj) sum += m.values[i++] * m.values[j++];
    else if (ci < cj) i++;
    else j++;
  }
  return sum;
}

/** The length of the longest row of `m` (scratch arrays for a row's entries are that long). */
export function longestRow(m: Pick<CsrMatrix, 'rows' | 'rowPtr'>): number {
  let longest = 0;
  for (let i = 0; i < m.rows; i++) longest = Math.max(longest, m.rowPtr[i + 1] - m.rowPtr[i]);
  return longest;
}
