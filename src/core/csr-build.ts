import type { Csr } from './sparse-model.js';

/**
 * Build a CSR from (row, col, value) triplets in any order; duplicates are summed (in float64,
 * in the order given) and columns end up strictly increasing within each row. A stable counting
 * sort by row, then each row's columns sorted only where they are out of order: O(nnz) for
 * triplets that come row by row, as every exporter's do (a near-dense S = 5000 layer has 25M).
 *
 * ```ts
 * const m = csrFromTriplets(2, 3, Int32Array.of(1, 0), Int32Array.of(2, 0), Float64Array.of(0.5, 1));
 * ```
 */
export function csrFromTriplets(
  rows: number,
  cols: number,
  r: ArrayLike<number>,
  c: ArrayLike<number>,
  v: ArrayLike<number>,
): Csr {
  const count = r.length;
  const start = new Int32Array(rows + 1);
  let inOrder = true;
  for (let k = 0; k < count; k++) {
    start[r[k] + 1]++;
    if (k > 0 && r[k] < r[k - 1]) inOrder = false;
  }
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  // Where the q-th triplet in row order is: q itself when they came row by row (no index array).
  let order = inOrder ? null : byRow(r, start, rows);
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(count);
  const values = new Float32Array(count);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const lo = start[i];
    const hi = start[i + 1];
    if (!columnsInOrder(order, lo, hi, c)) {
      order ??= identity(count);
      order.subarray(lo, hi).sort((a, b) => c[a] - c[b] || a - b);
    }
    for (let q = lo; q < hi; ) {
      const k = order ? order[q++] : q++;
      const col = c[k];
      let sum = v[k]; // duplicates summed in float64, in the order given, then rounded once
      for (; q < hi && c[order ? order[q] : q] === col; q++) sum += v[order ? order[q] : q];
      colIdx[p] = col;
      values[p++] = sum;
    }
    rowPtr[i + 1] = p;
  }
  return { rows, cols, rowPtr, colIdx: p === count ? colIdx : colIdx.slice(0, p), values: p === count ? values : values.slice(0, p) };
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let q = 0; q < n; q++) order[q] = q;
  return order;
}

/** A stable counting sort of the triplets by row: their indices in row order. */
function byRow(r: ArrayLike<number>, start: Int32Array, rows: number): Int32Array {
  const order = new Int32Array(r.length);
  const fill = start.slice(0, rows);
  for (let k = 0; k < r.length; k++) order[fill[r[k]]++] = k;
  return order;
}

/** Whether row positions lo..hi have ascending (or equal) columns. */
function columnsInOrder(order: Int32Array | null, lo: number, hi: number, c: ArrayLike<number>): boolean {
  for (let q = lo + 1; q < hi; q++) if (c[order ? order[q] : q] < c[order ? order[q - 1] : q - 1]) return false;
  return true;
}

/**
 * (row, col, value) triplets appended one at a time into typed arrays that grow by doubling:
 * what `csrFromTriplets` takes, without a boxed number per entry.
 *
 * ```ts
 * const t = new Triplets();
 * t.push(0, 2, 0.5);
 * csrFromTriplets(1, 3, t.rows(), t.cols(), t.values());
 * ```
 */
export class Triplets {
  private r: Int32Array;
  private c: Int32Array;
  private v: Float64Array;
  private count = 0;

  /** `capacity`: room for this many before the first growth (a bound known in advance saves the copies). */
  constructor(capacity = 16) {
    const n = Math.max(1, capacity);
    [this.r, this.c, this.v] = [new Int32Array(n), new Int32Array(n), new Float64Array(n)];
  }

  /** How many triplets have been pushed. */
  get length(): number {
    return this.count;
  }

  push(row: number, col: number, value: number): void {
    if (this.count === this.r.length) this.grow();
    this.r[this.count] = row;
    this.c[this.count] = col;
    this.v[this.count++] = value;
  }

  rows(): Int32Array {
    return this.r.subarray(0, this.count);
  }

  cols(): Int32Array {
    return this.c.subarray(0, this.count);
  }

  values(): Float64Array {
    return this.v.subarray(0, this.count);
  }

  private grow(): void {
    const n = this.r.length * 2;
    const r = new Int32Array(n);
    const c = new Int32Array(n);
    const v = new Float64Array(n);
    r.set(this.r);
    c.set(this.c);
    v.set(this.v);
    [this.r, this.c, this.v] = [r, c, v];
  }
}
