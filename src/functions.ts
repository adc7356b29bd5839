/**
 * The book's common/functions.py: the activations (ch. 3; tanh, leaky ReLU and ELU, from the
 * lecture notes on activations in docs/book.md, besides the book's sigmoid and ReLU), softmax and
 * the losses (ch. 4). The numerical gradient is in gradient.ts, as the book's is in common/gradient.py.
 */
import { Matrix } from "./base/matrix.js";
import { checkRows, describe, fail } from "./base/validate.js";

/** σ(x) = 1 / (1 + e^−x) */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** max(0, x) */
export const relu = (x: number): number => (x > 0 ? x : 0);
/** tanh(x) */
export const tanh = (x: number): number => Math.tanh(x);
/** Leaky ReLU: x for x > 0, αx otherwise (α = 0.01 by default). */
export const leakyRelu = (x: number, alpha = 0.01): number => (x > 0 ? x : alpha * x);
/** ELU: x for x > 0, α(eˣ − 1) otherwise (α = 1 by default). */
export const elu = (x: number, alpha = 1): number => (x > 0 ? x : alpha * (Math.exp(x) - 1));

/** Labels as class indices (Int32Array / number[]) or as a one-hot matrix. */
export type Labels = Matrix | Int32Array | readonly number[];

/** Row-wise softmax with each row's max subtracted first, so logits of ±1000 do not overflow. */
export function softmax(x: Matrix): Matrix {
  const { rows, cols } = x;
  const y = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (x.data[o + j] > max) max = x.data[o + j];
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(x.data[o + j] - max);
      y.data[o + j] = e;
      s += e;
    }
    for (let j = 0; j < cols; j++) y.data[o + j] = y.data[o + j] / s;
  }
  return y;
}

/** Converts labels to class indices, checking them against the number of classes. */
export function labelIndices(where: string, t: Labels, rows: number, classes: number): Int32Array {
  if (t instanceof Matrix) {
    if (t.rows !== rows || t.cols !== classes)
      fail(where, "t", `${rows} labels: a ${rows}×${classes} one-hot Matrix or ${rows} class indices`, describe(t));
    return t.argmaxRows();
  }
  if (!(t instanceof Int32Array) && !Array.isArray(t))
    fail(where, "t", `${rows} class indices or a ${rows}×${classes} one-hot Matrix`, describe(t));
  if (t.length !== rows) fail(where, "t", `${rows} labels (one per row of y)`, `${t.length}`);
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const k = t[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes)
      fail(where, `t[${i}]`, `a class index in [0, ${classes})`, describe(k));
    out[i] = k;
  }
  return out;
}

/**
 * Cross-entropy error −Σ log(y_t + 1e-7) / N, as the book computes it. Book quirk: the 1e-7
 * inside the log (it keeps log(0) finite and shifts every loss a little). With one-hot labels the
 * book takes the argmax, as here.
 */
export function crossEntropyError(y: Matrix, t: Labels): number {
  checkRows("crossEntropyError", "y", y, 1, "the loss is a mean over rows");
  const idx = labelIndices("crossEntropyError", t, y.rows, y.cols);
  let s = 0;
  for (let i = 0; i < y.rows; i++) s += Math.log(y.data[i * y.cols + idx[i]] + 1e-7);
  return -s / y.rows;
}

/** Mean squared error as the book writes it: ½ Σ (y − t)². Book quirk: summed over all entries, not averaged. */
export function meanSquaredError(y: Matrix, t: Matrix): number {
  if (t.rows !== y.rows || t.cols !== y.cols)
    fail("meanSquaredError", "t", `shape ${y.rows}×${y.cols} (same as y)`, describe(t));
  let s = 0;
  for (let i = 0; i < y.data.length; i++) s += (y.data[i] - t.data[i]) ** 2;
  return 0.5 * s;
}
