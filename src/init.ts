/**
 * Initial weights (§6.2). n is the number of nodes in the previous layer (fan-in).
 * - a number σ: N(0, σ²) (std 1, std 0.01, … ; 0 gives all zeros)
 * - 'xavier' / 'sigmoid': std √(1/n)        - 'he' / 'relu': std √(2/n)
 *   (book quirk: the book's Xavier uses the fan-in n only, and its names are the activations')
 * - 'glorot': std √(2/(n_in + n_out)), the fan-in + fan-out variant the notes mention
 * - 'zeros' or { constant: c }: every weight equal, to show the symmetric-weight failure.
 */
import { Matrix } from "./base/matrix.js";
import type { Rng } from "./base/rng.js";
import { checkInteger, checkNonNegative, checkNumber, describe, fail } from "./base/validate.js";

export const INIT_NAMES = ["he", "relu", "xavier", "sigmoid", "glorot", "zeros"] as const;
export type InitName = (typeof INIT_NAMES)[number];
export type WeightInit = number | InitName | { constant: number };

/** The std a scheme gives for an nIn×nOut weight matrix (null for zeros/constant: no draws). */
export function initStd(init: WeightInit, nIn: number, nOut: number): number | null {
  if (typeof init === "number") return checkNonNegative("initStd", "weightInitStd", init);
  if (typeof init === "object" && init !== null && "constant" in init) return null;
  if (typeof init !== "string")
    fail(
      "initStd",
      "weightInitStd",
      `a number ≥ 0, one of ${INIT_NAMES.map((n) => `'${n}'`).join(", ")}, or { constant: c }`,
      describe(init),
    );
  switch (init.toLowerCase()) {
    case "he":
    case "relu":
      return Math.sqrt(2.0 / nIn);
    case "xavier":
    case "sigmoid":
      return Math.sqrt(1.0 / nIn);
    case "glorot":
      return Math.sqrt(2.0 / (nIn + nOut));
    case "zeros":
      return null;
  }
  return fail(
    "initStd",
    "weightInitStd",
    `a number ≥ 0, one of ${INIT_NAMES.map((n) => `'${n}'`).join(", ")}, or { constant: c }`,
    describe(init),
  );
}

/** An nIn×nOut weight matrix: std·randn(nIn, nOut) as the book draws it, or a constant fill. */
export function initWeight(nIn: number, nOut: number, init: WeightInit, rng: Rng): Matrix {
  checkInteger("initWeight", "nIn", nIn, 1);
  checkInteger("initWeight", "nOut", nOut, 1);
  const std = initStd(init, nIn, nOut);
  if (std !== null) {
    if (!rng || typeof rng.normal !== "function") fail("initWeight", "rng", "an Rng (seeded generator)", describe(rng));
    return rng.randn(nIn, nOut, std);
  }
  const c = typeof init === "object" ? checkNumber("initWeight", "weightInitStd.constant", init.constant) : 0;
  return Matrix.filled(nIn, nOut, c);
}
