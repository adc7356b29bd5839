/**
 * powInt(b, n) = bⁿ for an integer n ≥ 0, correctly rounded: the product is carried in
 * double-double arithmetic (Dekker's exact multiplication) and rounded once at the end.
 * V8's `**` can be one ulp off glibc's pow (which NumPy and Python use); Adam's bias
 * correction β^t goes through this so its paths match the book's code to the last bit.
 */
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter

function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a),
    al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b),
    bl = b - bh;
  const e = al * bl - (p - ah * bh - al * bh - ah * bl);
  return [p, e];
}

export function powInt(b: number, n: number): number {
  if (!Number.isInteger(n) || n < 0 || !Number.isFinite(b)) return b ** n;
  let hi = 1,
    lo = 0;
  for (let i = 0; i < n; i++) {
    // (hi + lo) · b, renormalised
    const [p, e] = twoProd(hi, b);
    const s = e + lo * b;
    hi = p + s;
    lo = s - (hi - p);
  }
  const r = hi + lo;
  // b is finite, so bⁿ is never NaN: a NaN here means a product or Veltkamp's split (of a value
  // above about 2^996) overflowed and ∞ − ∞ reached the carry. bⁿ is then near or beyond the
  // largest double, far from any β^t of the book: ** gives it (±∞ beyond).
  return Number.isNaN(r) ? b ** n : r;
}
