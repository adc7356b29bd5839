/**
 * The fast kernel behind the three matrix products of src/base/matrix.ts. The products' meaning
 * is the plain triple loop written there (`tripleLoop`); this kernel computes the same sums in
 * the same order, faster, on the first of three backends that this thread has:
 *   native: AVX2 tiles, 4 doubles per instruction (native/, loaded by src/kernels/native.ts when
 *           built, not turned off by DLFS_NATIVE=0, and the CPU has AVX2);
 *   wasm:   4×4 tiles in WebAssembly SIMD (src/kernels/gemm.wat);
 *   js:     4×4 tiles in JS;
 * native and wasm pack the operands into panels and skip the zeros of mostly-zero left operands
 * such as MNIST batches; wasm and js add a plain loop for the entries outside the tiles. Every
 * path gives the triple loop's bits (spec/kernels checks each one).
 */
import { describe, fail } from "../base/validate.js";
import { GEMM_WASM_BASE64 } from "./gemm-wasm-bytes.js";
import { nativeAddon } from "./native.js";

/**
 * C (n×m) = L·R with L and R read through strides (src/base/matrix.ts's ProductKernel says how).
 * Every entry is summed exactly as the triple loop sums it: s = 0, then s += L(i,p)·R(p,j) for
 * p = 0, 1, …, k−1, a multiply then an add. The tiles (WebAssembly SIMD or JS) and the edge loop
 * all keep that order, so the result is bit-identical to the triple loop, on every path and run.
 */
export function gemm(
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
): void {
  if (backend === "native") {
    lastNativePath =
      nativeAddon!.gemm(a, aRs, aCs, b, bRs, bCs, c, n, k, m, SPARSE_CODE[sparseMode]) === 2 ? "sparse" : "dense";
    return;
  }
  const n4 = n - (n % 4),
    m4 = m - (m % 4);
  let path: ReturnType<typeof tilesWasm> = "none";
  if (backend === "wasm" && m4 > 0 && (n4 > 0 || (bCs === 1 && n > 0)))
    path = tilesWasm(a, aRs, aCs, b, bRs, bCs, c, n, k, m, n4, m4);
  lastWasmPath = path;
  if (path === "none" && n4 > 0 && m4 > 0) tilesJs(a, aRs, aCs, b, bRs, bCs, c, n4, k, m4, m);
  // the sparse path computed columns [0, m4) of every row; the others of rows [0, n4)
  edges(a, aRs, aCs, b, bRs, bCs, c, n, k, m, path === "sparse" ? n : n4, m4);
}

/**
 * JS tiles: rows [0, n4) × columns [0, m4) of C in 4×4 register tiles. For each tile the 16
 * sums live in local variables; each step p loads 4 entries of L's column p and 4 of R's row p
 * and does 16 multiply-adds. No cache blocking over k: at the chapter's shapes a 4-row panel of L
 * (4×784 doubles, 25 KB) stays in L1 while R streams through L2. The WebAssembly tiles do the
 * same work two entries at a time.
 */
