/**
 * Figure 6-8 (`optimizer_compare_naive`): each optimizer minimising f(x, y) = x²/20 + y² from
 * (−7, 2) for 30 updates. Returns plain data (no drawing): the path of every optimizer, with the
 * start and the position after each update (31 points; the book plots the first 30), and the
 * contour lines of f on the book's grid that the paths are drawn over.
 */
import { Matrix } from "../base/matrix.js";
import { createOptimizer, type Optimizer } from "../optimizer.js";
import { checkInteger } from "../base/validate.js";
import { autoLevels, contourSet, sampleGrid, simplifyPolyline, type Polyline } from "./contour.js";

/** f(x, y) = x²/20 + y² */
export const f = (x: number, y: number): number => x ** 2 / 20.0 + y ** 2;
/** ∇f = (x/10, 2y) */
export const df = (x: number, y: number): [number, number] => [x / 10.0, 2.0 * y];

export const INIT_POS: readonly [number, number] = [-7.0, 2.0];

/** The book's learning rates for Figure 6-8, plus Nesterov and RMSprop for the extra panels. */
export const PATH_SETTINGS = [
  { name: "SGD", optimizer: "sgd", lr: 0.95 },
  { name: "Momentum", optimizer: "momentum", lr: 0.1 },
  { name: "AdaGrad", optimizer: "adagrad", lr: 1.5 },
  { name: "Adam", optimizer: "adam", lr: 0.3 },
  { name: "Nesterov", optimizer: "nesterov", lr: 0.1 },
  { name: "RMSprop", optimizer: "rmsprop", lr: 0.1 },
] as const;

export interface OptimizerPath {
  name: string;
  lr: number;
  /** [x, y] before the first update, then after each update. */
  path: [number, number][];
}

/** Runs `optimizer` on f from INIT_POS for `steps` updates, keys x and y as in the book. */
export function optimizerPath(optimizer: Optimizer, steps = 30): [number, number][] {
  checkInteger("optimizerPath", "steps", steps, 0);
  const params = { x: Matrix.filled(1, 1, INIT_POS[0]), y: Matrix.filled(1, 1, INIT_POS[1]) };
  const path: [number, number][] = [[params.x.data[0], params.y.data[0]]];
  for (let i = 0; i < steps; i++) {
    const [gx, gy] = df(params.x.data[0], params.y.data[0]);
    optimizer.update(params, { x: Matrix.filled(1, 1, gx), y: Matrix.filled(1, 1, gy) });
    path.push([params.x.data[0], params.y.data[0]]);
  }
  return path;
}

/** The paths of Figure 6-8 (first four) and the Nesterov/RMSprop extras. */
export function optimizerPaths(steps = 30): OptimizerPath[] {
  return PATH_SETTINGS.map((s) => ({
    name: s.name,
    lr: s.lr,
    path: optimizerPath(createOptimizer(s.optimizer, { lr: s.lr }), steps),
  }));
}

/** The book's contour grid: x ∈ [−10, 10), y ∈ [−5, 5), step 0.01, values above `maskAbove` set to 0. */
export interface ContourGrid {
  function: string;
  x: [number, number];
  y: [number, number];
  step: number;
  maskAbove: number;
}

export const CONTOUR_GRID: ContourGrid = {
  function: "x**2/20 + y**2",
  x: [-10, 10],
  y: [-5, 5],
  step: 0.01,
  maskAbove: 7,
};

/** Contour lines of f: lines[k] belong to levels[k]. */
export interface PathContours {
  levels: number[];
  lines: Polyline[][];
}

const contourCache = new Map<string, PathContours>();

/** The contour lines of f on `grid`, with matplotlib's automatic levels (computed once per grid). */
export function pathContours(grid: ContourGrid = CONTOUR_GRID): PathContours {
  const key = JSON.stringify(grid);
  let set = contourCache.get(key);
  if (!set) {
    const max = grid.maskAbove;
    const field = sampleGrid(
      (x, y) => {
        const v = f(x, y);
        return v > max ? 0 : v; // the book's `Z[mask] = 0`
      },
      grid.x[0],
      grid.x[1],
      grid.y[0],
      grid.y[1],
      grid.step,
    );
    const levels = autoLevels(field.z);
    // The grid's 0.01 step puts several crossings in every pixel: drop points within 0.001 of the
    // simplified line (a fortieth of a pixel on these axes) once here, not in every render.
    set = { levels, lines: contourSet(field, levels).map((ls) => ls.map((l) => simplifyPolyline(l, 0.001))) };
    contourCache.set(key, set);
  }
  return set;
}
