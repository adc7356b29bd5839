/**
 * The book's common/gradient.py: the numerical gradient that checks backprop (§4.4, §5.7).
 */
import { Matrix } from "./base/matrix.js";
import { checkFinite, checkPositive } from "./base/validate.js";

/**
 * Numerical gradient by central difference (f(x+h) − f(x−h)) / 2h, h = 1e-4 as in the book.
 * `f` is evaluated with x changed in place, one entry at a time, and x is restored after each.
 */
export function numericalGradient(f: (x: Matrix) => number, x: Matrix, h = 1e-4): Matrix {
  checkPositive("numericalGradient", "h", h);
  checkFinite("numericalGradient", "x", x);
  const grad = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.data.length; i++) {
    const tmp = x.data[i];
    x.data[i] = tmp + h;
    const fxh1 = f(x);
    x.data[i] = tmp - h;
    const fxh2 = f(x);
    x.data[i] = tmp;
    grad.data[i] = (fxh1 - fxh2) / (2 * h);
  }
  return grad;
}
