/**
 * Broken networks and initialisers (§6.2 initial weights, §6.4.1 weight decay): each a patch of
 * the reference net or initialiser making one mistake, named after it.
 */
import type { Matrix, Rng, WeightInit } from "../../src/index.js";
import { reference, type Impl } from "../../conformance/laws/impl.js";
import { patchedNets } from "./nets.js";

const { Matrix: M } = reference;

function sumSquares(net: InstanceType<Impl["MultiLayerNetExtend"]>, prefix: string): number {
  let s = 0;
  for (const [k, p] of Object.entries(net.params))
    if (k.startsWith(prefix) && /\d$/.test(k) && !k.startsWith("beta")) for (const v of p.data) s += v * v;
  return s;
}

type Net = InstanceType<Impl["MultiLayerNetExtend"]>;

/** ½λΣb² added to the loss. */
function lossOnBiases(net: Net): void {
  const lambda = net.weightDecayLambda,
    loss = net.loss.bind(net);
  net.loss = (x, t, train) => loss(x, t, train) + 0.5 * lambda * sumSquares(net, "b");
}

/** + λb added to each db. */
function gradientOnBiases(net: Net): void {
  const lambda = net.weightDecayLambda,
    gradient = net.gradient.bind(net);
  net.gradient = (x, t) => {
    const g = gradient(x, t);
    for (const k of Object.keys(g)) if (/^b\d+$/.test(k)) g[k] = g[k].add(net.params[k].scale(lambda));
    return g;
  };
}

/** Weight decay's loss term over the biases too (the gradient left as the book's). */
export const weightDecayLossOnBiases = patchedNets(lossOnBiases);
/** Weight decay's gradient on the biases too (the loss left as the book's). */
export const weightDecayGradientOnBiases = patchedNets(gradientOnBiases);
/** Weight decay on the biases too: ½λΣb² in the loss and λb in db. */
export const weightDecayOnBiases = patchedNets((net) => {
  lossOnBiases(net);
  gradientOnBiases(net);
});

/** Weight decay in the loss but missing from the gradient: dW without + λW. */
export const weightDecayMissingFromGradient = patchedNets((net) => {
  const lambda = net.weightDecayLambda,
    gradient = net.gradient.bind(net);
  net.gradient = (x, t) => {
    const g = gradient(x, t);
    for (const k of Object.keys(g)) if (/^W\d+$/.test(k)) g[k] = g[k].sub(net.params[k].scale(lambda));
    return g;
  };
});

/** Weight decay's loss term without the ½: λΣW² (while the gradient still adds λW). */
export const weightDecayWithoutHalf = patchedNets((net) => {
  const lambda = net.weightDecayLambda,
    loss = net.loss.bind(net);
  net.loss = (x, t, train) => loss(x, t, train) + 0.5 * lambda * sumSquares(net, "W");
});

/** Xavier's and He's std swapped: 'he'/'relu' get √(1/n), 'xavier'/'sigmoid' get √(2/n). */
function swappedStd(init: WeightInit, nIn: number, nOut: number): number | null {
  if (typeof init === "string") {
    const name = init.toLowerCase();
    if (name === "he" || name === "relu") return Math.sqrt(1 / nIn);
    if (name === "xavier" || name === "sigmoid") return Math.sqrt(2 / nIn);
  }
  return reference.initStd(init, nIn, nOut);
}
export const initXavierHeSwapped: Partial<Impl> = {
  initStd: swappedStd,
  initWeight(nIn: number, nOut: number, init: WeightInit, rng: Rng): Matrix {
    const std = swappedStd(init, nIn, nOut);
    return std === null ? reference.initWeight(nIn, nOut, init, rng) : rng.randn(nIn, nOut, std);
  },
};

/** The std stored as every weight (W = std instead of std·randn): random schemes start symmetric. */
function stdAsWeight(nIn: number, nOut: number, init: WeightInit, rng: Rng): Matrix {
  const std = reference.initStd(init, nIn, nOut);
  return std === null ? reference.initWeight(nIn, nOut, init, rng) : M.filled(nIn, nOut, std);
}
export const initStdAsWeight: Partial<Impl> = {
  initWeight: stdAsWeight,
  ...patchedNets((net, opts) => {
    for (const [k, W] of Object.entries(net.params))
      if (/^W\d+$/.test(k)) W.copyFrom(stdAsWeight(W.rows, W.cols, opts.weightInitStd ?? "relu", opts.rng));
  }),
};

/** 'zeros' and { constant } ignored: He weights drawn instead. */
function constantIgnored(nIn: number, nOut: number, init: WeightInit, rng: Rng): Matrix {
  const std = reference.initStd(init, nIn, nOut);
  return rng.randn(nIn, nOut, std ?? Math.sqrt(2 / nIn));
}
export const initConstantIgnored: Partial<Impl> = {
  initWeight: constantIgnored,
  ...patchedNets((net, opts) => {
    for (const [k, W] of Object.entries(net.params))
      if (/^W\d+$/.test(k)) W.copyFrom(constantIgnored(W.rows, W.cols, opts.weightInitStd ?? "relu", opts.rng));
  }),
};

type Init = Parameters<Impl["initStd"]>[0];

/** initStd and initWeight whose std for a named scheme is `std(scheme, nIn, nOut)` (undefined: the reference's). */
export function initStdBy(
  std: (scheme: string, nIn: number, nOut: number) => number | undefined,
): Pick<Impl, "initStd" | "initWeight"> {
  const initStd = (init: Init, nIn: number, nOut: number): number | null => {
    const s = typeof init === "string" ? std(init.toLowerCase(), nIn, nOut) : undefined;
    return s !== undefined ? s : reference.initStd(init, nIn, nOut);
  };
  const initWeight = (nIn: number, nOut: number, init: Init, rng: Rng): Matrix => {
    const s = initStd(init, nIn, nOut);
    return s === null ? reference.initWeight(nIn, nOut, init, rng) : rng.randn(nIn, nOut, s);
  };
  return { initStd, initWeight };
}