function tilesJs(
  a: Float64Array,
  aRs: number,
  aCs: number,
  b: Float64Array,
  bRs: number,
  bCs: number,
  c: Float64Array,
  n4: number,
  k: number,
  m4: number,
  ldc: number,
): void {
  for (let i = 0; i < n4; i += 4) {
    for (let j = 0; j < m4; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let pa = i * aRs,
        pb = j * bCs;
      for (let p = 0; p < k; p++, pa += aCs, pb += bRs) {
        const b0 = b[pb],
          b1 = b[pb + bCs],
          b2 = b[pb + 2 * bCs],
          b3 = b[pb + 3 * bCs];
        let x = a[pa];
        c00 += x * b0;
        c01 += x * b1;
        c02 += x * b2;
        c03 += x * b3;
        x = a[pa + aRs];
        c10 += x * b0;
        c11 += x * b1;
        c12 += x * b2;
        c13 += x * b3;
        x = a[pa + 2 * aRs];
        c20 += x * b0;
        c21 += x * b1;
        c22 += x * b2;
        c23 += x * b3;
        x = a[pa + 3 * aRs];
        c30 += x * b0;
        c31 += x * b1;
        c32 += x * b2;
        c33 += x * b3;
      }
      let o = i * ldc + j;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += ldc;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += ldc;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += ldc;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
  }
}

/** The entries outside the tiles: columns [m4, m) of rows [0, n4), then all of rows [n4, n); one dot product each. */
function edges(
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
  n4: number,
  m4: number,
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

type Backend = "native" | "wasm" | "js";
/** When the wasm products skip L's zeros: "auto" (when about half of L or more is zeros, judged from a sample), "always", "never". */
type SparseMode = "auto" | "always" | "never";
interface GemmWasm {
  packL(l: number, lRs: number, lCs: number, n4: number, k: number, dst: number): void;
  packR(r: number, rRs: number, rCs: number, k: number, m4: number, dst: number): void;
  tiles(lp: number, rp: number, c: number, ldc: number, n4: number, k: number, m4: number): void;
  nonzeros(l: number, lRs: number, lCs: number, n: number, k: number, start: number, idx: number, val: number): number;
  finite(at: number, count: number): number;
  sparseRows(
    start: number,
    idx: number,
    val: number,
    r: number,
    rRs: number,
    c: number,
    ldc: number,
    n: number,
    m4: number,
  ): void;
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
/** The fastest backend this thread has: what the products use unless setKernelBackend says otherwise. */
export const defaultBackend: Backend = nativeAddon ? "native" : wasm ? "wasm" : "js";
let backend: Backend = defaultBackend;
let sparseMode: SparseMode = "auto";
const SPARSE_CODE = { never: 0, auto: 1, always: 2 } as const;
let heap = wasm ? new Float64Array(wasm.memory.buffer) : new Float64Array(0);

/** Largest wasm memory the kernels may use (per thread, in doubles, 32 MB): bigger products go in row chunks or to the JS tiles. */
const WASM_MAX_DOUBLES = (32 << 20) / 8;

/**
 * Which kernels the products use: "native" (the default where the AVX2 addon is loaded, see
 * src/kernels/native.ts), "wasm" (the default otherwise, where WebAssembly SIMD is available) or
 * "js"; with native or wasm, whether zeros of the left operand are skipped (`sparse`, default
 * "auto": when about half of its entries or more are zeros, judged from a sample). Every choice
 * gives identical bytes; the switches exist for the kernel specs and the benchmark.
 * `setKernelBackend("default")` returns to `defaultBackend`.
 */
export function setKernelBackend(name: Backend | "default", opts: { sparse?: SparseMode } = {}): void {
  if (name !== "native" && name !== "wasm" && name !== "js" && name !== "default")
    fail("setKernelBackend", "name", "'native', 'wasm', 'js' or 'default'", describe(name));
  if (name === "native" && !nativeAddon)
    fail(
      "setKernelBackend",
      "name",
      "'wasm' or 'js' (the native kernels are not loaded: see nativeKernels())",
      "'native'",
    );
  if (name === "wasm" && !wasm)
    fail("setKernelBackend", "name", "'js' (WebAssembly SIMD is not available here)", "'wasm'");
  const sparse = opts.sparse ?? "auto";
  if (sparse !== "auto" && sparse !== "always" && sparse !== "never")
    fail("setKernelBackend", "opts.sparse", "'auto', 'always' or 'never'", describe(sparse));
  backend = name === "default" ? defaultBackend : name;
  sparseMode = sparse;
}

export function kernelBackend(): Backend {
  return backend;
}

/** Which path the last wasm product took (for the kernel specs and the benchmark). */
export let lastWasmPath: "dense" | "sparse" | "chunked" | "none" = "none";
/** Which path the last native product took. */
export let lastNativePath: "dense" | "sparse" | "none" = "none";

function ensureDoubles(count: number): void {
  if (heap.length >= count) return;
  const pages = Math.ceil((count * 8 - wasm!.memory.buffer.byteLength) / 65536);
  wasm!.memory.grow(pages);
  heap = new Float64Array(wasm!.memory.buffer);
}

/**
 * Whether at least half of `a` looks like zeros, judged from at most about 2,048 evenly spaced
 * entries (a full count would cost a sizeable part of a dense product). Only speed depends on the answer:
 * both paths give the same bits.
 */
function mostlyZeros(a: Float64Array): boolean {
  const step = Math.max(1, Math.floor(a.length / 2048));
  let zeros = 0,
    seen = 0;
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
  n4: number,
  m4: number,
): "dense" | "sparse" | "chunked" | "none" {
  const w = wasm!;
  const packed = n4 * k + k * m4;
  const lists = Math.ceil((n + 1) / 2) + Math.ceil((n * k) / 2) + n * k; // start, idx (i32), val
  const canSkip =
    bCs === 1 && m4 >= 4 && k > 0 && (sparseMode === "always" || (sparseMode === "auto" && mostlyZeros(a)));
  const work = canSkip ? Math.max(packed, lists) : packed;
  if (a.length + b.length + work + n * m <= WASM_MAX_DOUBLES) {
    ensureDoubles(a.length + b.length + work + n * m);
    const bAt = a.length,
      workAt = bAt + b.length,
      cAt = workAt + work;
    heap.set(a, 0);
    heap.set(b, bAt);
    if (canSkip) {
      const idxAt = workAt + Math.ceil((n + 1) / 2),
        valAt = idxAt + Math.ceil((n * k) / 2);
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
  const rows = Math.floor((WASM_MAX_DOUBLES - fixed) / (aRs + k + m) / 4) * 4;
  if (rows < 4) return "none";
  ensureDoubles(fixed + rows * (aRs + k + m));
  heap.set(b, 0);
  const rpAt = b.length,
    aAt = fixed,
    lpAt = aAt + rows * aRs,
    cAt = lpAt + rows * k;
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
