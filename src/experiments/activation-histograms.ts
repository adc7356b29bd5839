/**
 * Figures 6-10 to 6-14 (`weight_init_activation_histogram`, §6.2.2–6.2.3): a 1000×100 standard
 * normal input goes through 5 layers of 100 nodes without bias, a = x·W, z = act(a) feeding the
 * next layer; each layer's 100,000 activations are counted in 30 bins over [0, 1] as NumPy's
 * histogram counts them. Returns plain data (bin edges and counts), no drawing.
 *
 * One departure from the book's script: tanh's activations are counted over [−1, 1]. Over [0, 1]
 * the negative half is dropped and the "clean bell" the book describes for tanh cannot be seen.
 */
import { initStd, initWeight, type WeightInit } from "../init.js";
import { relu, sigmoid, tanh } from "../functions.js";
import { Rng } from "../base/rng.js";
import { checkChoice, checkInteger, checkNumber, checkOptions, fail } from "../base/validate.js";

export const ACTIVATIONS = { sigmoid, tanh, relu } as const;
export type ActivationName = keyof typeof ACTIVATIONS;

/** The chapter's cases, in the book's order. */
export const HISTOGRAM_CASES = [
  {
    key: "sigmoid-std1",
    figure: "6-10",
    activation: "sigmoid",
    weightInitStd: 1,
    bookFigure: "Figure 6-10",
    label: "sigmoid, std 1",
  },
  {
    key: "sigmoid-std0.01",
    figure: "6-11",
    activation: "sigmoid",
    weightInitStd: 0.01,
    bookFigure: "Figure 6-11",
    label: "sigmoid, std 0.01",
  },
  {
    key: "sigmoid-xavier",
    figure: "6-13",
    activation: "sigmoid",
    weightInitStd: "xavier",
    bookFigure: "Figure 6-13",
    label: "sigmoid, Xavier",
  },
  {
    key: "tanh-xavier",
    figure: "6-13",
    activation: "tanh",
    weightInitStd: "xavier",
    bookFigure: "Figure 6-13's tanh variant (described in the text)",
    label: "tanh, Xavier",
    range: [-1, 1],
  },
  {
    key: "relu-std0.01",
    figure: "6-14",
    activation: "relu",
    weightInitStd: 0.01,
    bookFigure: "Figure 6-14 (top row)",
    label: "ReLU, std 0.01",
  },
  {
    key: "relu-xavier",
    figure: "6-14",
    activation: "relu",
    weightInitStd: "xavier",
    bookFigure: "Figure 6-14 (middle row)",
    label: "ReLU, Xavier",
  },
  {
    key: "relu-he",
    figure: "6-14",
    activation: "relu",
    weightInitStd: "he",
    bookFigure: "Figure 6-14 (bottom row)",
    label: "ReLU, He",
  },
] as const satisfies readonly {
  key: string;
  figure: string;
  activation: ActivationName;
  weightInitStd: WeightInit;
  bookFigure: string;
  label: string;
  range?: readonly [number, number];
}[];

/** The seed of the input and weights (one generator: x first, then W of each layer, as the book draws them). */
export const HISTOGRAM_SEED = 0;

export interface Histogram {
  /** bins + 1 edges: edges[k] = lo + k·(hi − lo)/bins, the last exactly hi (NumPy's linspace). */
  edges: number[];
  counts: number[];
  /** Values outside [lo, hi] (and NaN): not counted, as NumPy ignores them. */
  ignored: number;
}

/**
 * NumPy's histogram(values, bins, range=(lo, hi)): bins of equal width, each [edge_k, edge_k+1)
 * except the last, which also holds hi; values outside the range are ignored. The bin index is
 * computed as NumPy computes it (scaled offset, then corrected against the edges), so values on
 * an edge land where NumPy puts them.
 */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): Histogram {
  checkInteger("histogram", "bins", bins, 1);
  checkNumber("histogram", "lo", lo);
  checkNumber("histogram", "hi", hi);
  if (!(hi > lo)) fail("histogram", "hi", `a number > lo (${lo})`, String(hi));
  const edges: number[] = [];
  const step = (hi - lo) / bins;
  for (let k = 0; k < bins; k++) edges.push(k * step + lo);
  edges.push(hi);
  const counts = new Array<number>(bins).fill(0);
  const norm = bins / (hi - lo);
  let ignored = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) {
      ignored++;
      continue;
    }
    let k = Math.trunc((v - lo) * norm);
    if (k === bins) k--;
    if (v < edges[k]) k--;
    else if (k !== bins - 1 && v >= edges[k + 1]) k++;
    counts[k]++;
  }
  return { edges, counts, ignored };
}

