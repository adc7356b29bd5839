/**
 * Matrix: a row-major Float64Array with `rows` and `cols`, the one array type of the project (the
 * book's 2-D NumPy arrays). Element (i, j) lives at data[i * cols + j]. Every operation returns a
 * new Matrix unless it takes an `out` (or `into`) argument. Besides element-wise arithmetic it has
 * the row broadcasts NumPy gives the book (x + b, x − μ, γ·x̂, xc / std with a 1×D row) and the
 * column sums sum(axis=0), so the layers read line for line like common/layers.py.
 *
 * The three products are defined by the plain triple loop below (`tripleLoop`); they run on the
 * kernel registered with `setProductKernel`, by default src/kernels/gemm.ts's tiles, which sum
 * every entry in the loop's order and so give its bits.
 */
import { describe, fail } from "./validate.js";
import { gemm } from "../kernels/gemm.js";

/** A rows×cols Float64Array, or an Error naming the size when it cannot be allocated (not a bare RangeError). */
function allocate(rows: number, cols: number): Float64Array {
  try {
    return new Float64Array(rows * cols);
  } catch (e) {
    const gb = (rows * cols * 8) / 1e9;
    fail(
      "Matrix",
      "rows×cols",
      "a size that can be allocated",
      `${rows}×${cols} = ${rows * cols} entries (${gb.toPrecision(3)} GB): ${(e as Error).message}`,
    );
  }
}

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
    this.data = data ?? allocate(rows, cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  static filled(rows: number, cols: number, value: number): Matrix {
    if (typeof value !== "number") fail("Matrix.filled", "value", "a number", describe(value));
    const m = new Matrix(rows, cols);
    m.data.fill(value);
    return m;
  }

  /** Builds a matrix from nested arrays; every row must have the same length. */
  static fromArray(values: readonly (readonly number[])[]): Matrix {
    if (!Array.isArray(values)) fail("Matrix.fromArray", "values", "an array of rows (number[][])", describe(values));
    const rows = values.length;
    const cols = rows > 0 ? values[0].length : 0;
    const m = new Matrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = values[i];
      if (!Array.isArray(row) || row.length !== cols)
        fail("Matrix.fromArray", `values[${i}]`, `a row of length ${cols} like values[0]`, describe(row));
      for (let j = 0; j < cols; j++) {
        if (typeof row[j] !== "number") fail("Matrix.fromArray", `values[${i}][${j}]`, "a number", describe(row[j]));
        m.data[i * cols + j] = row[j];
      }
    }
    return m;
  }

  /** A 1×n matrix (a bias or a BatchNorm γ/β). */
  static rowVector(values: ArrayLike<number>): Matrix {
    if (typeof values?.length !== "number") fail("Matrix.rowVector", "values", "an array of numbers", describe(values));
    if (!(values instanceof Float64Array))
      for (let j = 0; j < values.length; j++)
        if (typeof values[j] !== "number") fail("Matrix.rowVector", `values[${j}]`, "a number", describe(values[j]));
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
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
    if (!Number.isInteger(start) || start < 0 || start > this.rows)
      fail("Matrix.sliceRows", "start", `an integer in [0, ${this.rows}]`, describe(start));
    if (!Number.isInteger(end) || end < start || end > this.rows)
      fail("Matrix.sliceRows", "end", `an integer in [start ${start}, ${this.rows}]`, describe(end));
    return new Matrix(end - start, this.cols, this.data.slice(start * this.cols, end * this.cols));
  }

  /** The rows at `indices` (a mini-batch), in that order. */
  pickRows(indices: ArrayLike<number>, into?: Matrix): Matrix {
    const c = this.cols;
    if (
      into !== undefined &&
      (!(into instanceof Matrix) ||
        into.rows !== indices.length ||
        into.cols !== c ||
        into.data.buffer === this.data.buffer)
    )
      fail("Matrix.pickRows", "into", `a ${indices.length}×${c} Matrix other than this one`, describe(into));
    const out = into ?? new Matrix(indices.length, c);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (!(i >= 0 && i < this.rows))
        fail("Matrix.pickRows", `indices[${k}]`, `a row index in [0, ${this.rows})`, String(i));
      out.data.set(this.data.subarray(i * c, i * c + c), k * c);
    }
    return out;
  }

  transpose(): Matrix {
    const { rows, cols, data } = this;
    const out = new Matrix(cols, rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.data[j * rows + i] = data[i * cols + j];
    return out;
  }

  /** this · B */
  dot(B: Matrix): Matrix {
    return matmul(this, B);
  }

  map(f: (x: number) => number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.data.length; i++) out.data[i] = f(this.data[i]);
    return out;
  }

  /** Element-wise this + B (same shape). */
  add(B: Matrix): Matrix {
    sameShape("Matrix.add", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] + B.data[i];
    return out;
  }

  /** Element-wise this − B (same shape). */
  sub(B: Matrix): Matrix {
    sameShape("Matrix.sub", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] - B.data[i];
    return out;
  }

  /** Element-wise product this ⊙ B (same shape; NumPy's x * y). */
  mul(B: Matrix): Matrix {
    sameShape("Matrix.mul", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] * B.data[i];
    return out;
  }

  /** Element-wise quotient this / B (same shape). */
  div(B: Matrix): Matrix {
    sameShape("Matrix.div", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] / B.data[i];
    return out;
  }

  /** this · s for a number s. */
  scale(s: number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] * s;
    return out;
  }

  /** this / s for a number s (NumPy's x / N: a division, which can differ in the last bit from x · (1/N)). */
  divScalar(s: number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] / s;
    return out;
  }

  /** this + r with the 1×cols row r added to every row (NumPy's x + b). */
  addRow(r: Matrix): Matrix {
    const out = new Matrix(this.rows, this.cols),
      c = this.cols,
      d = rowOf("Matrix.addRow", this, r);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = this.data[i * c + j] + d[j];
    return out;
  }

  /** this − r with the 1×cols row r taken from every row (NumPy's x − mu). */
  subRow(r: Matrix): Matrix {
    const out = new Matrix(this.rows, this.cols),
      c = this.cols,
      d = rowOf("Matrix.subRow", this, r);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = this.data[i * c + j] - d[j];
    return out;
  }

  /** this ⊙ r with every row multiplied entry by entry by the 1×cols row r (NumPy's x * gamma). */
  mulRow(r: Matrix): Matrix {
    const out = new Matrix(this.rows, this.cols),
      c = this.cols,
      d = rowOf("Matrix.mulRow", this, r);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = this.data[i * c + j] * d[j];
    return out;
  }

  /** this / r with every row divided entry by entry by the 1×cols row r (NumPy's xc / std). */
  divRow(r: Matrix): Matrix {
    const out = new Matrix(this.rows, this.cols),
      c = this.cols,
      d = rowOf("Matrix.divRow", this, r);
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = this.data[i * c + j] / d[j];
    return out;
  }

  /** Column sums as a 1×cols matrix (NumPy's sum(axis=0)), each summed from row 0 down, as NumPy does. */
  sumRows(): Matrix {
    const out = new Matrix(1, this.cols);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[j] += this.data[i * c + j];
    return out;
  }

  /** Column means as a 1×cols matrix (NumPy's mean(axis=0): the column sums divided by rows). */
  meanRows(): Matrix {
    return this.sumRows().divScalar(this.rows);
  }

  /** Sum of every element. */
  sum(): number {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += this.data[i];
    return s;
  }

  /** Index of the largest entry of each row (first one on ties, like NumPy). */
  argmaxRows(): Int32Array {
    const out = new Int32Array(this.rows);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (this.data[i * c + j] > this.data[i * c + best]) best = j;
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

/** The data of r, checked to be a 1×cols row that broadcasts over A's rows. */
function rowOf(where: string, A: Matrix, r: Matrix): Float64Array {
  if (!(r instanceof Matrix) || r.rows !== 1 || r.cols !== A.cols)
    fail(where, "r", `a 1×${A.cols} row to broadcast over a ${A.rows}×${A.cols} Matrix`, describe(r));
  return r.data;
}

function outFor(where: string, out: Matrix | undefined, rows: number, cols: number, A: Matrix, B: Matrix): Matrix {
  if (!out) return new Matrix(rows, cols);
  if (!(out instanceof Matrix)) fail(where, "out", `a ${rows}×${cols} Matrix`, describe(out));
  if (out.rows !== rows || out.cols !== cols) fail(where, "out", `shape ${rows}×${cols}`, `${out.rows}×${out.cols}`);
  if (out.data.buffer === A.data.buffer || out.data.buffer === B.data.buffer)
    fail(
      where,
      "out",
      "a Matrix whose data is not A's or B's (the product cannot overwrite its own operands)",
      "A or B itself",
    );
  return out;
}

/**
 * How a product is computed: C (n×m, row-major) = L·R, where entry (i, p) of L is a[i·aRs + p·aCs]
 * and entry (p, j) of R is b[p·bRs + j·bCs]. The strides say whether an operand is read as stored
 * or as its transpose, so no transpose is ever formed:
 *   A·B:  L(i,p) = A[i·k + p], R(p,j) = B[p·m + j]      → aRs = k, aCs = 1, bRs = m, bCs = 1
 *   Aᵀ·B: L(i,p) = A[p·n + i], R(p,j) = B[p·m + j]      → aRs = 1, aCs = n, bRs = m, bCs = 1
 *   A·Bᵀ: L(i,p) = A[i·k + p], R(p,j) = B[j·k + p]      → aRs = k, aCs = 1, bRs = 1, bCs = k
 */
export type ProductKernel = (
  a: Float64Array,
  aRs: number,
  aCs: number,
  b: Float64Array,
  bRs: number,
  bCs: number,
  c: Float64Array,
  n: number,
  k: number,
  m: number,
) => void;

/**
 * The meaning of every product (np.dot's): each entry summed as the plain loop sums it, s = 0,
 * then s += L(i,p)·R(p,j) for p = 0, 1, …, k−1, a multiply then an add. A kernel may compute
 * faster, but must give these bits.
 */
export const tripleLoop: ProductKernel = (a, aRs, aCs, b, bRs, bCs, c, n, k, m) => {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * aRs + p * aCs] * b[p * bRs + j * bCs];
      c[i * m + j] = s;
    }
};

