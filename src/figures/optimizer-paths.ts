/**
 * Figure 6-8 (the four optimizers on f(x, y) = x²/20 + y²), each of its panels alone, and the
 * Nesterov and RMSprop paths: numbers from src/experiments/optimizer-paths.ts, drawing from
 * src/render/optimizer-paths.ts.
 */
import { f, optimizerPaths, type OptimizerPath } from "../experiments/optimizer-paths.js";
import { simplify } from "../render/axes.js";
import { autoLevels, contourSet, sampleGrid, type Polyline } from "../render/contour.js";
import { renderPath, renderPathGrid, type ContourSet } from "../render/optimizer-paths.js";
import { defineFigure, type FigureEntry } from "./registry.js";

/** The book's contour grid: x ∈ [−10, 10), y ∈ [−5, 5), step 0.01, values above 7 set to 0. */
export interface ContourGrid {
  function: string;
  x: [number, number];
  y: [number, number];
  step: number;
  maskAbove: number;
}

export interface PathFigureData {
  function: string;
  start: [number, number];
  updates: number;
  contour: ContourGrid;
  /** Each optimizer with its lr and the 30 plotted positions (before each of the 30 updates). */
  paths: OptimizerPath[];
}

const CONTOUR: ContourGrid = { function: "x**2/20 + y**2", x: [-10, 10], y: [-5, 5], step: 0.01, maskAbove: 7 };

/** The data of a path figure from full paths (31 points): the book plots the first 30. */
export function pathFigureData(paths: OptimizerPath[]): PathFigureData {
  return {
    function: "f(x, y) = x²/20 + y²",
    start: [-7, 2],
    updates: 30,
    contour: CONTOUR,
    paths: paths.map((p) => ({ name: p.name, lr: p.lr, path: p.path.slice(0, 30) })),
  };
}

const contourCache = new Map<string, ContourSet>();

/** The contour lines of f on the book's grid, with matplotlib's automatic levels (computed once). */
export function contoursOf(grid: ContourGrid): ContourSet {
  const key = JSON.stringify(grid);
  let set = contourCache.get(key);
  if (!set) {
    const max = grid.maskAbove;
    const field = sampleGrid((x, y) => {
      const v = f(x, y);
      return v > max ? 0 : v; // the book's `Z[mask] = 0`
    }, grid.x[0], grid.x[1], grid.y[0], grid.y[1], grid.step);
    const levels = autoLevels(field.z);
    // The grid's 0.01 step puts several crossings in every pixel: drop points within 0.001 of the
    // simplified line (a fortieth of a pixel on these axes) once here, not in every render.
    set = { levels, lines: contourSet(field, levels).map((ls) => ls.map((l) => simplifyPolyline(l, 0.001))) };
    contourCache.set(key, set);
  }
  return set;
}

function simplifyPolyline(l: Polyline, eps: number): Polyline {
  const n = l.length / 2;
  const X = new Float64Array(n), Y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    X[k] = l[2 * k];
    Y[k] = l[2 * k + 1];
  }
  const keep = simplify(X, Y, eps);
  const out: Polyline = [];
  for (let k = 0; k < n; k++) if (keep[k]) out.push(X[k], Y[k]);
  return out;
}

const SECTION = "§6.1.7 (Figure 6-8: which update method to use?)";

const pathFigures = (names: string[]) => optimizerPaths(30).filter((p) => names.includes(p.name));

export const OPTIMIZER_FIGURES: FigureEntry<PathFigureData>[] = [
  defineFigure<PathFigureData>({
    name: "fig6-08-optimizer-paths",
    title: "SGD, Momentum, AdaGrad and Adam minimising x²/20 + y² from (−7, 2), 30 updates (2×2)",
    bookFigure: "Figure 6-8",
    section: SECTION,
    mistake: "an update rule or a default changed (momentum α, ε inside the square root, Adam's bias correction), or the book's learning rates (0.95, 0.1, 1.5, 0.3)",
    atol: 1e-12,
    data: () => pathFigureData(pathFigures(["SGD", "Momentum", "AdaGrad", "Adam"])),
    render: (d) => renderPathGrid(d.paths, contoursOf(d.contour)),
  }),
  ...(["SGD", "Momentum", "AdaGrad", "Adam", "Nesterov", "RMSprop"] as const).map((name) =>
    defineFigure<PathFigureData>({
      name: `${["Nesterov", "RMSprop"].includes(name) ? "extra" : "fig6-08"}-path-${name.toLowerCase()}`,
      title: `${name} minimising x²/20 + y² from (−7, 2), 30 updates`,
      bookFigure: ["Nesterov", "RMSprop"].includes(name) ? `not in the book: ${name} (lr 0.1) on Figure 6-8's function` : `Figure 6-8 (${name} panel)`,
      section: ["Nesterov", "RMSprop"].includes(name) ? `${name} (docs/book.md, §6.1)` : SECTION,
      mistake: `${name}'s update rule or its default hyperparameters changed`,
      atol: 1e-12,
      data: () => pathFigureData(pathFigures([name])),
      render: (d) => renderPath(d.paths[0], contoursOf(d.contour)),
    }),
  ),
];
