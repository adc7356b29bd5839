/**
 * Draws Figures 6-20, 6-21 and 6-23 from accuracy per epoch: train ("o" markers) and test ("s")
 * every `markEvery` epochs (the book: 10), x label "epochs", y label "accuracy", y in [0, 1],
 * legend at the lower right; one panel per run, side by side, each titled. A run that diverged
 * (null accuracies after its weights overflowed) is drawn up to its last finite epoch, ending in
 * an "x". Only draws.
 */
import type { Axes } from "./axes.js";
import { Figure } from "./figure.js";

export interface TrainTestPanel {
  title: string;
  trainAcc: (number | null)[];
  testAcc: (number | null)[];
}

/** The finite prefix of a curve (everything before the first null). */
export function finitePrefix(a: readonly (number | null)[]): number[] {
  const k = a.indexOf(null);
  return (k < 0 ? a : a.slice(0, k)) as number[];
}

/** One curve with its marker; a cut-off curve ends in an "x" of the same colour. */
export function plotAccuracy(
  ax: Axes,
  acc: readonly (number | null)[],
  opts: {
    color: string;
    marker: "o" | "s" | "none";
    markEvery: number;
    label?: string;
    lineStyle?: "solid" | "dashed";
  },
): void {
  const y = finitePrefix(acc);
  ax.plot(
    y.map((_, i) => i),
    y,
    {
      color: opts.color,
      marker: opts.marker,
      markEvery: opts.markEvery,
      lineStyle: opts.lineStyle ?? "solid",
      ...(opts.label ? { label: opts.label } : {}),
    },
  );
  if (y.length < acc.length && y.length > 0)
    ax.plot([y.length - 1], [y[y.length - 1]], { color: opts.color, marker: "x", lineStyle: "none", markerSize: 9 });
}

export function renderTrainTestPanels(panels: TrainTestPanel[], markEvery: number): Buffer {
  const fig = new Figure(560 * panels.length, 460);
  const axes = fig.subplots(1, panels.length, { left: 72, right: 24, top: 40, bottom: 56, wspace: 88 });
  panels.forEach((p, k) => {
    const ax = axes[k];
    const epochs = Math.max(p.trainAcc.length, 1);
    plotAccuracy(ax, p.trainAcc, { color: "#1f77b4", marker: "o", markEvery, label: "train" });
    plotAccuracy(ax, p.testAcc, { color: "#ff7f0e", marker: "s", markEvery, label: "test" });
    ax.setTitle(p.title)
      .setXLabel("epochs")
      .setYLabel("accuracy")
      .setYLim(0, 1.0)
      .setXLim(-0.05 * (epochs - 1) || -0.5, 1.05 * (epochs - 1) || 0.5);
    ax.legend({ loc: "lower right" });
  });
  return fig.toPng();
}
