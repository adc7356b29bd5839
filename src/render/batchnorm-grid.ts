/**
 * Draws Figures 6-18/6-19 from training accuracy per epoch at each weight scale: a grid of 4
 * columns, one panel per scale titled "W:" + Python's str(w), BatchNorm solid (C0) and the plain
 * net dashed (C1), y in [0, 1]; y ticks and the label "accuracy" on the first column only, x ticks
 * and the label "epochs" on the last row only, the legend ("Batch Normalization",
 * "Normal(without BatchNorm)") on the last panel at the lower right, as the book's
 * batch_norm_test draws it. A net that diverged ends in an "x". Only draws.
 */
import { plotAccuracy } from "./accuracy-curves.js";
import { Figure } from "./figure.js";
import { pythonStr } from "./python-str.js";

export interface BatchnormPanel {
  weightScale: number;
  batchnorm: (number | null)[];
  plain: (number | null)[];
}

export function renderBatchnormGrid(panels: BatchnormPanel[], epochs: number, title?: string): Buffer {
  const cols = 4,
    rows = Math.max(1, Math.ceil(panels.length / cols));
  const fig = new Figure(1240, 140 + 200 * rows);
  if (title) fig.suptitle(title);
  const axes = fig.subplots(rows, cols, {
    left: 72,
    right: 24,
    top: title ? 64 : 36,
    bottom: 56,
    wspace: 44,
    hspace: 44,
  });
  fig.axes.splice(panels.length); // no empty frames for a partial run
  const last = panels.length - 1;
  panels.forEach((p, i) => {
    const ax = axes[i];
    ax.setTitle(`W:${pythonStr(p.weightScale)}`);
    const lastPanel = i === last;
    plotAccuracy(ax, p.batchnorm, {
      color: "#1f77b4",
      marker: "none",
      markEvery: 2,
      ...(lastPanel ? { label: "Batch Normalization" } : {}),
    });
    plotAccuracy(ax, p.plain, {
      color: "#ff7f0e",
      marker: "none",
      markEvery: 2,
      lineStyle: "dashed",
      ...(lastPanel ? { label: "Normal(without BatchNorm)" } : {}),
    });
    ax.setYLim(0, 1.0).setXLim(-0.05 * (epochs - 1) || -0.5, 1.05 * (epochs - 1) || 0.5);
    if (i % cols) ax.setYTicks([]);
    else ax.setYLabel("accuracy");
    if (i < panels.length - cols) ax.setXTicks([]);
    else ax.setXLabel("epochs");
    if (lastPanel) ax.legend({ loc: "lower right" });
  });
  return fig.toPng();
}
