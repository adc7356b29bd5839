/**
 * Draws Figure 6-8 and its parts from data: each optimizer's path as a red "o-" line over the
 * contour lines of f, a "+" at the minimum (0, 0), the optimizer's name as title, axis labels x
 * and y, both axes limited to [−10, 10] (the book's `optimizer_compare_naive` plot). Only draws:
 * the paths and the contour lines come in.
 */
import type { Axes, Polyline } from "./axes.js";
import { Figure } from "./figure.js";

export interface PathPanel {
  name: string;
  /** The plotted positions [x, y] (the book plots the 30 positions before each update). */
  path: [number, number][];
}

/** Contour lines of f: lines[k] belong to levels[k]. */
export interface ContourSet {
  levels: number[];
  lines: Polyline[][];
}

/** One panel, drawn in the book's order: path, contour lines, limits, "+", title, labels. */
export function drawPathPanel(ax: Axes, panel: PathPanel, contours: ContourSet): void {
  ax.plot(
    panel.path.map((p) => p[0]),
    panel.path.map((p) => p[1]),
    { color: "red", marker: "o" },
  );
  ax.contourLines(contours.lines, contours.levels);
  ax.setYLim(-10, 10).setXLim(-10, 10);
  ax.plot([0], [0], { marker: "+", lineStyle: "none", color: "#1f77b4", markerSize: 8 });
  ax.setTitle(panel.name).setXLabel("x").setYLabel("y");
}

/** Figure 6-8: the panels as 2×2 subplots (SGD, Momentum / AdaGrad, Adam). */
export function renderPathGrid(panels: PathPanel[], contours: ContourSet): Buffer {
  const fig = new Figure(800, 680);
  const axes = fig.subplots(2, 2, { left: 80, right: 20, top: 36, bottom: 52, wspace: 96, hspace: 76 });
  panels.forEach((p, k) => drawPathPanel(axes[k], p, contours));
  return fig.toPng();
}

/** One optimizer's path on its own (640×480, matplotlib's default figure size). */
export function renderPath(panel: PathPanel, contours: ContourSet): Buffer {
  const fig = new Figure(640, 480);
  const [ax] = fig.subplots(1, 1, { left: 72, right: 24, top: 40, bottom: 56 });
  drawPathPanel(ax!, panel, contours);
  return fig.toPng();
}