/** The kernel the three products run on: src/kernels/gemm.ts's tiles unless another is set. */
let productKernel: ProductKernel = gemm;

/**
 * Sets the kernel of matmul, matmulTransA and matmulTransB: `tripleLoop` runs the definition
 * itself (slow; to step through a product, or to check a kernel); `null` restores the default,
 * src/kernels/gemm.ts. Whatever is set must give tripleLoop's bits.
 */
export function setProductKernel(kernel: ProductKernel | null): void {
  if (kernel !== null && typeof kernel !== "function")
    fail("setProductKernel", "kernel", "a ProductKernel function or null", describe(kernel));
  productKernel = kernel ?? gemm;
}

/** A · B (n×k · k×m), written into `out` when given. */
export function matmul(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.rows)
    fail("matmul", "B", `${A.cols} rows to multiply a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const n = A.rows,
    k = A.cols,
    m = B.cols;
  const C = outFor("matmul", out, n, m, A, B);
  productKernel(A.data, k, 1, B.data, m, 1, C.data, n, k, m);
  return C;
}

/** Aᵀ · B without forming Aᵀ (A is k×n, B is k×m): the dW = xᵀ·dout of Affine.backward. */
export function matmulTransA(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.rows !== B.rows)
    fail("matmulTransA", "B", `${A.rows} rows to match Aᵀ of a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const k = A.rows,
    n = A.cols,
    m = B.cols;
  const C = outFor("matmulTransA", out, n, m, A, B);
  productKernel(A.data, 1, n, B.data, m, 1, C.data, n, k, m);
  return C;
}

/** A · Bᵀ without forming Bᵀ (A is n×k, B is m×k): the dx = dout·Wᵀ of Affine.backward. */
export function matmulTransB(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.cols)
    fail("matmulTransB", "B", `${A.cols} columns to match a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const n = A.rows,
    k = A.cols,
    m = B.rows;
  const C = outFor("matmulTransB", out, n, m, A, B);
  productKernel(A.data, k, 1, B.data, 1, k, C.data, n, k, m);
  return C;
}
