/**
 * Matrix: a row-major Float64Array with `rows` and `cols`, the one array type of the project.
 * Element (i, j) lives at data[i * cols + j]. Every operation here returns a new Matrix unless
 * its name ends in `InPlace` or it takes an `out` (or `into`) argument; kernels are plain
 * typed-array loops, except the three matrix products, which run in WebAssembly SIMD
 * (src/kernels/gemm.wat: packed 4×4 tiles, and zero-skipping for mostly-zero left operands such as MNIST
 * batches) where available and give the same bytes as their JS twin and the plain triple loop.
 */
import { describe, fail } from "./validate.js";
import { GEMM_WASM_BASE64 } from "../kernels/gemm-wasm-bytes.js";

/** A rows×cols Float64Array, or an Error naming the size when it cannot be allocated (not a bare RangeError). */
function allocate(rows: number, cols: number): Float64Array {
  try {
    return new Float64Array(rows * cols);
  } catch (e) {
    const gb = (rows * cols * 8) / 1e9;
    fail("Matrix", "rows×cols", "a size that can be allocated", `${rows}×${cols} = ${rows * cols} entries (${gb.toPrecision(3)} GB): ${(e as Error).message}`);
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
    if (!(values instanceof Float64Array))
      for (let j = 0; j < (values?.length ?? 0); j++) if (typeof values[j] !== "number") fail("Matrix.rowVector", `values[${j}]`, "a number", describe(values[j]));
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get size(): number {
    return this.data.length;
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
    if (!Number.isInteger(start) || start < 0 || start > this.rows) fail("Matrix.sliceRows", "start", `an integer in [0, ${this.rows}]`, describe(start));
    if (!Number.isInteger(end) || end < start || end > this.rows) fail("Matrix.sliceRows", "end", `an integer in [start ${start}, ${this.rows}]`, describe(end));
    return new Matrix(end - start, this.cols, this.data.slice(start * this.cols, end * this.cols));
  }

  /** The rows at `indices` (a mini-batch), in that order. */
  pickRows(indices: ArrayLike<number>, into?: Matrix): Matrix {
    const c = this.cols;
    if (into !== undefined && (!(into instanceof Matrix) || into.rows !== indices.length || into.cols !== c || into.data.buffer === this.data.buffer))
      fail("Matrix.pickRows", "into", `a ${indices.length}×${c} Matrix other than this one`, describe(into));
    const out = into ?? new Matrix(indices.length, c);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (!(i >= 0 && i < this.rows)) fail("Matrix.pickRows", `indices[${k}]`, `a row index in [0, ${this.rows})`, String(i));
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

  add(B: Matrix): Matrix {
    sameShape("Matrix.add", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] + B.data[i];
    return out;
  }

  sub(B: Matrix): Matrix {
    sameShape("Matrix.sub", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] - B.data[i];
    return out;
  }

  /** Element-wise product this ⊙ B. */
  mul(B: Matrix): Matrix {
    sameShape("Matrix.mul", this, B);
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] * B.data[i];
    return out;
  }

  scale(s: number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < out.data.length; i++) out.data[i] = this.data[i] * s;
    return out;
  }

  /** this + b broadcast over rows (b is 1×cols), like NumPy's x + b. */
  addRowVector(b: Matrix): Matrix {
    if (b.rows !== 1 || b.cols !== this.cols)
      fail("Matrix.addRowVector", "b", `a 1×${this.cols} row vector to add to a ${this.rows}×${this.cols} Matrix`, describe(b));
    const out = new Matrix(this.rows, this.cols);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[i * c + j] = this.data[i * c + j] + b.data[j];
    return out;
  }

  /** Column sums as a 1×cols matrix (NumPy's sum(axis=0)). */
  sumRows(): Matrix {
    const out = new Matrix(1, this.cols);
    const c = this.cols;
    for (let i = 0; i < this.rows; i++) for (let j = 0; j < c; j++) out.data[j] += this.data[i * c + j];
    return out;
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

function outFor(where: string, out: Matrix | undefined, rows: number, cols: number, A: Matrix, B: Matrix): Matrix {
  if (!out) return new Matrix(rows, cols);
  if (!(out instanceof Matrix)) fail(where, "out", `a ${rows}×${cols} Matrix`, describe(out));
  if (out.rows !== rows || out.cols !== cols) fail(where, "out", `shape ${rows}×${cols}`, `${out.rows}×${out.cols}`);
  if (out.data.buffer === A.data.buffer || out.data.buffer === B.data.buffer)
    fail(where, "out", "a Matrix whose data is not A's or B's (the product cannot overwrite its own operands)", "A or B itself");
  return out;
}

/** A · B (n×k · k×m), written into `out` when given. */
export function matmul(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.rows)
    fail("matmul", "B", `${A.cols} rows to multiply a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const n = A.rows, k = A.cols, m = B.cols;
  const C = outFor("matmul", out, n, m, A, B);
  gemm(A.data, k, 1, B.data, m, 1, C.data, n, k, m);
  return C;
}

/** Aᵀ · B without forming Aᵀ (A is k×n, B is k×m): the dW = xᵀ·dout of Affine.backward. */
export function matmulTransA(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.rows !== B.rows)
    fail("matmulTransA", "B", `${A.rows} rows to match Aᵀ of a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const k = A.rows, n = A.cols, m = B.cols;
  const C = outFor("matmulTransA", out, n, m, A, B);
  gemm(A.data, 1, n, B.data, m, 1, C.data, n, k, m);
  return C;
}

/** A · Bᵀ without forming Bᵀ (A is n×k, B is m×k): the dx = dout·Wᵀ of Affine.backward. */
export function matmulTransB(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  if (A.cols !== B.cols)
    fail("matmulTransB", "B", `${A.cols} columns to match a ${A.rows}×${A.cols} A`, `a ${B.rows}×${B.cols} Matrix`);
  const n = A.rows, k = A.cols, m = B.rows;
  const C = outFor("matmulTransB", out, n, m, A, B);
  gemm(A.data, k, 1, B.data, 1, k, C.data, n, k, m);
  return C;
}

/*
 * The kernel behind all three products. C (n×m, row-major) = L·R where entry (i, p) of L is
 * a[i·aRs + p·aCs] and entry (p, j) of R is b[p·bRs + j·bCs]: the strides say whether an operand
 * is read as stored or as its transpose, so no transpose is ever formed.
 *   A·B:  L(i,p) = A[i·k + p], R(p,j) = B[p·m + j]      → aRs = k, aCs = 1, bRs = m, bCs = 1
 *   Aᵀ·B: L(i,p) = A[p·n + i], R(p,j) = B[p·m + j]      → aRs = 1, aCs = n, bRs = m, bCs = 1
 *   A·Bᵀ: L(i,p) = A[i·k + p], R(p,j) = B[j·k + p]      → aRs = k, aCs = 1, bRs = 1, bCs = k
 * Every entry is summed exactly as the plain loop sums it: s = 0, then s += L(i,p)·R(p,j) for
 * p = 0, 1, …, k−1, a multiply then an add. The tiles (WebAssembly SIMD or JS) and the edge loop
 * all keep that order, so the result is bit-identical to the triple loop, on every path and run.
 */
function gemm(
  a: Float64Array, aRs: number, aCs: number, b: Float64Array, bRs: number, bCs: number,
  c: Float64Array, n: number, k: number, m: number,
): void {
  const n4 = n - (n % 4), m4 = m - (m % 4);
  let path: ReturnType<typeof tilesWasm> = "none";
  if (backend === "wasm" && m4 > 0 && (n4 > 0 || (bCs === 1 && n > 0))) path = tilesWasm(a, aRs, aCs, b, bRs, bCs, c, n, k, m, n4, m4);
  lastWasmPath = path;
  if (path === "none" && n4 > 0 && m4 > 0) tilesJs(a, aRs, aCs, b, bRs, bCs, c, n4, k, m4, m);
  // the sparse path computed columns [0, m4) of every row; the others of rows [0, n4)
  edges(a, aRs, aCs, b, bRs, bCs, c, n, k, m, path === "sparse" ? n : n4, m4);
}

/**
 * JS tiles: rows [0, n4) × columns [0, m4) of C in 4×4 register tiles. For each tile the 16
 * sums live in local variables; each step p loads 4 entries of L's column p and 4 of R's row p
 * and does 16 multiply-adds. No cache blocking over k: at the chapter's shapes a 4-row panel of L
 * (4×784 doubles, 25 KB) stays in L1 while R streams through L2. About 2.5 GFLOP/s in V8 (the
 * plain i-k-j loop: about 0.6); the WebAssembly tiles do the same work two entries at a time.
 */
function tilesJs(
  a: Float64Array, aRs: number, aCs: number, b: Float64Array, bRs: number, bCs: number,
  c: Float64Array, n4: number, k: number, m4: number, ldc: number,
): void {
  for (let i = 0; i < n4; i += 4) {
    for (let j = 0; j < m4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pa = i * aRs, pb = j * bCs;
      for (let p = 0; p < k; p++, pa += aCs, pb += bRs) {
        const b0 = b[pb], b1 = b[pb + bCs], b2 = b[pb + 2 * bCs], b3 = b[pb + 3 * bCs];
        let x = a[pa];
        c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
        x = a[pa + aRs];
        c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
        x = a[pa + 2 * aRs];
        c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
        x = a[pa + 3 * aRs];
        c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
      }
      let o = i * ldc + j;
      c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += ldc;
      c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += ldc;
      c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += ldc;
      c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
    }
  }
}

/** The entries outside the tiles: columns [m4, m) of rows [0, n4), then all of rows [n4, n); one dot product each. */
function edges(
  a: Float64Array, aRs: number, aCs: number, b: Float64Array, bRs: number, bCs: number,
  c: Float64Array, n: number, k: number, m: number, n4: number, m4: number,
): void {
  for (let i = 0; i < n; i++) {
    for (let j = i < n4 ? m4 : 0; j < m; j++) {
      let s = 0;
      for (let p = 0, pa = i * aRs, pb = j * bCs; p < k; p++, pa += aCs, pb += bRs) s += a[pa] * b[pb];
      c[i * m + j] = s;
    }
  }
}

// ---- WebAssembly SIMD kernels (src/kernels/gemm.wat) ----

type Backend = "wasm" | "js";
/** When the wasm products skip L's zeros: "auto" (when about half of L or more is zeros, judged from a sample), "always", "never". */
type SparseMode = "auto" | "always" | "never";
interface GemmWasm {
  packL(l: number, lRs: number, lCs: number, n4: number, k: number, dst: number): void;
  packR(r: number, rRs: number, rCs: number, k: number, m4: number, dst: number): void;
  tiles(lp: number, rp: number, c: number, ldc: number, n4: number, k: number, m4: number): void;
  nonzeros(l: number, lRs: number, lCs: number, n: number, k: number, start: number, idx: number, val: number): number;
  finite(at: number, count: number): number;
  sparseRows(start: number, idx: number, val: number, r: number, rRs: number, c: number, ldc: number, n: number, m4: number): void;
  memory: WebAssembly.Memory;
}

/** The wasm instance of this thread, or null where WebAssembly SIMD is not available. */
const wasm: GemmWasm | null = (() => {
  try {
    const module = new WebAssembly.Module(Buffer.from(GEMM_WASM_BASE64, "base64"));
    return new WebAssembly.Instance(module).exports as unknown as GemmWasm;
  } catch {
    return null;
  }
})();
let backend: Backend = wasm ? "wasm" : "js";
let sparseMode: SparseMode = "auto";
let heap = wasm ? new Float64Array(wasm.memory.buffer) : new Float64Array(0);

/** Largest wasm memory the kernels may use (per thread, in doubles): bigger products go in row chunks or to the JS tiles. */
const WASM_MAX_DOUBLES = (32 << 20) / 8;
let wasmMaxDoubles = WASM_MAX_DOUBLES;

/**
 * Which kernels the products use: "wasm" (the default where WebAssembly SIMD is available) or
 * "js"; with wasm, whether zeros of the left operand are skipped (`sparse`, default "auto": when
 * about half of its entries or more are zeros, judged from a sample). Every choice gives identical
 * bytes; the switches exist for the kernel specs and the benchmark, as does `maxDoubles` (the wasm
 * memory budget, default 4 Mi doubles = 32 MB), which lets a spec reach the row-chunked path with
 * small matrices.
 */
export function setKernelBackend(name: Backend, opts: { maxDoubles?: number; sparse?: SparseMode } = {}): void {
  if (name !== "wasm" && name !== "js") fail("setKernelBackend", "name", "'wasm' or 'js'", describe(name));
  if (name === "wasm" && !wasm) fail("setKernelBackend", "name", "'js' (WebAssembly SIMD is not available here)", "'wasm'");
  const max = opts.maxDoubles ?? WASM_MAX_DOUBLES;
  if (!Number.isInteger(max) || max < 1) fail("setKernelBackend", "opts.maxDoubles", "an integer ≥ 1", describe(max));
  const sparse = opts.sparse ?? "auto";
  if (sparse !== "auto" && sparse !== "always" && sparse !== "never")
    fail("setKernelBackend", "opts.sparse", "'auto', 'always' or 'never'", describe(sparse));
  backend = name;
  wasmMaxDoubles = max;
  sparseMode = sparse;
}

export function kernelBackend(): Backend {
  return backend;
}

/** Which path the last wasm product took (for the kernel specs and the benchmark). */
export let lastWasmPath: "dense" | "sparse" | "chunked" | "none" = "none";

function ensureDoubles(count: number): void {
  if (heap.length >= count) return;
  const pages = Math.ceil((count * 8 - wasm!.memory.buffer.byteLength) / 65536);
  wasm!.memory.grow(pages);
  heap = new Float64Array(wasm!.memory.buffer);
}

/**
 * Whether at least half of `a` looks like zeros, judged from at most about 2,048 evenly spaced
 * entries (a full count would cost a tenth of a dense product). Only speed depends on the answer:
 * both paths give the same bits.
 */
function mostlyZeros(a: Float64Array): boolean {
  const step = Math.max(1, Math.floor(a.length / 2048));
  let zeros = 0, seen = 0;
  for (let i = 0; i < a.length; i += step, seen++) if (a[i] === 0) zeros++;
  return 2 * zeros >= seen;
}

/**
 * Copies L, R into wasm memory, computes rows [0, n4) × columns [0, m4) of C there (sparse path:
 * every row, columns [0, m4)), and copies the rows back; `edges` then overwrites the entries
 * outside that block. Memory, in doubles: L | R | work (the nonzero lists or the packed panels) | C.
 * When L has contiguous rows (A·B, A·Bᵀ) and does not fit, it goes in chunks of rows on the dense
 * path. Returns what it computed: "none" when nothing fits (the caller uses the JS tiles).
 */
function tilesWasm(
  a: Float64Array, aRs: number, aCs: number, b: Float64Array, bRs: number, bCs: number,
  c: Float64Array, n: number, k: number, m: number, n4: number, m4: number,
): "dense" | "sparse" | "chunked" | "none" {
  const w = wasm!;
  const packed = n4 * k + k * m4;
  const lists = Math.ceil((n + 1) / 2) + Math.ceil((n * k) / 2) + n * k; // start, idx (i32), val
  const canSkip = bCs === 1 && m4 >= 4 && k > 0 && (sparseMode === "always" || (sparseMode === "auto" && mostlyZeros(a)));
  const work = canSkip ? Math.max(packed, lists) : packed;
  if (a.length + b.length + work + n * m <= wasmMaxDoubles) {
    ensureDoubles(a.length + b.length + work + n * m);
    const bAt = a.length, workAt = bAt + b.length, cAt = workAt + work;
    heap.set(a, 0);
    heap.set(b, bAt);
    if (canSkip) {
      const idxAt = workAt + Math.ceil((n + 1) / 2), valAt = idxAt + Math.ceil((n * k) / 2);
      w.nonzeros(0, aRs, aCs, n, k, workAt * 8, idxAt * 8, valAt * 8);
      if (w.finite(bAt * 8, b.length) === 1) {
        w.sparseRows(workAt * 8, idxAt * 8, valAt * 8, bAt * 8, bRs, cAt * 8, m, n, m4);
        c.set(heap.subarray(cAt, cAt + n * m));
        return "sparse";
      }
    }
    w.packL(0, aRs, aCs, n4, k, workAt * 8);
    w.packR(bAt * 8, bRs, bCs, k, m4, (workAt + n4 * k) * 8);
    w.tiles(workAt * 8, (workAt + n4 * k) * 8, cAt * 8, m, n4, k, m4);
    c.set(heap.subarray(cAt, cAt + n4 * m));
    return "dense";
  }
  if (aCs !== 1 || aRs < k) return "none";
  // R and its panels once, then L in chunks of `rows` rows: raw, packed, and their rows of C
  const fixed = b.length + k * m4;
  const rows = Math.floor((wasmMaxDoubles - fixed) / (aRs + k + m) / 4) * 4;
  if (rows < 4) return "none";
  ensureDoubles(fixed + rows * (aRs + k + m));
  heap.set(b, 0);
  const rpAt = b.length, aAt = fixed, lpAt = aAt + rows * aRs, cAt = lpAt + rows * k;
  w.packR(0, bRs, bCs, k, m4, rpAt * 8);
  for (let i0 = 0; i0 < n4; i0 += rows) {
    const r = Math.min(rows, n4 - i0);
    heap.set(a.subarray(i0 * aRs, Math.min((i0 + r) * aRs, a.length)), aAt);
    w.packL(aAt * 8, aRs, 1, r, k, lpAt * 8);
    w.tiles(lpAt * 8, rpAt * 8, cAt * 8, m, r, k, m4);
    c.set(heap.subarray(cAt, cAt + r * m), i0 * m);
  }
  return "chunked";
}
