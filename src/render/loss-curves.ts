/**
 * Draws Figures 6-9 and 6-15 from smoothed loss curves: one line per optimizer (or initial weight)
 * over the iterations, with the book's marker for each every `markEvery` points (the book: 100 of
 * 2,000), x label "iterations", y label "loss", the book's y limit (1 for 6-9, 2.5 for 6-15) and a
 * legend at matplotlib's "best" place. Only draws.
 */
import type { Marker } from "./axes.js";
import { Figure } from "./figure.js";

export interface LossCurvePlot {
  curves: { name: string; smoothed: number[]; marker: Marker }[];
  yMax: number;
  /** A marker every n points (the book: 100 for 2,000 iterations). */
  markEvery: number;
  /** A line above the plot (sizes and data), optional. */
  title?: string;
}

/** The book's markers: Figure 6-9 (plus the two extra optimizers) and Figure 6-15. */
export const LOSS_MARKERS: Record<string, Marker> = {
  SGD: "o",
  Momentum: "x",
  AdaGrad: "s",
  Adam: "D",
  Nesterov: "^",
  RMSprop: "v",
  "std=0.01": "o",
  Xavier: "s",
  He: "D",
};

export function renderLossCurves(p: LossCurvePlot): Buffer {
  const fig = new Figure(640, 480);
  const [ax] = fig.subplots(1, 1, { left: 72, right: 24, top: p.title ? 40 : 24, bottom: 56 });
  if (p.title) ax!.setTitle(p.title);
  for (const c of p.curves)
    ax!.plot(
      c.smoothed.map((_, i) => i),
      c.smoothed,
      { marker: c.marker, markEvery: p.markEvery, label: c.name },
    );
  ax!.setXLabel("iterations").setYLabel("loss").setYLim(0, p.yMax).legend();
  return fig.toPng();
}
