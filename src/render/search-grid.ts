/**
 * Draws Figure 6-24 from the best trials of a random search: a grid of 5 columns titled
 * "Best-1" … "Best-N", validation accuracy solid (C0) and training accuracy dashed (C1) per epoch,
 * y in [0, 1], no x ticks, y ticks on the first column only, as the book's
 * hyperparameter_optimization draws it. Only draws.
 */
import { Figure } from "./figure.js";

export interface SearchPanel {
  valAcc: number[];
  trainAcc: number[];
}

export function renderSearchGrid(best: SearchPanel[], title?: string): Buffer {
  const cols = 5,
    rows = Math.max(1, Math.ceil(best.length / cols));
  const fig = new Figure(1000, 100 + 170 * rows);
  if (title) fig.suptitle(title);
  const axes = fig.subplots(rows, cols, {
    left: 56,
    right: 20,
    top: title ? 64 : 36,
    bottom: 24,
    wspace: 24,
    hspace: 44,
  });
  fig.axes.splice(best.length); // no empty frames for fewer trials
  best.forEach((t, i) => {
    const ax = axes[i];
    const x = t.valAcc.map((_, k) => k);
    ax.setTitle(`Best-${i + 1}`).setYLim(0.0, 1.0);
    if (i % cols) ax.setYTicks([]);
    ax.setXTicks([]);
    ax.plot(x, t.valAcc);
    ax.plot(x, t.trainAcc, { lineStyle: "dashed" });
  });
  return fig.toPng();
}
