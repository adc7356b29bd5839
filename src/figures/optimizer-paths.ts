/**
 * Figure 6-8 (the four optimizers on f(x, y) = x²/20 + y²), each of its panels alone, and the
 * Nesterov and RMSprop paths: numbers (paths and contour lines) from
 * src/experiments/optimizer-paths.ts, drawing from src/render/optimizer-paths.ts.
 */
import {
  CONTOUR_GRID,
  optimizerPaths,
  pathContours,
  type ContourGrid,
  type OptimizerPath,
} from "../experiments/optimizer-paths.js";
import { renderPath, renderPathGrid } from "../render/optimizer-paths.js";
import { defineFigure, type FigureEntry } from "./registry.js";

export interface PathFigureData {
  function: string;
  start: [number, number];
  updates: number;
  contour: ContourGrid;
  /** Each optimizer with its lr and the 30 plotted positions (before each of the 30 updates). */
  paths: OptimizerPath[];
}

/** The data of a path figure from full paths (31 points): the book plots the first 30. */
export function pathFigureData(paths: OptimizerPath[]): PathFigureData {
  return {
    function: "f(x, y) = x²/20 + y²",
    start: [-7, 2],
    updates: 30,
    contour: CONTOUR_GRID,
    paths: paths.map((p) => ({ name: p.name, lr: p.lr, path: p.path.slice(0, 30) })),
  };
}

const SECTION = "§6.1.7 (Figure 6-8: which update method to use?)";

const pathFigures = (names: string[]) => optimizerPaths(30).filter((p) => names.includes(p.name));

export const OPTIMIZER_FIGURES: FigureEntry<PathFigureData>[] = [
  defineFigure<PathFigureData>({
    name: "fig6-08-optimizer-paths",
    title: "SGD, Momentum, AdaGrad and Adam minimising x²/20 + y² from (−7, 2), 30 updates (2×2)",
    bookFigure: "Figure 6-8",
    section: SECTION,
    mistake:
      "an update rule or a default changed (momentum α, ε inside the square root, Adam's bias correction), or the book's learning rates (0.95, 0.1, 1.5, 0.3)",
    atol: 1e-12,
    data: () => pathFigureData(pathFigures(["SGD", "Momentum", "AdaGrad", "Adam"])),
    render: (d) => renderPathGrid(d.paths, pathContours(d.contour)),
  }),
  ...(["SGD", "Momentum", "AdaGrad", "Adam", "Nesterov", "RMSprop"] as const).map((name) =>
    defineFigure<PathFigureData>({
      name: `${["Nesterov", "RMSprop"].includes(name) ? "extra" : "fig6-08"}-path-${name.toLowerCase()}`,
      title: `${name} minimising x²/20 + y² from (−7, 2), 30 updates`,
      bookFigure: ["Nesterov", "RMSprop"].includes(name)
        ? `not in the book: ${name} (lr 0.1) on Figure 6-8's function`
        : `Figure 6-8 (${name} panel)`,
      section: ["Nesterov", "RMSprop"].includes(name) ? `${name} (docs/book.md, §6.1)` : SECTION,
      mistake: `${name}'s update rule or its default hyperparameters changed`,
      atol: 1e-12,
      data: () => pathFigureData(pathFigures([name])),
      render: (d) => renderPath(d.paths[0], pathContours(d.contour)),
    }),
  ),
];
