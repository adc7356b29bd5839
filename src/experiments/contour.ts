/**
 * Contour lines by marching squares: the data of a contour plot, computed here so that the
 * renderer (src/render/) only draws them. The field is sampled on a grid,
 * z[j·nx + i] = f(x[i], y[j]); a point is "above" a level when z > level, as in matplotlib.
 * Each grid edge whose ends lie on different sides holds one crossing, placed by linear
 * interpolation; every cell joins its crossings into segments (a saddle cell is decided by the
 * mean of its corners) and the segments are chained into polylines through their shared edges.
 */
import { tickStep } from "../base/nice-step.js";
import { simplify } from "../base/simplify.js";
import { checkNumber, fail } from "../base/validate.js";

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
  const nx = field.x?.length ?? 0,
    ny = field.y?.length ?? 0;
  if (nx < 2) fail(where, "field.x", "at least 2 grid positions", String(nx));
  if (ny < 2) fail(where, "field.y", "at least 2 grid positions", String(ny));
  if (field.z?.length !== nx * ny)
    fail(where, "field.z", `${nx * ny} values (x.length × y.length = ${nx}×${ny})`, String(field.z?.length));
}

/** The contour lines of `field` at `level`, as polylines. */
export function contourLines(field: Field, level: number): Polyline[] {
  return contourSet(field, [level])[0];
}

/**
 * The contour lines of `field` at each of `levels` (lines[k] for levels[k]). One pass finds the
 * cells whose corners straddle some level (most cells straddle none); each level then links the
 * crossings of those cells only, through typed arrays indexed by edge, and walks them into lines.
 */
export function contourSet(field: Field, levels: readonly number[]): Polyline[][] {
  checkField("contourSet", field);
  if (!Array.isArray(levels)) fail("contourSet", "levels", "an array of numbers", String(levels));
  levels.forEach((l, k) => checkNumber("contourSet", `levels[${k}]`, l));
  const { x, y, z } = field;
  const nx = x.length,
    ny = y.length;
  const NH = (nx - 1) * ny; // horizontal edges (i, j)–(i+1, j) come first, then vertical ones
  const nl = levels.length;

  // band[p] = how many levels lie below z[p]; a level crosses a cell only if its corners' bands differ.
  const sorted = [...levels].sort((a, b) => a - b);
  const band = new Uint16Array(nx * ny);
  for (let p = 0; p < band.length; p++) {
    const v = z[p];
    let b = 0;
    while (b < nl && v > sorted[b]) b++;
    band[p] = b;
  }
  const cells: number[] = [];
  for (let j = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++) {
      const p = j * nx + i,
        b = band[p];
      if (b !== band[p + 1] || b !== band[p + nx] || b !== band[p + nx + 1]) cells.push(p);
    }
  }

  // Each crossing edge has at most two neighbours (one per cell beside it).
  const nEdges = NH + nx * (ny - 1);
  const adj: Adjacency = { n1: new Int32Array(nEdges).fill(-1), n2: new Int32Array(nEdges).fill(-1), touched: [] };
  const visited = new Uint8Array(nEdges);
  return levels.map((level) => {
    for (const p of cells) {
      const i = p % nx,
        j = (p - i) / nx;
      const zbl = z[p],
        zbr = z[p + 1],
        ztr = z[p + nx + 1],
        ztl = z[p + nx];
      const c = (zbl > level ? 1 : 0) | (zbr > level ? 2 : 0) | (ztr > level ? 4 : 0) | (ztl > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      linkCell(
        adj,
        c,
        (zbl + zbr + ztr + ztl) / 4 > level,
        j * (nx - 1) + i,
        (j + 1) * (nx - 1) + i,
        NH + p,
        NH + p + 1,
      );
    }
    const lines = chains(adj, visited, (e, out) => crossing(field, NH, e, level, out));
    for (const e of adj.touched) {
      adj.n1[e] = -1;
      adj.n2[e] = -1;
      visited[e] = 0;
    }
    adj.touched.length = 0;
    return lines;
  });
}

interface Adjacency {
  n1: Int32Array;
  n2: Int32Array;
  /** Edges with a neighbour, in the order first linked. */
  touched: number[];
}

