/**
 * Matrix: a row-major Float64Array with `rows` and `cols`, the one array type of the project.
 * Element (i, j) lives at data[i * cols + j]. Every operation here returns a new Matrix unless
 * its name ends in `InPlace` or it takes an `out` argument; kernels are plain typed-array loops.
 */
import { describe, fail } from "./validate.js";

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0) fail("Matrix", "rows", "an integer ≥ 0", describe(rows));
    if (!Number.isInteger(cols) || cols < 0) fail("Matrix", "cols", "an integer ≥ 0", describe(cols));
    if (data && data.length !== rows * cols)
      fail("Matrix", "data", `a Float64Array of length ${rows * cols} (${rows}×${cols})`, `length ${data.length}`);
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static filled(rows: number, cols: number, value: number): Matrix {
    const m = new Matrix(rows, cols);
    m.data.fill(value);
    return m;
  }

  /** Builds a matrix from nested arrays; every row must have the same length. */
  static fromArray(values: readonly (readonly number[])[]): Matrix {
    if (!Array.isArray(values)) fail("Matrix.fromArray", "values", "an array of rows (number[][])", describe(values));
    const rows = values.length;
    const cols = rows > 0 ? values[0]!.length : 0;
    const m = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = values[i]!;
      if (!Array.isArray(row) || row.length !== cols)
        fail("Matrix.fromArray", `values[${i}]`, `a row of length ${cols} like values[0]`, describe(row));
      for (let j = 0; j < cols; j++) m.data[i * cols + j] = row[j]!;
    }
    return m;
  }

  /** A 1×n matrix (a bias or a BatchNorm γ/β). */
  static rowVector(values: ArrayLike<number>): Matrix {
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get size(): number {
    return this.data.length;
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Copies `src` into this matrix (same shape), keeping this object's identity. */
  copyFrom(src: Matrix): this {
    sameShape("Matrix.copyFrom", this, src);
    this.data.set(src.data);
    return this;
  }

  /** Rows [start, end) as a new matrix. */
  sliceRows(start: number, end: number): Matrix {
    return new Matrix(end - start, this.cols, this.data.slice(start * this.cols, end * this.cols));
  }

  /** The rows at `indices` (a mini-batch), in that order. */
  pickRows(indices: ArrayLike<number>): Matrix {
    const c = this.cols;
    const out = new Matrix(indices.length, c);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (!(i >= 0 && i < this.rows)) fail("Matrix.pickRows", `indices[${k}]`, `a row index in [0, ${this.rows})`, String(i));
      out.data.set(this.data.subarray(i * c, i * c + c), k * c);
    }
    return out;
  }

  transpose(): Matrix {
    const { rows, cols, data } = this;
    const out = new Matrix(cols, rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[j * rows + i] = data[i * cols + j]!;
    return out;
  }

  /** this · B */
  dot(B: Matrix): Matrix {
    return matmul(this, B);
  }

  map(f: (x: number) => number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.data.length; i++) out.data[i] = f(this.data[i]!);
    return out;
  }

  add(B: Matrix): Matrix {
    sameShape("Matrix.add", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i]! + B.data[i]!;
    return out;
  }

  sub(B: Matrix): Matrix {
    sameShape("Matrix.sub", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i]! - B.data[i]!;
    return out;
  }

  /** Element-wise product this ⊙ B. */
  mul(B: Matrix): Matrix {
    sameShape("Matrix.mul", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i]! * B.data[i]!;
    return out;
  }

  scale(s: number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i]! * s;
    return out;
  }

  /** this + b broadcast over rows (b is 1×cols), like NumPy's x + b. */
  addRowVector(b: Matrix): Matrix {
    if (b.rows !== 1 || b.cols !== this.cols)
      fail("Matrix.addRowVector", "b", `a 1×${this.cols} row vector to add to a ${this.rows}×${this.cols} Matrix`, describe(b));
    const out = new Matrix(this.rows, this.cols);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = this.data[i * c + j]! + b.data[j]!;
    return out;
  }

  /** Column sums as a 1×cols matrix (NumPy's sum(axis=0)). */
  sumRows(): Matrix {
    const out = new Matrix(1, this.cols);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[j] += this.data[i * c + j]!;
    return out;
  }

  /** Sum of every element. */
  sum(): number {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += this.data[i]!;
    return s;
  }

  /** Index of the largest entry of each row (first one on ties, like NumPy). */
  argmaxRows(): Int32Array {
    const out = new Int32Array(this.rows);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (this.data[i * c + j]! > this.data[i * c + best]!) best = j;
      out[i] = best;
    }
    return out;
  }
}

function sameShape(where: string, A: Matrix, B: Matrix): void {
  if (!(B instanceof Matrix)) fail(where, "B", `a Matrix of shape ${A.rows}×${A.cols}`, describe(B));
  if (A.rows !== B.rows || A.cols !== B.cols)
    fail(where, "B", `shape ${A.rows}×${A.cols} (same as A)`, `${B.rows}×${B.cols}`);
}

function outFor(where: string, out: Matrix | undefined, rows: number, cols: number): Matrix {
  if (!out) return new Matrix(rows, cols);
  if (out.rows !== rows || out.cols !== cols) fail(where, "out", `shape ${rows}×${cols}`, `${out.rows}×${out.cols}`);
  return out;
}

/** A · B (n×k · k×m). i-k-j loop order: the inner loop streams rows of B and C. */
export function matmul(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.rows)
    fail("matmul", "B", `${A.cols} rows to multiply a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const n = A.rows, k = A.cols, m = B.cols;
  const C = outFor("matmul", out, n, m);
  const a = A.data, b = B.data, c = C.data;
  c.fill(0);
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      const bp = p * m;
      for (let j = 0; j < m; j++) c[ci + j] += aip * b[bp + j]!;
    }
  }
  return C;
}

/** Aᵀ · B without forming Aᵀ (A is k×n, B is k×m): the dW = xᵀ·dout of Affine.backward. */
export function matmulTransA(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.rows !== B.rows)
    fail("matmulTransA", "B", `${A.rows} rows to match Aᵀ of a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const k = A.rows, n = A.cols, m = B.cols;
  const C = outFor("matmulTransA", out, n, m);
  const a = A.data, b = B.data, c = C.data;
  c.fill(0);
  for (let p = 0; p < k; p++) {
    const bp = p * m;
    for (let i = 0; i < n; i++) {
      const api = a[p * n + i]!;
      if (api === 0) continue;
      const ci = i * m;
      for (let j = 0; j < m; j++) c[ci + j] += api * b[bp + j]!;
    }
  }
  return C;
}

/** A · Bᵀ without forming Bᵀ (A is n×k, B is m×k): the dx = dout·Wᵀ of Affine.backward. */
export function matmulTransB(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.cols)
    fail("matmulTransB", "B", `${A.cols} columns to match a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const n = A.rows, k = A.cols, m = B.rows;
  const C = outFor("matmulTransB", out, n, m);
  const a = A.data, b = B.data, c = C.data;
  for (let i = 0; i < n; i++) {
    const ai = i * k;
    for (let j = 0; j < m; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
      c[i * m + j] = s;
    }
  }
  return C;
}