export interface ActivationHistogramOptions {
  activation: ActivationName;
  weightInitStd: WeightInit;
  seed?: number;
  /** Rows of the input (default 1000). */
  samples?: number;
  /** Nodes per layer, also the input width (default 100). */
  nodeNum?: number;
  /** Layers (default 5). */
  hiddenLayerSize?: number;
  /** Bins (default 30). */
  bins?: number;
  /** The counted range [lo, hi] (default [0, 1], the book's range=(0, 1)). */
  range?: readonly [number, number];
}

/** Every key of ActivationHistogramOptions, checked against the interface by the type. */
const HISTOGRAM_OPTION_KEYS = Object.keys({
  activation: true,
  weightInitStd: true,
  seed: true,
  samples: true,
  nodeNum: true,
  hiddenLayerSize: true,
  bins: true,
  range: true,
} satisfies Record<keyof ActivationHistogramOptions, true>);

export interface ActivationHistograms {
  activation: ActivationName;
  weightInitStd: WeightInit;
  /** The std the scheme gives for a 100×100 layer (1, 0.01, 0.1 for Xavier, √0.02 for He). */
  std: number;
  seed: number;
  samples: number;
  nodeNum: number;
  range: [number, number];
  edges: number[];
  /** counts[layer][bin] */
  counts: number[][];
  /** ignored[layer]: activations outside the range (ReLU's above 1, for instance). */
  ignored: number[];
}

/** Runs the 5-layer experiment once and counts every layer's activations. */
export function activationHistograms(options: ActivationHistogramOptions): ActivationHistograms {
  checkOptions("activationHistograms", "options", options, HISTOGRAM_OPTION_KEYS);
  const activation = checkChoice(
    "activationHistograms",
    "activation",
    options?.activation,
    Object.keys(ACTIVATIONS) as ActivationName[],
  );
  const seed = options.seed ?? HISTOGRAM_SEED;
  const samples = checkInteger("activationHistograms", "samples", options.samples ?? 1000, 1);
  const nodeNum = checkInteger("activationHistograms", "nodeNum", options.nodeNum ?? 100, 1);
  const layers = checkInteger("activationHistograms", "hiddenLayerSize", options.hiddenLayerSize ?? 5, 1);
  const bins = checkInteger("activationHistograms", "bins", options.bins ?? 30, 1);
  const range = options.range ?? [0, 1];
  if (!Array.isArray(range) || range.length !== 2)
    fail("activationHistograms", "range", "[lo, hi]", JSON.stringify(range));
  const [lo, hi] = [
    checkNumber("activationHistograms", "range[0]", range[0]),
    checkNumber("activationHistograms", "range[1]", range[1]),
  ];
  if (!(hi > lo)) fail("activationHistograms", "range[1]", `a number > range[0] (${lo})`, String(hi));
  const act = ACTIVATIONS[activation];
  const std = initStd(options.weightInitStd, nodeNum, nodeNum);
  if (std === null)
    fail(
      "activationHistograms",
      "weightInitStd",
      "a random scheme (a std, 'xavier', 'he', …)",
      JSON.stringify(options.weightInitStd),
    );

  const rng = new Rng(seed);
  let x = rng.randn(samples, nodeNum);
  const counts: number[][] = [],
    ignored: number[] = [];
  let edges: number[] = [];
  for (let i = 0; i < layers; i++) {
    const W = initWeight(nodeNum, nodeNum, options.weightInitStd, rng);
    const z = x.dot(W).map(act);
    const h = histogram(z.data, bins, lo, hi);
    counts.push(h.counts);
    ignored.push(h.ignored);
    edges = h.edges;
    x = z;
  }
  return {
    activation,
    weightInitStd: options.weightInitStd,
    std,
    seed,
    samples,
    nodeNum,
    range: [lo, hi],
    edges,
    counts,
    ignored,
  };
}
