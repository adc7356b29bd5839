/**
 * Figures 6-10 to 6-14: the activation histograms of the 5-layer experiment, one figure per case,
 * plus Figure 6-14 whole (the three ReLU cases as rows). Numbers from
 * src/experiments/activation-histograms.ts, drawing from src/render/activation-histograms.ts.
 */
import {
  HISTOGRAM_CASES,
  activationHistograms,
  type ActivationHistograms,
} from "../experiments/activation-histograms.js";
import { renderHistogramRows, renderHistograms } from "../render/activation-histograms.js";
import { defineFigure, type FigureEntry } from "./registry.js";

/** The book limits the ReLU figures' y axis to 7,000 (the first bin holds every zero). */
export const RELU_Y_MAX = 7000;

type Case = (typeof HISTOGRAM_CASES)[number];

const sectionOf = (c: Case) =>
  c.activation === "relu" ? "§6.2.3 (initial weights for ReLU)" : "§6.2.2 (distribution of hidden-layer activations)";
const MISTAKE =
  "the initial weight std changed (std 0.01, Xavier √(1/n), He √(2/n)), the activation, the seed or the order of draws (x first, then each layer's W), or the histogram's edge rule (NumPy: [a, b) bins, the last one closed, values outside [0, 1] ignored)";

const minus = (v: number) => String(v).replace(/^-/, "\u2212");

/** One case as its own figure, drawn from its experiment data. */
export function renderHistogramFigure(d: ActivationHistograms, label: string): Buffer {
  return renderHistograms({
    edges: d.edges,
    counts: d.counts,
    ...(d.activation === "relu" ? { yMax: RELU_Y_MAX } : {}),
    title: `${label}: activations of layers 1–5 in [${minus(d.range[0])}, ${minus(d.range[1])}] (${d.samples}×${d.nodeNum} standard-normal input, seed ${d.seed})`,
  });
}

const computed = new Map<string, ActivationHistograms>();

/** A case's histograms, computed once per process (Figure 6-14 whole reuses its three rows); a fresh copy each call. */
function histogramOf(c: Case): ActivationHistograms {
  let h = computed.get(c.key);
  if (!h)
    computed.set(
      c.key,
      (h = activationHistograms({
        activation: c.activation,
        weightInitStd: c.weightInitStd,
        ...("range" in c ? { range: c.range } : {}),
      })),
    );
  return structuredClone(h);
}

export const HISTOGRAM_FIGURES: FigureEntry<ActivationHistograms>[] = HISTOGRAM_CASES.map((c) =>
  defineFigure<ActivationHistograms>({
    name: `fig${c.figure}-hist-${c.key}`,
    title: `Activation histograms of 5 layers, ${c.label}`,
    bookFigure: c.bookFigure,
    section: sectionOf(c),
    mistake: MISTAKE,
    atol: 0,
    data: () => histogramOf(c),
    render: (d) => renderHistogramFigure(d, c.label),
  }),
);

const RELU_CASES = HISTOGRAM_CASES.filter((c) => c.activation === "relu");

export interface ReluRowsData {
  rows: { label: string; histograms: ActivationHistograms }[];
}

/** Figure 6-14 as the book prints it: std 0.01, Xavier and He as three rows of five panels. */
export const RELU_ROWS_FIGURE = defineFigure<ReluRowsData>({
  name: "fig6-14-hist-relu-rows",
  title: "Activation histograms of 5 ReLU layers: std 0.01, Xavier, He (one row each)",
  bookFigure: "Figure 6-14",
  section: "§6.2.3 (initial weights for ReLU)",
  mistake: MISTAKE,
  atol: 0,
  data: () => ({ rows: RELU_CASES.map((c) => ({ label: c.label, histograms: histogramOf(c) })) }),
  render: (d) =>
    renderHistogramRows(
      d.rows.map((r) => ({ edges: r.histograms.edges, counts: r.histograms.counts, yMax: RELU_Y_MAX, title: r.label })),
      `ReLU: activations of layers 1–5 by initial weights (seed ${d.rows[0]?.histograms.seed})`,
    ),
});
