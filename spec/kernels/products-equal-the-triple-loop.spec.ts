/**
 * The fast matrix products (4×8 AVX2 tiles in the native addon, 4×4 tiles in WebAssembly SIMD or
 * JS, plus the edge loop) promise more than closeness: every entry is summed in the plain loop's
 * order (s = 0; s += a·b for p = 0, 1, …), so each product must equal the textbook triple loop bit
 * for bit, on every backend, for every shape — 1×1, empty inner dimension, tall, wide, sizes that
 * are not multiples of the tile — and whatever `out` held before. The native backend is checked
 * where it is loaded; spec/kernels/native-kernels-load-where-they-should.spec.ts fails when it
 * should be and is not.
 */
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  setProductKernel,
  tripleLoop as defining,
} from "../../src/base/matrix.js";
import { kernelBackend, lastWasmPath, setKernelBackend } from "../../src/kernels/gemm.js";
import { nativeAddon } from "../../src/kernels/native.js";
import { KINDS, product, tripleLoop, type Kind } from "./triple-loop.js";
import { Rng } from "../../src/base/rng.js";
import { expectThrowsWith } from "../helpers.js";

const BACKENDS = [...(nativeAddon ? (["native"] as const) : []), "wasm", "js"] as const;

/** Operands for C = op(A)·op(B) of shape n×m with inner dimension k, as each function stores them. */
function operands(kind: Kind, n: number, k: number, m: number, rng: Rng): { A: Matrix; B: Matrix } {
  const A = kind === "matmulTransA" ? rng.randn(k, n) : rng.randn(n, k);
  const B = kind === "matmulTransB" ? rng.randn(m, k) : rng.randn(k, m);
  return { A, B };
}

/** Fails with the first differing entry, the shape, the path and the seed to reproduce. */
function expectSameBits(
  kind: Kind,
  got: Matrix,
  want: Float64Array,
  n: number,
  k: number,
  m: number,
  seed: number,
  note = "",
): void {
  expect([got.rows, got.cols], `${kind} ${n}×${k}·${k}×${m} shape`).toEqual([n, m]);
  for (let e = 0; e < want.length; e++) {
    if (!Object.is(got.data[e], want[e])) {
      const i = Math.floor(e / m),
        j = e % m;
      expect.fail(
        `${kind}: a ${n}×${m} product (inner ${k}) on the ${kernelBackend()} tiles${note} differs from the plain triple loop ` +
          `at (${i}, ${j}): expected ${want[e]}, received ${got.data[e]} (Rng seed ${seed}).\n` +
          "Usual mistake: a wrong stride or edge bound (rows/columns past the last full 4×4 tile), a stale `out`, " +
          "or a changed summation order (fused multiply-add, split accumulators): the kernels promise the loop's exact sums.",
      );
    }
  }
}

afterEach(() => setKernelBackend("default"));

