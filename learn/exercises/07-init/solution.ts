/**
 * Exercise 07 · Xavier and He initial weights — reference solution (book §6.2.2–6.2.3).
 * n is the number of nodes of the previous layer, i.e. the rows of W (x·W needs nIn rows).
 */
import type { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";

export type Init = "xavier" | "he" | number;

/** Xavier std = √(1/n), He std = √(2/n), a number is the std itself (§6.2.2). */
export function initStd(init: Init, n: number): number {
  if (typeof init === "number") return init;
  return init === "he" ? Math.sqrt(2 / n) : Math.sqrt(1 / n);
}

/** std · randn(nIn, nOut), as the book draws W (§6.2.2). */
export function initWeight(nIn: number, nOut: number, init: Init, rng: Rng): Matrix {
  return rng.randn(nIn, nOut, initStd(init, nIn));
}
