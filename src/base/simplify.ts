/**
 * Polyline simplification. The renderer drops points closer than 1/9 px to the simplified line
 * (invisible, as matplotlib's path.simplify_threshold), and Figure 6-8's contour data is thinned
 * once in data units (src/experiments/optimizer-paths.ts) so that every render does less work.
 */

/** Ramer–Douglas–Peucker: marks the points to keep so that no dropped point is farther than `eps` from the kept polyline. */
export function simplify(X: ArrayLike<number>, Y: ArrayLike<number>, eps: number): Uint8Array {
  const n = X.length;
  const keep = new Uint8Array(n);
  if (n === 0) return keep;
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const j = stack.pop()!,
      i = stack.pop()!;
    const dx = X[j] - X[i],
      dy = Y[j] - Y[i];
    const len = Math.hypot(dx, dy);
    let worst = -1,
      worstD = eps;
    for (let k = i + 1; k < j; k++) {
      const ex = X[k] - X[i],
        ey = Y[k] - Y[i];
      const d = len > 0 ? Math.abs(ex * dy - ey * dx) / len : Math.hypot(ex, ey);
      if (d > worstD) {
        worstD = d;
        worst = k;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(i, worst, worst, j);
    }
  }
  return keep;
}
