/**
 * Draws Figures 6-10 to 6-14 from bin counts: one histogram panel per layer, side by side,
 * titled "1-layer" … "5-layer", y ticks on the first panel only (the book's plt.yticks([], [])
 * on the others), bars in C0 over [0, 1], and the ReLU figures' y limit of 7,000. Only draws.
 *
 * Unlike the book's script, where each panel scales its own y axis, the panels of a row share
 * one y range: only the first panel shows ticks, so the others must be read on its scale.
 */
import type { Axes } from "./axes.js";
import { Figure } from "./figure.js";

export interface HistogramPanels {
  /** Bin edges, shared by every layer. */
  edges: number[];
  /** counts[layer][bin] */
  counts: number[][];
  /** The y limit of every panel (the book's ReLU figures: 7000); default: the tallest bar + 5%. */
  yMax?: number;
  /** For a single row: the line above the panels; for rows: the row's name beside its first panel. */
  title?: string;
}

const C0 = "#1f77b4";

function drawRow(axes: Axes[], h: HistogramPanels): void {
  const yMax = h.yMax ?? 1.05 * Math.max(...h.counts.flat());
  axes.forEach((ax, i) => {
    ax.setTitle(`${i + 1}-layer`);
    ax.hist(h.edges, h.counts[i], { color: C0 });
    ax.setYLim(0, yMax);
    if (i !== 0) ax.setYTicks([]);
  });
}

/** One case: a row of one panel per layer. */
export function renderHistograms(h: HistogramPanels): Buffer {
  const fig = new Figure(1000, 300);
  if (h.title) fig.suptitle(h.title);
  drawRow(fig.subplots(1, h.counts.length, { left: 64, right: 16, top: h.title ? 64 : 36, bottom: 36, wspace: 26 }), h);
  return fig.toPng();
}

/** Several cases as rows (Figure 6-14), each row named by a y label on its first panel. */
export function renderHistogramRows(rows: HistogramPanels[], title?: string): Buffer {
  const cols = Math.max(...rows.map((r) => r.counts.length));
  const fig = new Figure(1000, 80 + 230 * rows.length);
  if (title) fig.suptitle(title);
  const axes = fig.subplots(rows.length, cols, {
    left: 90,
    right: 16,
    top: title ? 64 : 36,
    bottom: 36,
    wspace: 26,
    hspace: 64,
  });
  rows.forEach((r, k) => {
    const rowAxes = axes.slice(k * cols, k * cols + r.counts.length);
    drawRow(rowAxes, r);
    if (r.title) rowAxes[0].setYLabel(r.title);
  });
  return fig.toPng();
}