describe("each matrix product equals the plain triple loop bit for bit (ch. 3 dot products; the kernels of Affine, §5.6)", () => {
  const dim = fc.integer({ min: 1, max: 14 });

  for (const backend of BACKENDS) {
    it(`on generated shapes up to 14×14×14 (inner dimension from 0), ${backend} tiles`, () => {
      setKernelBackend(backend);
      fc.assert(
        fc.property(
          fc.constantFrom(...KINDS),
          dim,
          fc.integer({ min: 0, max: 14 }),
          dim,
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (kind, n, k, m, seed) => {
            const { A, B } = operands(kind, n, k, m, new Rng(seed));
            expectSameBits(kind, product(kind, A, B), tripleLoop(kind, A, B, n, k, m), n, k, m, seed);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  // 1×1; tall and wide; one full tile plus every possible edge; the chapter's own layer shapes (scaled down in k)
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 7, 1],
    [37, 5, 1],
    [1, 5, 37],
    [61, 3, 2],
    [2, 3, 61],
    [4, 9, 4],
    [5, 9, 5],
    [7, 6, 7],
    [8, 33, 12],
    [128, 20, 10],
    [13, 100, 100],
  ];
  for (const backend of BACKENDS)
    it(`on fixed shapes (1×1, tall, wide, tile edges, the net's 128×…×10), ${backend} tiles`, () => {
      setKernelBackend(backend);
      for (const [n, k, m] of shapes)
        for (const kind of KINDS) {
          const seed = n * 10007 + k * 101 + m;
          const { A, B } = operands(kind, n, k, m, new Rng(seed));
          expectSameBits(kind, product(kind, A, B), tripleLoop(kind, A, B, n, k, m), n, k, m, seed);
        }
    });

  it("writes every entry of a reused `out` (filled with NaN first) and returns that same object, twice in a row", () => {
    for (const backend of BACKENDS) {
      setKernelBackend(backend);
      for (const kind of KINDS)
        for (const [n, k, m] of [
          [6, 5, 7],
          [8, 4, 8],
          [1, 3, 2],
        ] as [number, number, number][]) {
          const seed = 4242 + n;
          const { A, B } = operands(kind, n, k, m, new Rng(seed));
          const out = Matrix.filled(n, m, NaN);
          const want = tripleLoop(kind, A, B, n, k, m);
          expect(product(kind, A, B, out), `${kind} must return the \`out\` it was given`).toBe(out);
          expectSameBits(kind, out, want, n, k, m, seed, " (out reused, first call)");
          expect(product(kind, A, B, out)).toBe(out);
          expectSameBits(kind, out, want, n, k, m, seed, " (out reused, second call: same inputs, same bytes)");
        }
    }
  });

  it("gives the same bytes when a product outgrows the 32 MB wasm budget: row chunks (A·B, A·Bᵀ) or the JS tiles (Aᵀ·B)", () => {
    // L 2,700×784 (2.1 Mi doubles) plus its packed panels (another 2.1 Mi) pass the budget of 4 Mi doubles
    const n = 2700,
      k = 784,
      m = 12;
    setKernelBackend("wasm");
    for (const kind of KINDS) {
      const seed = 77;
      const { A, B } = operands(kind, n, k, m, new Rng(seed));
      expectSameBits(
        kind,
        product(kind, A, B),
        tripleLoop(kind, A, B, n, k, m),
        n,
        k,
        m,
        seed,
        " (past the wasm budget)",
      );
      expect(lastWasmPath, `${kind} past the wasm budget`).toBe(kind === "matmulTransA" ? "none" : "chunked");
    }
  });

  it("src/base/matrix.ts's tripleLoop, the products' definition, is this spec's triple loop, and set as the kernel gives those bits", () => {
    try {
      setProductKernel(defining);
      for (const [n, k, m] of [
        [1, 1, 1],
        [5, 0, 3],
        [6, 7, 9],
        [13, 20, 5],
      ] as [number, number, number][])
        for (const kind of KINDS) {
          const seed = 900 + n * 31 + k;
          const { A, B } = operands(kind, n, k, m, new Rng(seed));
          expectSameBits(
            kind,
            product(kind, A, B, Matrix.filled(n, m, NaN)),
            tripleLoop(kind, A, B, n, k, m),
            n,
            k,
            m,
            seed,
            " (setProductKernel(tripleLoop))",
          );
        }
    } finally {
      setProductKernel(null);
    }
    expectThrowsWith(
      () => setProductKernel("fast" as never),
      "setProductKernel",
      "kernel",
      "a ProductKernel function or null",
    );
  });

  it("refuses an `out` that is one of its operands, and a wrongly shaped `out`, naming both shapes", () => {
    const A = new Rng(1).randn(3, 3),
      B = new Rng(2).randn(3, 3);
    expectThrowsWith(() => matmul(A, B, A), "matmul", "out", "not A's or B's");
    expectThrowsWith(() => matmulTransB(A, B, B), "matmulTransB", "out", "not A's or B's");
    expectThrowsWith(() => matmulTransA(A, B, new Matrix(3, 2)), "matmulTransA", "out", "3×3", "3×2");
    expectThrowsWith(() => setKernelBackend("gpu" as "js"), "setKernelBackend", "'native', 'wasm', 'js'", '"gpu"');
  });
});