function addLink(adj: Adjacency, a: number, b: number): void {
  if (adj.n1[a] === -1) {
    adj.n1[a] = b;
    adj.touched.push(a);
  } else adj.n2[a] = b;
}

function link(adj: Adjacency, a: number, b: number): void {
  addLink(adj, a, b);
  addLink(adj, b, a);
}

/** Joins the crossings of one cell (case c: bit 1 bl, 2 br, 4 tr, 8 tl above) on edges B(ottom), T(op), L(eft), R(ight). */
function linkCell(adj: Adjacency, c: number, centreAbove: boolean, B: number, T: number, L: number, R: number): void {
  switch (c) {
    case 1:
    case 14:
      link(adj, L, B);
      break;
    case 2:
    case 13:
      link(adj, B, R);
      break;
    case 3:
    case 12:
      link(adj, L, R);
      break;
    case 4:
    case 11:
      link(adj, R, T);
      break;
    case 6:
    case 9:
      link(adj, B, T);
      break;
    case 7:
    case 8:
      link(adj, L, T);
      break;
    case 5: // bl, tr above: a saddle, decided by the centre
      if (centreAbove) {
        link(adj, B, R);
        link(adj, L, T);
      } else {
        link(adj, L, B);
        link(adj, R, T);
      }
      break;
    case 10: // br, tl above
      if (centreAbove) {
        link(adj, L, B);
        link(adj, R, T);
      } else {
        link(adj, B, R);
        link(adj, L, T);
      }
      break;
  }
}

/** The point where `level` crosses grid edge `e`, by linear interpolation, appended to `out`. */
function crossing(field: Field, NH: number, e: number, level: number, out: number[]): void {
  const { x, y, z } = field;
  const nx = x.length;
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
  const a = z[j0 * nx + i0],
    b = z[j1 * nx + i1];
  const t = (level - a) / (b - a);
  out.push(x[i0] + t * (x[i1] - x[i0]), y[j0] + t * (y[j1] - y[j0]));
}

/** Walks the linked crossings into polylines: open chains from their ends (on the grid's border) first, then loops. */
function chains(adj: Adjacency, visited: Uint8Array, point: (e: number, out: number[]) => void): Polyline[] {
  const { n1, n2 } = adj;
  const lines: Polyline[] = [];
  const walk = (start: number) => {
    const line: number[] = [];
    let prev = -1,
      cur = start;
    for (;;) {
      visited[cur] = 1;
      point(cur, line);
      const a = n1[cur],
        b = n2[cur];
      const next = a !== -1 && a !== prev && !visited[a] ? a : b !== -1 && b !== prev && !visited[b] ? b : -1;
      if (next === -1) {
        if ((a === start || b === start) && prev !== start && line.length > 4) point(start, line); // close the loop
        break;
      }
      prev = cur;
      cur = next;
    }
    lines.push(line);
  };
  const edges = [...adj.touched].sort((a, b) => a - b);
  for (const e of edges) if (!visited[e] && n2[e] === -1) walk(e);
  for (const e of edges) if (!visited[e]) walk(e);
  return lines;
}

/** Samples f on the grid x = x0, x0+step, … < x1 (NumPy's arange) and likewise y. */
export function sampleGrid(
  f: (x: number, y: number) => number,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  step: number,
): Field {
  const xs = arange(x0, x1, step),
    ys = arange(y0, y1, step);
  const z = new Float64Array(xs.length * ys.length);
  for (let j = 0; j < ys.length; j++) for (let i = 0; i < xs.length; i++) z[j * xs.length + i] = f(xs[i], ys[j]);
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
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < z.length; i++) {
    const v = z[i];
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

/** `l` without the points closer than `eps` (data units) to the simplified line (Ramer–Douglas–Peucker). */
export function simplifyPolyline(l: Polyline, eps: number): Polyline {
  const n = l.length / 2;
  const X = new Float64Array(n),
    Y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    X[k] = l[2 * k];
    Y[k] = l[2 * k + 1];
  }
  const keep = simplify(X, Y, eps);
  const out: Polyline = [];
  for (let k = 0; k < n; k++) if (keep[k]) out.push(X[k], Y[k]);
  return out;
}
