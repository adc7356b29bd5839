/**
 * The reference the product kernels are checked against (spec/kernels/*-triple-loop*.spec.ts):
 * the textbook definition of C = op(A)·op(B), entry by entry, summed as the plain loop sums it.
 */
import { Matrix, matmul, matmulTransA, matmulTransB } from "../../src/base/matrix.js";

export type Kind = "matmul" | "matmulTransA" | "matmulTransB";
export const KINDS: Kind[] = ["matmul", "matmulTransA", "matmulTransB"];

/** C[i][j] = Σ_p L(i, p)·R(p, j), p ascending, s starting at 0 (L = A or Aᵀ, R = B or Bᵀ by kind). */
export function tripleLoop(kind: Kind, A: Matrix, B: Matrix, n: number, k: number, m: number): Float64Array {
  const L = (i: number, p: number) => (kind === "matmulTransA" ? A.get(p, i) : A.get(i, p));
  const R = (p: number, j: number) => (kind === "matmulTransB" ? B.get(j, p) : B.get(p, j));
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += L(i, p) * R(p, j);
      c[i * m + j] = s;
    }
  return c;
}

/** The product of that kind, written into `out` when given. */
export const product = (kind: Kind, A: Matrix, B: Matrix, out?: Matrix): Matrix =>
  kind === "matmul" ? matmul(A, B, out) : kind === "matmulTransA" ? matmulTransA(A, B, out) : matmulTransB(A, B, out);
