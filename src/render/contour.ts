/**
 * Contour lines by marching squares (pure: no canvas). The field is sampled on a grid,
 * z[j·nx + i] = f(x[i], y[j]); a point is "above" a level when z > level, as in matplotlib.
 * Each grid edge whose ends lie on different sides holds one crossing, placed by linear
 * interpolation; every cell joins its crossings into segments (a saddle cell is decided by the
 * mean of its corners) and the segments are chained into polylines through their shared edges.
 */
import { checkNumber, fail } from "../validate.js";
import { tickStep } from "./ticks.js";

/** Samples of a function on a grid: z[j·nx + i] = f(x[i], y[j]), x and y increasing. */
export interface Field {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  z: ArrayLike<number>;
}

/** A polyline in data coordinates [x0, y0, x1, y1, …]; closed ones repeat the first point at the end. */
export type Polyline = number[];

export function checkField(where: string, field: Field): void {
  if (!field || typeof field !== "object") fail(where, "field", "{ x, y, z } arrays", String(field));
  const nx = field.x?.length ?? 0, ny = field.y?.length ?? 0;
  if (nx < 2) fail(where, "field.x", "at least 2 grid positions", String(nx));
  if (ny < 2) fail(where, "field.y", "at least 2 grid positions", String(ny));
  if (field.z?.length !== nx * ny) fail(where, "field.z", `${nx * ny} values (x.length × y.length = ${nx}×${ny})`, String(field.z?.length));
}

/** The contour lines of `field` at `level`, as polylines. */
export function contourLines(field: Field, level: number): Polyline[] {
  checkField("contourLines", field);
  checkNumber("contourLines", "level", level);
  const { x, y, z } = field;
  const nx = x.length, ny = y.length;
  const NH = (nx - 1) * ny; // horizontal edges (i, j)–(i+1, j) come first, then vertical ones
  const H = (i: number, j: number) => j * (nx - 1) + i;
  const V = (i: number, j: number) => NH + j * nx + i;
  const adj = new Map<number, number[]>();
  const link = (a: number, b: number) => {
    let la = adj.get(a);
    if (!la) adj.set(a, (la = []));
    la.push(b);
    let lb = adj.get(b);
    if (!lb) adj.set(b, (lb = []));
    lb.push(a);
  };

  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const zbl = z[j * nx + i]!, zbr = z[j * nx + i + 1]!, ztr = z[(j + 1) * nx + i + 1]!, ztl = z[(j + 1) * nx + i]!;
      const c = (zbl > level ? 1 : 0) | (zbr > level ? 2 : 0) | (ztr > level ? 4 : 0) | (ztl > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const B = H(i, j), T = H(i, j + 1), L = V(i, j), R = V(i + 1, j);
      switch (c) {
        case 1: case 14: link(L, B); break;
        case 2: case 13: link(B, R); break;
        case 3: case 12: link(L, R); break;
        case 4: case 11: link(R, T); break;
        case 6: case 9: link(B, T); break;
        case 7: case 8: link(L, T); break;
        case 5: // bl, tr above
          if ((zbl + zbr + ztr + ztl) / 4 > level) { link(B, R); link(L, T); } else { link(L, B); link(R, T); }
          break;
        case 10: // br, tl above
          if ((zbl + zbr + ztr + ztl) / 4 > level) { link(L, B); link(R, T); } else { link(B, R); link(L, T); }
          break;
      }
    }
  }

  const point = (e: number, out: number[]) => {
    let i0: number, j0: number, i1: number, j1: number;
    if (e < NH) {
      j0 = j1 = Math.floor(e / (nx - 1));
      i0 = e - j0 * (nx - 1);
      i1 = i0 + 1;
    } else {
      const k = e - NH;
      j0 = Math.floor(k / nx);
      i0 = i1 = k - j0 * nx;
      j1 = j0 + 1;
    }
    const a = z[j0 * nx + i0]!, b = z[j1 * nx + i1]!;
    const t = (level - a) / (b - a);
    out.push(x[i0]! + t * (x[i1]! - x[i0]!), y[j0]! + t * (y[j1]! - y[j0]!));
  };

  const visited = new Set<number>();
  const lines: Polyline[] = [];
  const walk = (start: number) => {
    const line: number[] = [];
    let prev = -1, cur = start;
    for (;;) {
      visited.add(cur);
      point(cur, line);
      const next = adj.get(cur)!.find((n) => n !== prev && !visited.has(n));
      if (next === undefined) {
        // closed loop: back at the start
        if (adj.get(cur)!.includes(start) && line.length > 4 && prev !== start) point(start, line);
        break;
      }
      prev = cur;
      cur = next;
    }
    lines.push(line);
  };
  // Open chains start at an end (an edge with one neighbour, on the grid's border); the rest are loops.
  const keys = [...adj.keys()].sort((a, b) => a - b);
  for (const e of keys) if (!visited.has(e) && adj.get(e)!.length === 1) walk(e);
  for (const e of keys) if (!visited.has(e)) walk(e);
  return lines;
}

/** Samples f on the grid x = x0, x0+step, … < x1 (NumPy's arange) and likewise y. */
export function sampleGrid(f: (x: number, y: number) => number, x0: number, x1: number, y0: number, y1: number, step: number): Field {
  const xs = arange(x0, x1, step), ys = arange(y0, y1, step);
  const z = new Float64Array(xs.length * ys.length);
  for (let j = 0; j < ys.length; j++) for (let i = 0; i < xs.length; i++) z[j * xs.length + i] = f(xs[i]!, ys[j]!);
  return { x: xs, y: ys, z };
}

/** NumPy's arange(start, stop, step): ceil((stop − start)/step) values start + k·step. */
export function arange(start: number, stop: number, step: number): Float64Array {
  checkNumber("arange", "start", start);
  checkNumber("arange", "stop", stop);
  if (!(step > 0)) fail("arange", "step", "a number > 0", String(step));
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = start + k * step;
  return out;
}

/**
 * matplotlib's automatic contour levels: "nice" values (at most 8 intervals) strictly between the
 * field's minimum and maximum; for f on Figure 6-8's grid (0 … just under 7) they are 1, 2, …, 6.
 */
export function autoLevels(z: ArrayLike<number>): number[] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < z.length; i++) {
    const v = z[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) fail("autoLevels", "z", "a field that is not constant", `all values ${lo}`);
  const step = tickStep(lo, hi, 8);
  const levels: number[] = [];
  for (let k = Math.floor(lo / step); k * step <= hi + step; k++) {
    const v = k * step;
    if (v > lo && v < hi) levels.push(v);
  }
  return levels;
}
