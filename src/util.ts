/**
 * The book's common/util.py, the part chapter 6 uses: smooth_curve (smoothCurve), which draws the
 * loss curves of Figures 6-9 and 6-15.
 *
 *   s = np.r_[x[window_len-1:0:-1], x, x[-1:-window_len:-1]]   (reflected ends)
 *   w = np.kaiser(window_len, 2)                              (window_len = 11)
 *   y = np.convolve(w/w.sum(), s, mode='valid')
 *   return y[5:len(y)-5]
 *
 * Book quirk: Python's slice clamping and np.convolve's swap of a shorter first operand are reproduced,
 * so inputs shorter than the window give NumPy's (odd) outputs too: lengths 1–7 give [],
 * 8 → 3 values, 9 → 6, 10 → 9, and from 11 on the output has the input's length.
 */
import { checkFinite, describe, fail } from "./base/validate.js";
import { Matrix } from "./base/matrix.js";

export const SMOOTH_WINDOW = 11;
export const SMOOTH_BETA = 2;

/** Modified Bessel function of the first kind, order 0: Σ ((x/2)^k / k!)², summed to convergence. */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1,
    sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** np.kaiser(M, β): I0(β·√(1 − ((n − α)/α)²)) / I0(β), α = (M − 1)/2, n = 0 … M−1. */
export function kaiser(M: number, beta: number): Float64Array {
  if (!Number.isInteger(M) || M < 1) fail("kaiser", "M", "an integer ≥ 1", describe(M));
  if (M === 1) return Float64Array.of(1);
  const alpha = (M - 1) / 2;
  const w = new Float64Array(M);
  for (let n = 0; n < M; n++) {
    const r = (n - alpha) / alpha;
    w[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
  }
  return w;
}

/** Python's normalisation of a slice bound for a sequence of length `len` (step +1 or −1). */
function sliceBound(i: number, len: number, step: 1 | -1): number {
  if (i < 0) i += len;
  if (step > 0) return Math.min(Math.max(i, 0), len);
  return Math.min(Math.max(i, -1), len - 1);
}

/** x[start:stop:step] with Python's semantics (step ±1). */
function pySlice(x: ArrayLike<number>, start: number, stop: number, step: 1 | -1): number[] {
  const n = x.length,
    out: number[] = [];
  const a = sliceBound(start, n, step),
    b = sliceBound(stop, n, step);
  if (step > 0) for (let i = a; i < b; i++) out.push(x[i]);
  else for (let i = a; i > b; i--) out.push(x[i]);
  return out;
}

/** np.convolve(a, v, mode='valid'): the longer operand slides under the reversed shorter one. */
function convolveValid(a: ArrayLike<number>, v: ArrayLike<number>): number[] {
  let big = a,
    small = v;
  if (v.length > a.length) [big, small] = [v, a];
  const S = small.length,
    out: number[] = [];
  for (let k = 0; k + S <= big.length; k++) {
    let s = 0;
    for (let j = 0; j < S; j++) s += big[k + j] * small[S - 1 - j];
    out.push(s);
  }
  return out;
}

/** The book's smooth_curve: a Kaiser-window (11, β = 2) moving average with reflected ends. */
export function smoothCurve(x: ArrayLike<number>): number[] {
  if (x === null || typeof x !== "object" || typeof (x as ArrayLike<number>).length !== "number")
    fail("smoothCurve", "x", "an array of numbers (a loss curve)", describe(x));
  if (x.length === 0)
    fail("smoothCurve", "x", "at least one value (np.convolve rejects an empty input)", "an empty array");
  checkFinite("smoothCurve", "x", new Matrix(1, x.length, Float64Array.from(x)));
  const wl = SMOOTH_WINDOW;
  const s = [...pySlice(x, wl - 1, 0, -1), ...Array.from(x), ...pySlice(x, -1, -wl, -1)];
  const w = kaiser(wl, SMOOTH_BETA);
  let wsum = 0;
  for (const v of w) wsum += v;
  const wn = w.map((v) => v / wsum);
  const y = convolveValid(wn, s);
  return pySlice(y, 5, y.length - 5, 1);
}
