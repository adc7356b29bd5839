/**
 * Broken functions: softmax, cross entropy and the numerical differentiator, each replaced by a
 * version with one classic mistake, named after it.
 */
import type { Labels, Matrix } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M } = reference;

/** Softmax without subtracting the row maximum: exp(1000) overflows to Infinity. */
export function softmaxWithoutMax(x: Matrix): Matrix {
  const y = x.map(Math.exp);
  for (let i = 0; i < y.rows; i++) {
    let s = 0;
    for (let j = 0; j < y.cols; j++) s += y.data[i * y.cols + j];
    for (let j = 0; j < y.cols; j++) y.data[i * y.cols + j] = y.data[i * y.cols + j] / s;
  }
  return y;
}

/** Softmax normalised over each column (the batch axis) instead of each row. */
export function softmaxOverColumns(x: Matrix): Matrix {
  return reference.softmax(x.transpose()).transpose();
}

/** Cross entropy with the minus sign dropped. */
export function crossEntropyMissingMinus(y: Matrix, t: Labels): number {
  return -reference.crossEntropyError(y, t);
}

/** Cross entropy without the book's 1e-7 inside the log. */
export function crossEntropyWithoutDelta(y: Matrix, t: Labels): number {
  const idx = t instanceof M ? Array.from(t.argmaxRows()) : Array.from(t as ArrayLike<number>);
  let s = 0;
  for (let i = 0; i < y.rows; i++) s += Math.log(y.data[i * y.cols + idx[i]]);
  return -s / y.rows;
}

/** Cross entropy summed over the batch instead of averaged. */
export function crossEntropySummed(y: Matrix, t: Labels): number {
  return reference.crossEntropyError(y, t) * y.rows;
}

/** A forward difference (f(x + h) − f(x))/h: first-order accurate. */
export function numericalGradientForward(f: (x: Matrix) => number, x: Matrix, h = 1e-4): Matrix {
  const grad = new M(x.rows, x.cols);
  const fx = f(x);
  for (let i = 0; i < x.data.length; i++) {
    const tmp = x.data[i];
    x.data[i] = tmp + h;
    grad.data[i] = (f(x) - fx) / h;
    x.data[i] = tmp;
  }
  return grad;
}

/** A central difference divided by h instead of 2h. */
export function numericalGradientOverH(f: (x: Matrix) => number, x: Matrix, h = 1e-4): Matrix {
  return reference.numericalGradient(f, x, h).scale(2);
}
