/**
 * The native and wasm products skip the left operand's zeros when at least half of it is zeros (MNIST pixels
 * are ~80% zeros, ReLU outputs ~50%). The claim: skipping changes no bit. A skipped term 0·R(p,j)
 * is ±0 and adding ±0 to a running sum that started at +0 never changes it, so the sums are the
 * triple loop's, as long as R holds no ∞ or NaN (0·∞ = NaN must still poison the sum): then the
 * dense path must be taken. Checked on every sparse mode, with +0 and −0, NaN and ∞ planted in L,
 * and ∞ or NaN planted in R.
 */
import { afterEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import { Matrix } from "../../src/base/matrix.js";
import { lastNativePath, lastWasmPath, setKernelBackend } from "../../src/kernels/gemm.js";
import { nativeAddon } from "../../src/kernels/native.js";
import { KINDS, product, tripleLoop, type Kind } from "./triple-loop.js";
import { Rng } from "../../src/base/rng.js";

const MODES = ["always", "auto", "never"] as const;
/** The backends that skip zeros: native where it is loaded (spec/kernels/native-kernels-load-where-they-should.spec.ts says when it must be), and wasm. */
const BACKENDS = [...(nativeAddon ? (["native"] as const) : []), "wasm"] as const;
type Backend = (typeof BACKENDS)[number];
const lastPath = (backend: Backend) => (backend === "native" ? lastNativePath : lastWasmPath);

interface Case {
  kind: Kind;
  n: number;
  k: number;
  m: number;
  zeros: number;
  seed: number;
  specialL: number;
  specialR: number;
}

/** randn operands with a fraction `zeros` of L set to +0 or −0, and optionally NaN/±∞ planted in L or R. */
function operands(c: Case): { A: Matrix; B: Matrix } {
  const rng = new Rng(c.seed);
  const A = c.kind === "matmulTransA" ? rng.randn(c.k, c.n) : rng.randn(c.n, c.k);
  const B = c.kind === "matmulTransB" ? rng.randn(c.m, c.k) : rng.randn(c.k, c.m);
  const u = rng.rand(1, A.data.length).data;
  for (let e = 0; e < A.data.length; e++) if (u[e] < c.zeros) A.data[e] = u[e] < c.zeros / 2 ? -0 : 0;
  const SPECIALS = [NaN, Infinity, -Infinity];
  if (c.specialL > 0 && A.data.length > 0) A.data[c.seed % A.data.length] = SPECIALS[c.specialL - 1];
  if (c.specialR > 0 && B.data.length > 0) B.data[(c.seed >> 3) % B.data.length] = SPECIALS[c.specialR - 1];
  return { A, B };
}

function expectSameBits(c: Case, backend: Backend, mode: string, got: Matrix, want: Float64Array): void {
  for (let e = 0; e < want.length; e++)
    if (!Object.is(got.data[e], want[e]))
      expect.fail(
        `${c.kind} ${c.n}×${c.k}·${c.k}×${c.m} with ${(c.zeros * 100).toFixed(0)}% zeros in L, ${backend} kernels, sparse mode '${mode}' ` +
          `(path ${lastPath(backend)}), differs from the triple loop at (${Math.floor(e / c.m)}, ${e % c.m}): expected ${want[e]}, ` +
          `received ${got.data[e]} (Rng seed ${c.seed}, L special ${c.specialL}, R special ${c.specialR}).\n` +
          "Usual mistake: skipping zeros of L although R holds ∞ or NaN (0·∞ is NaN), a sum started at −0, " +
          "a wrong row of R for a listed p, or the columns past the last group of 4 left unwritten.",
      );
}

afterEach(() => setKernelBackend("default"));

describe("skipping L's zeros gives the triple loop's bits (the products of Affine, §5.6, on MNIST-like sparse inputs)", () => {
  const cases = fc.record({
    kind: fc.constantFrom(...KINDS),
    n: fc.integer({ min: 1, max: 13 }),
    k: fc.integer({ min: 0, max: 13 }),
    m: fc.integer({ min: 1, max: 41 }), // past 32: the native sparse rows go 32 columns, then 8, then the rest
    zeros: fc.constantFrom(0, 0.3, 0.5, 0.8, 1),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    specialL: fc.constantFrom(0, 0, 0, 1, 2, 3),
    specialR: fc.constantFrom(0, 0, 0, 1, 2, 3),
  });

  it(`on generated shapes, zero fractions from 0 to 1, ±0 in L and NaN/±∞ in either operand, in every sparse mode (${BACKENDS.join(", ")})`, () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { A, B } = operands(c);
        const want = tripleLoop(c.kind, A, B, c.n, c.k, c.m);
        for (const backend of BACKENDS)
          for (const mode of MODES) {
            setKernelBackend(backend, { sparse: mode });
            expectSameBits(c, backend, mode, product(c.kind, A, B), want);
          }
      }),
      { numRuns: 200 },
    );
  });

  const pathOf = (backend: Backend, c: Case, mode: (typeof MODES)[number]) => {
    const { A, B } = operands(c);
    setKernelBackend(backend, { sparse: mode });
    expectSameBits(c, backend, mode, product(c.kind, A, B), tripleLoop(c.kind, A, B, c.n, c.k, c.m));
    return lastPath(backend);
  };
  const base = { n: 12, k: 30, m: 20, seed: 5, specialL: 0 };

  it.runIf(nativeAddon)(
    "native: takes the sparse path exactly when allowed (R finite, and half of L zeros under 'auto'), for all three products",
    () => {
      for (const kind of KINDS) {
        expect(pathOf("native", { ...base, kind, zeros: 0.8, specialR: 0 }, "auto"), `${kind}, 80% zeros, auto`).toBe(
          "sparse",
        );
        expect(pathOf("native", { ...base, kind, zeros: 0.1, specialR: 0 }, "auto"), `${kind}, 10% zeros, auto`).toBe(
          "dense",
        );
        expect(
          pathOf("native", { ...base, kind, zeros: 0.1, specialR: 0 }, "always"),
          `${kind}, 10% zeros, always`,
        ).toBe("sparse");
        expect(pathOf("native", { ...base, kind, zeros: 0.8, specialR: 0 }, "never"), `${kind}, 80% zeros, never`).toBe(
          "dense",
        );
        for (const specialR of [1, 2, 3])
          expect(
            pathOf("native", { ...base, kind, zeros: 0.8, specialR }, "always"),
            `${kind}, R holds ${[NaN, Infinity, -Infinity][specialR - 1]}`,
          ).toBe("dense");
      }
    },
  );

  it("wasm: takes the sparse path exactly when allowed: R's rows contiguous (A·B, Aᵀ·B), R finite, and half of L zeros under 'auto'", () => {
    const pathOf_ = (c: Case, mode: (typeof MODES)[number]) => pathOf("wasm", c, mode);
    for (const kind of ["matmul", "matmulTransA"] as const) {
      expect(pathOf_({ ...base, kind, zeros: 0.8, specialR: 0 }, "auto"), `${kind}, 80% zeros, auto`).toBe("sparse");
      expect(pathOf_({ ...base, kind, zeros: 0.1, specialR: 0 }, "auto"), `${kind}, 10% zeros, auto`).toBe("dense");
      expect(pathOf_({ ...base, kind, zeros: 0.1, specialR: 0 }, "always"), `${kind}, 10% zeros, always`).toBe(
        "sparse",
      );
      expect(pathOf_({ ...base, kind, zeros: 0.8, specialR: 0 }, "never"), `${kind}, 80% zeros, never`).toBe("dense");
      for (const specialR of [1, 2, 3])
        expect(
          pathOf_({ ...base, kind, zeros: 0.8, specialR }, "always"),
          `${kind}, R holds ${[NaN, Infinity, -Infinity][specialR - 1]}`,
        ).toBe("dense");
    }
    expect(
      pathOf_({ ...base, kind: "matmulTransB", zeros: 0.8, specialR: 0 }, "always"),
      "A·Bᵀ (R's rows are strided)",
    ).toBe("dense");
  });

  it("refuses an unknown sparse mode, naming the option and the choices", () => {
    expect(() => setKernelBackend("wasm", { sparse: "sometimes" as "auto" })).toThrow(
      /opts\.sparse.*'auto', 'always' or 'never'.*"sometimes"/,
    );
  });
});
