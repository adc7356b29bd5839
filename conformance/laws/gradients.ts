/**
 * Gradient checks: every layer's backward and every network's gradient against numerical
 * differentiation (book §4.3–4.4 numerical gradients, §5.7.3 "gradient check"), for the layers chapter 6 uses.
 *
 * Layers: the scalar loss is L(x, θ) = Σ dout ⊙ f(x) with a random dout, so backward(dout) must be
 * ∂L/∂x and the parameter gradients ∂L/∂θ. Networks: L is net.loss in training mode.
 *
 * Tolerance (layers): |analytic − numerical| ≤ atol + 1e-6·max(|analytic|, |numerical|) with
 * atol = 1e-8·(1 + Σ|dout ⊙ f(x)|). The numerical side is Richardson-extrapolated central
 * differences (util.numericalGradient): truncation O(h⁴) ≈ 1e-16, rounding at most about
 * 6e-10·Σ|dout ⊙ f(x)| (L carries ~1e-14 relative error, divided by 2h = 1e-4, times 3 for the
 * extrapolation), so a correct backward passes with a margin of more than 10. Every wrong backward
 * formula we know (see mistakes/broken) errs by an O(1) fraction of the gradient, ≥ 1e-3 relative.
 *
 * The book's quirk: the loss is −Σ log(y_t + 1e-7)/N but its backward is (y − t)/N, the gradient
 * of −Σ log(y_t)/N. The two differ by a relative 1e-7/y_t (1e-6 at y_t = 0.1), which a tolerance
 * tight enough to matter would trip over. So checks through SoftmaxWithLoss differentiate
 * loss − quirk(y), where quirk = −Σ log(1 + 1e-7/y_t)/N is exactly the 1e-7's contribution,
 * computed by the check from the scores (its own softmax): what remains is the loss whose
 * gradient the book's backward is, with nothing loosened.
 */
import fc from "fast-check";
import type { Impl, Mat } from "./impl.js";
import { expectClose, propertyLaw, violation, type Comparison, type Law } from "./law.js";
import {
  awayFromZero,
  capKinks,
  columnStats,
  dataRng,
  dotAll,
  H,
  implRng,
  labels,
  mat,
  numericalGradient,
  randn,
} from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
const RTOL = 1e-6;

interface Entry {
  /** e.g. "layer Affine, parameter dW" */
  where: string;
  analytic: Mat | null | undefined;
  /** The matrix the gradient is taken with respect to (changed in place by the differentiator). */
  wrt: Mat;
}

/** Compares each analytic gradient with the numerical gradient of L with respect to `wrt`. */
function gradientCheck(L: () => number, entries: Entry[], atol: number, rtol = RTOL, h = H): void {
  const comparisons: Comparison[] = [];
  let kinks = 0,
    total = 0;
  for (const e of entries) {
    if (!e.analytic) violation(`${e.where}: backward left no gradient (null/undefined)`);
    if (e.analytic.rows !== e.wrt.rows || e.analytic.cols !== e.wrt.cols)
      violation(
        `${e.where}: gradient has shape ${e.analytic.rows}×${e.analytic.cols}, expected ${e.wrt.rows}×${e.wrt.cols} (the shape of what it differentiates)`,
      );
    const analytic = Float64Array.from(e.analytic.data); // copy: later forward/backward calls may reuse buffers
    const n = numericalGradient(L, e.wrt, h);
    kinks += n.kinks;
    total += n.grad.length;
    comparisons.push({
      where: e.where,
      received: analytic,
      expected: n.grad,
      cols: e.wrt.cols,
      atol,
      rtol,
      skip: n.kink,
      names: ["analytic", "numerical"],
    });
  }
  capKinks(entries.map((e) => e.where).join("; "), kinks, total);
  expectClose(comparisons);
}

/** −Σ log(1 + 1e-7/y_t)/N: the part of the book's loss −Σ log(y_t + 1e-7)/N that (y − t)/N leaves out. */
export function crossEntropyQuirk(scores: Mat, t: Int32Array): number {
  // softmax of each row (max subtracted first), written out: no piece of the code under test.
  const N = scores.rows,
    C = scores.cols;
  let s = 0;
  for (let i = 0; i < N; i++) {
    const row = scores.data.subarray(i * C, (i + 1) * C);
    const max = Math.max(...row);
    let sum = 0;
    for (let j = 0; j < C; j++) sum += Math.exp(row[j] - max);
    s += Math.log1p(1e-7 / (Math.exp(row[t[i]] - max) / sum));
  }
  return -s / N;
}

/** atol for a layer check: 1e-8·(1 + Σ|dout ⊙ out|), see the file comment. */
function layerAtol(dout: Mat, out: Mat): number {
  let s = 0;
  for (let i = 0; i < out.data.length; i++) {
    const term = Math.abs(dout.data[i] * out.data[i]);
    if (Number.isFinite(term)) s += term; // a non-finite output fails the comparison itself
  }
  return 1e-8 * (1 + s);
}

/**
 * A gradient check differentiates the layer's own forward, so it can only judge backward once the
 * forward is right: each layer check first compares forward with its equation, computed here, and
 * names the forward when that is what is wrong.
 */
function expectForward(
  layer: string,
  out: Mat,
  expected: ArrayLike<number>,
  cols: number,
  atol: number,
  rtol: number,
  equation: string,
): void {
  if (out.data.length !== expected.length)
    violation(`layer ${layer}: forward returned ${out.rows}×${out.cols}, expected ${expected.length / cols}×${cols}`);
  for (let i = 0; i < expected.length; i++) {
    const r = out.data[i],
      e = expected[i];
    if (!(Math.abs(r - e) <= atol + rtol * Math.abs(e)))
      violation(
        `layer ${layer}: forward at [${Math.floor(i / cols)}, ${i % cols}] is ${r}, expected ${equation} = ${e}: the forward pass is wrong, ` +
          "so the gradient check (which differentiates this forward) cannot judge backward until forward is fixed",
      );
  }
}

const shape = { n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 4 }), seed: fc.integer() };

export const affineGradient = propertyLaw(
  {
    id: "affine-gradient",
    section: "§5.6.2 Affine layer",
    spec: SPEC,
    title: "Affine backward gives dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ dout as numerical differentiation does",
    mistake:
      "db summed over the wrong axis (it must sum over the batch rows, one entry per output column), or dW/dx with a transpose missing",
  },
  fc.record({ ...shape, m: fc.integer({ min: 1, max: 4 }), scale: fc.constantFrom(0.5, 1, 3) }),
  25,
  (impl, { n, d, m, seed, scale }) => {
    const rng = dataRng(seed);
    const W = randn(impl, rng, d, m),
      b = randn(impl, rng, 1, m),
      x = randn(impl, rng, n, d, scale),
      dout = randn(impl, rng, n, m);
    const layer = new impl.Affine(W, b);
    const out = layer.forward(x);
    const xw = new Float64Array(n * m);
    let size = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let acc = b.data[j];
        for (let k = 0; k < d; k++) {
          acc += x.data[i * d + k] * W.data[k * m + j];
          size += Math.abs(x.data[i * d + k] * W.data[k * m + j]);
        }
        xw[i * m + j] = acc;
      }
    // Sums of ≤ 5 products: any summation order agrees to ~1e-15·Σ|x_ik·W_kj|; 1e-12 is far above.
    expectForward("Affine", out, xw, m, 1e-12 * (1 + size), 0, "x·W + b");
    const dx = layer.backward(dout);
    const L = () => dotAll(dout.data, layer.forward(x).data);
    gradientCheck(
      L,
      [
        { where: "layer Affine, dx", analytic: dx, wrt: x },
        { where: "layer Affine, parameter W (dW)", analytic: layer.dW, wrt: W },
        { where: "layer Affine, parameter b (db)", analytic: layer.db, wrt: b },
      ],
      layerAtol(dout, out),
    );
  },
);

export const reluGradient = propertyLaw(
  {
    id: "relu-gradient",
    section: "§5.5.1 ReLU layer",
    spec: SPEC,
    title: "ReLU backward passes dout where x > 0 and blocks it where x ≤ 0, so ReLU′(0) = 0",
    mistake: "the mask built as x < 0 instead of x <= 0 (passing the gradient at x = 0), or backward ignoring the mask",
  },
  fc.record(shape),
  25,
  (impl, { n, d, seed }) => {
    const rng = dataRng(seed);
    // |x| ≥ 0.01 ≫ h = 1e-4: no coordinate crosses the kink, so the check is exact here.
    const x = awayFromZero(impl, rng, n, d, 0.01),
      dout = randn(impl, rng, n, d);
    const layer = new impl.Relu();
    const out = layer.forward(x);
    expectForward(
      "Relu",
      out,
      Float64Array.from(x.data, (v) => (v > 0 ? v : 0)),
      d,
      0,
      0,
      "max(0, x)",
    );
    const dx = layer.backward(dout);
    gradientCheck(
      () => dotAll(dout.data, layer.forward(x).data),
      [{ where: "layer Relu, dx", analytic: dx, wrt: x }],
      layerAtol(dout, out),
    );
    // Pin the kink: the book's mask is x <= 0, so at x = 0 exactly the gradient is blocked.
    const x0 = x.clone();
    for (let i = 0; i < x0.data.length; i += 2) x0.data[i] = 0;
    const pinned = new impl.Relu();
    pinned.forward(x0);
    const dx0 = pinned.backward(mat(impl, n, d, new Float64Array(n * d).fill(1)));
    for (let i = 0; i < x0.data.length; i++) {
      const expected = x0.data[i] > 0 ? 1 : 0;
      if (dx0.data[i] !== expected)
        violation(
          `layer Relu at x = ${x0.data[i]} (index [${Math.floor(i / d)}, ${i % d}]): dout 1 gave dx ${dx0.data[i]}, expected ${expected} (ReLU′(0) = 0: the mask is x <= 0)`,
        );
    }
  },
);

export const sigmoidGradient = propertyLaw(
  {
    id: "sigmoid-gradient",
    section: "§5.5.2 Sigmoid layer",
    spec: SPEC,
    title: "Sigmoid backward gives dout·(1 − y)·y as numerical differentiation does",
    mistake: "the derivative computed from the input x instead of the output y = σ(x)",
  },
  fc.record({ ...shape, scale: fc.constantFrom(0.5, 1, 3) }),
  25,
  (impl, { n, d, seed, scale }) => {
    const rng = dataRng(seed);
    const x = randn(impl, rng, n, d, scale),
      dout = randn(impl, rng, n, d);
    const layer = new impl.Sigmoid();
    const out = layer.forward(x);
    // exp and one division: a few ulps of y ∈ (0, 1).
    expectForward(
      "Sigmoid",
      out,
      Float64Array.from(x.data, (v) => 1 / (1 + Math.exp(-v))),
      d,
      1e-15,
      1e-13,
      "1/(1 + e^(−x))",
    );
    const dx = layer.backward(dout);
    gradientCheck(
      () => dotAll(dout.data, layer.forward(x).data),
      [{ where: "layer Sigmoid, dx", analytic: dx, wrt: x }],
      layerAtol(dout, out),
    );
  },
);

export const tanhGradient = propertyLaw(
  {
    id: "tanh-gradient",
    section: "lecture notes on activations: tanh",
    spec: SPEC,
    title: "Tanh backward gives dout·(1 − y²) as numerical differentiation does",
    mistake: "1 − y instead of 1 − y² (the square dropped), or the derivative taken from x instead of y",
  },
  fc.record({ ...shape, scale: fc.constantFrom(0.5, 1, 3) }),
  25,
  (impl, { n, d, seed, scale }) => {
    const rng = dataRng(seed);
    const x = randn(impl, rng, n, d, scale),
      dout = randn(impl, rng, n, d);
    const layer = new impl.Tanh();
    const out = layer.forward(x);
    // Math.tanh or (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ), which cancels near 0: 1e-12 absolute allows either.
    expectForward("Tanh", out, Float64Array.from(x.data, Math.tanh), d, 1e-12, 1e-13, "tanh(x)");
    const dx = layer.backward(dout);
    gradientCheck(
      () => dotAll(dout.data, layer.forward(x).data),
      [{ where: "layer Tanh, dx", analytic: dx, wrt: x }],
      layerAtol(dout, out),
    );
  },
);

export const softmaxWithLossGradient = propertyLaw(
  {
    id: "softmax-with-loss-gradient",
    section: "§5.6.3 Softmax-with-Loss layer",
    spec: SPEC,
    title: "SoftmaxWithLoss backward gives (y − t)/N as numerical differentiation of the loss does",
    mistake: "(y − t) not divided by the batch size N (the loss is a mean over the batch)",
  },
  fc.record({
    n: fc.integer({ min: 2, max: 5 }),
    c: fc.integer({ min: 2, max: 5 }),
    seed: fc.integer(),
    scale: fc.constantFrom(1, 3),
  }),
  25,
  (impl, { n, c, seed, scale }) => {
    const rng = dataRng(seed);
    const x = randn(impl, rng, n, c, scale),
      t = labels(rng, n, c);
    const layer = new impl.SoftmaxWithLoss();
    const loss = layer.forward(x, t);
    let ce = 0;
    for (let i = 0; i < n; i++) {
      const row = x.data.subarray(i * c, (i + 1) * c),
        max = Math.max(...row);
      let sum = 0;
      for (let j = 0; j < c; j++) sum += Math.exp(row[j] - max);
      ce -= Math.log(Math.exp(row[t[i]] - max) / sum + 1e-7);
    }
    // A mean of N logs of O(1–10): 1e-12 relative is 10³ above their rounding.
    expectForward(
      "SoftmaxWithLoss",
      mat(impl, 1, 1, [loss]),
      [ce / n],
      1,
      1e-14,
      1e-12,
      "−Σ log(softmax(x)_t + 1e-7)/N",
    );
    const dx = layer.backward(1);
    // L is the loss itself (a mean of N logs): its rounding is ~1e-16·|L|, so atol 1e-8·(1 + |L|).
    gradientCheck(
      () => layer.forward(x, t) - crossEntropyQuirk(x, t),
      [{ where: "layer SoftmaxWithLoss, dx", analytic: dx, wrt: x }],
      1e-8 * (1 + Math.abs(loss)),
    );
  },
);

/** N×D with column j ~ offset_j + s_j·N(0, 1), s_j ∈ [minScale, 3]; null when a column's variance is < 1e-2. */
export function batchNormInput(
  impl: Impl,
  rng: ReturnType<typeof dataRng>,
  n: number,
  d: number,
  minScale = 0.3,
): Mat | null {
  const x = mat(impl, n, d);
  for (let j = 0; j < d; j++) {
    const offset = 2 * rng.normal(),
      s = minScale + (3 - minScale) * rng.uniform();
    for (let i = 0; i < n; i++) x.data[i * d + j] = offset + s * rng.normal();
  }
  for (let j = 0; j < d; j++) if (columnStats(x, j).variance < 1e-2) return null;
  return x;
}

/** γ with |γ| ∈ [0.5, 2] and random sign, β ~ N(0, 1). */
export function gammaBeta(impl: Impl, rng: ReturnType<typeof dataRng>, d: number): [Mat, Mat] {
  const g = mat(impl, 1, d),
    b = randn(impl, rng, 1, d);
  for (let j = 0; j < d; j++) g.data[j] = (rng.uniform() < 0.5 ? -1 : 1) * (0.5 + 1.5 * rng.uniform());
  return [g, b];
}

export const batchNormGradient = propertyLaw(
  {
    id: "batchnorm-gradient",
    section: "§6.3.1 Batch Normalization algorithm (backward through its computation graph)",
    spec: SPEC,
    title: "BatchNormalization backward gives dx, dγ, dβ as numerical differentiation does (training mode)",
    mistake: "the backward pass missing the mean branch (−Σdxc/N) or the variance branch through std; dγ without x̂",
  },
  fc.record({ n: fc.integer({ min: 3, max: 6 }), d: fc.integer({ min: 1, max: 4 }), seed: fc.integer() }),
  25,
  (impl, { n, d, seed }) => {
    const rng = dataRng(seed);
    const x = batchNormInput(impl, rng, n, d);
    fc.pre(x !== null);
    const [gamma, beta] = gammaBeta(impl, rng, d);
    const dout = randn(impl, rng, n, d);
    const bn = new impl.BatchNormalization(gamma, beta);
    const out = bn.forward(x, true);
    const dx = bn.backward(dout);
    gradientCheck(
      () => dotAll(dout.data, bn.forward(x, true).data),
      [
        { where: "layer BatchNormalization, dx", analytic: dx, wrt: x },
        { where: "layer BatchNormalization, parameter γ (dgamma)", analytic: bn.dgamma, wrt: gamma },
        { where: "layer BatchNormalization, parameter β (dbeta)", analytic: bn.dbeta, wrt: beta },
      ],
      layerAtol(dout, out),
    );
  },
);

/** Sets `freeze = true` on every layer that has the flag (Dropout), so its mask is reused. */
export function freezeDropout(layers: Iterable<unknown>): number {
  let frozen = 0;
  for (const layer of layers)
    if (layer && typeof layer === "object" && "freeze" in layer) {
      (layer as { freeze: boolean }).freeze = true;
      frozen++;
    }
  return frozen;
}

export const dropoutGradient = propertyLaw(
  {
    id: "dropout-gradient",
    section: "§6.4.3 Dropout",
    spec: SPEC,
    title: "Dropout backward with its mask fixed (freeze) is the gradient of the masked forward",
    mistake: "dropout backward must reuse the forward mask (not draw a new one), and scale like the forward does",
  },
  fc.record({
    n: fc.integer({ min: 1, max: 4 }),
    d: fc.integer({ min: 2, max: 6 }),
    ratio: fc.constantFrom(0.2, 0.5, 0.8),
    inverted: fc.boolean(),
    seed: fc.integer(),
  }),
  25,
  (impl, { n, d, ratio, inverted, seed }) => {
    const rng = dataRng(seed);
    const x = randn(impl, rng, n, d),
      dout = randn(impl, rng, n, d);
    const layer = new impl.Dropout(ratio, implRng(impl, seed), { inverted });
    layer.forward(x, true);
    freezeDropout([layer]);
    const out = layer.forward(x, true);
    const dx = layer.backward(dout);
    gradientCheck(
      () => dotAll(dout.data, layer.forward(x, true).data),
      [{ where: `layer Dropout (ratio ${ratio}${inverted ? ", inverted" : ""}), dx`, analytic: dx, wrt: x }],
      layerAtol(dout, out),
    );
  },
);

// ---------------------------------------------------------------------------------------------
// Whole networks

type Net = InstanceType<Impl["MultiLayerNet"]>;
const ACTIVATIONS = ["relu", "sigmoid", "tanh"] as const;

/** Biases, β and γ start at 0, 0 and 1; random values make a wrong term in their gradients visible. */
export function randomiseNonWeights(net: Net, rng: ReturnType<typeof dataRng>): void {
  for (const [key, p] of Object.entries(net.params)) {
    if (key.startsWith("W")) continue;
    for (let i = 0; i < p.data.length; i++)
      p.data[i] = key.startsWith("gamma") ? 1 + 0.3 * rng.normal() : 0.5 * rng.normal();
  }
}

function layerOf(key: string): string {
  const m = /^([a-zA-Z]+)(\d+)$/.exec(key);
  if (!m) return "?";
  return m[1] === "W" || m[1] === "b" ? `Affine${m[2]}` : `BatchNorm${m[2]}`;
}

/** net.gradient against the numerical gradient of net.loss (training mode) for every parameter. */
function networkCheck(net: Net, x: Mat, t: Int32Array, what: string): void {
  const analytic = net.gradient(x, t);
  const L = () => net.loss(x, t, true) - crossEntropyQuirk(net.predict(x, true), t);
  const entries: Entry[] = Object.keys(net.params).map((key) => ({
    where: `${what}, layer ${layerOf(key)}, parameter ${key}`,
    analytic: analytic[key],
    wrt: net.params[key],
  }));
  // h = 1e-6 (not the book's 1e-4): ReLU kinks of pre-activations we do not control are crossed
  // 100× less often (see util.numericalGradient). The loss is a mean cross entropy (+ ½λΣW²) of
  // O(1–10) with rounding error ~1e-15, so the differencing noise is ~1e-9: atol 1e-7 and rtol 1e-6
  // are 100× above it, and far below any wrong term (λW, a missing branch of backprop) in these
  // nets of O(0.1–1) weights.
  gradientCheck(L, entries, 1e-7, RTOL, 1e-6);
}

const netShape = {
  inputSize: fc.integer({ min: 2, max: 4 }),
  hidden: fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 2 }),
  outputSize: fc.integer({ min: 2, max: 4 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  init: fc.constantFrom<number | "he" | "xavier">(0.5, "he", "xavier"),
  seed: fc.integer(),
};

export const networkGradientPlain = propertyLaw(
  {
    id: "network-gradient-weight-decay",
    section: "§6.4.2 Weight decay (MultiLayerNet gradient)",
    spec: SPEC,
    title: "MultiLayerNet's backprop gradient equals the numerical gradient for λ = 0, 0.1 and 1",
    mistake: "weight decay missing from the gradient (each dW must get + λW) or its loss term not ½λΣW²",
  },
  fc.record({ ...netShape, n: fc.integer({ min: 2, max: 5 }) }),
  10,
  (impl, { inputSize, hidden, outputSize, activation, init, n, seed }) => {
    for (const lambda of [0, 0.1, 1]) {
      const rng = dataRng(seed);
      const net = new impl.MultiLayerNet({
        inputSize,
        hiddenSizeList: hidden,
        outputSize,
        activation,
        weightInitStd: init,
        weightDecayLambda: lambda,
        rng: implRng(impl, seed),
      });
      randomiseNonWeights(net, rng);
      const x = randn(impl, rng, n, inputSize),
        t = labels(rng, n, outputSize);
      networkCheck(
        net,
        x,
        t,
        `MultiLayerNet(${[inputSize, ...hidden, outputSize].join("→")}, ${activation}, λ = ${lambda})`,
      );
    }
  },
);

export const networkGradientBatchNorm = propertyLaw(
  {
    id: "network-gradient-batchnorm",
    section: "§6.3 Batch Normalization (MultiLayerNetExtend gradient)",
    spec: SPEC,
    title: "MultiLayerNetExtend with BatchNorm: backprop gradient equals the numerical gradient, γ and β included",
    mistake: "BatchNorm backward missing the mean or variance branch, or dγ/dβ not collected into the network's grads",
  },
  fc.record({ ...netShape, n: fc.integer({ min: 4, max: 6 }), lambda: fc.constantFrom(0, 0.1, 1) }),
  10,
  (impl, { inputSize, hidden, outputSize, activation, init, n, lambda, seed }) => {
    const rng = dataRng(seed);
    const net = new impl.MultiLayerNetExtend({
      inputSize,
      hiddenSizeList: hidden,
      outputSize,
      activation,
      weightInitStd: init,
      weightDecayLambda: lambda,
      useBatchnorm: true,
      rng: implRng(impl, seed),
    });
    randomiseNonWeights(net, rng);
    const x = randn(impl, rng, n, inputSize),
      t = labels(rng, n, outputSize);
    networkCheck(
      net,
      x,
      t,
      `MultiLayerNetExtend(${[inputSize, ...hidden, outputSize].join("→")}, ${activation}, BatchNorm, λ = ${lambda})`,
    );
  },
);

export const networkGradientDropout = propertyLaw(
  {
    id: "network-gradient-dropout",
    section: "§6.4.3 Dropout (MultiLayerNetExtend gradient)",
    spec: SPEC,
    title: "MultiLayerNetExtend with dropout under a fixed mask: backprop gradient equals the numerical gradient",
    mistake: "dropout backward must reuse the forward mask; with freeze = true the forward must reuse it too",
  },
  fc.record({
    ...netShape,
    n: fc.integer({ min: 3, max: 6 }),
    lambda: fc.constantFrom(0, 0.1, 1),
    ratio: fc.constantFrom(0.2, 0.5),
    batchnorm: fc.boolean(),
  }),
  10,
  (impl, { inputSize, hidden, outputSize, activation, init, n, lambda, ratio, batchnorm, seed }) => {
    const rng = dataRng(seed);
    const net = new impl.MultiLayerNetExtend({
      inputSize,
      hiddenSizeList: hidden,
      outputSize,
      activation,
      weightInitStd: init,
      weightDecayLambda: lambda,
      useDropout: true,
      dropoutRatio: ratio,
      useBatchnorm: batchnorm,
      rng: implRng(impl, seed),
    });
    randomiseNonWeights(net, rng);
    const x = randn(impl, rng, n, inputSize),
      t = labels(rng, n, outputSize);
    net.loss(x, t, true); // draw the masks once
    if (freezeDropout(net.layers.values()) === 0)
      violation("the network has no layer with a `freeze` flag: dropout masks cannot be fixed for a gradient check");
    networkCheck(
      net,
      x,
      t,
      `MultiLayerNetExtend(${[inputSize, ...hidden, outputSize].join("→")}, ${activation}, dropout ${ratio}${batchnorm ? ", BatchNorm" : ""}, λ = ${lambda})`,
    );
  },
);

/**
 * One random direction u over all parameters: (L(θ + hu) − L(θ − hu))/2h against ∇L·u. Two
 * losses per h instead of two per parameter, so a bigger network is checked for the cost of a
 * few forward passes.
 */
export const networkDirectional = propertyLaw(
  {
    id: "network-directional-derivative",
    section: "§5.7.3 gradient check (whole network, one random direction)",
    spec: SPEC,
    title: "Along a random direction u, the network's (L(θ+hu) − L(θ−hu))/2h equals ∇L·u",
    mistake: "a wrong backward in any layer (BatchNorm's mean branch, the dropout mask, λW) shows up in ∇L·u",
  },
  fc.record({
    inputSize: fc.integer({ min: 8, max: 16 }),
    hidden: fc.array(fc.integer({ min: 12, max: 24 }), { minLength: 2, maxLength: 3 }),
    outputSize: fc.integer({ min: 4, max: 8 }),
    n: fc.integer({ min: 8, max: 12 }),
    activation: fc.constantFrom(...ACTIVATIONS),
    batchnorm: fc.boolean(),
    dropout: fc.boolean(),
    lambda: fc.constantFrom(0, 0.1, 1),
    seed: fc.integer(),
  }),
  10,
  (impl, { inputSize, hidden, outputSize, n, activation, batchnorm, dropout, lambda, seed }) => {
    const rng = dataRng(seed);
    const net = new impl.MultiLayerNetExtend({
      inputSize,
      hiddenSizeList: hidden,
      outputSize,
      activation,
      weightDecayLambda: lambda,
      useBatchnorm: batchnorm,
      useDropout: dropout,
      dropoutRatio: 0.3,
      rng: implRng(impl, seed),
    });
    randomiseNonWeights(net, rng);
    const x = randn(impl, rng, n, inputSize),
      t = labels(rng, n, outputSize);
    if (dropout) {
      net.loss(x, t, true);
      freezeDropout(net.layers.values());
    }
    const grads = net.gradient(x, t);
    const keys = Object.keys(net.params);
    const g = keys.map((k) => {
      const gk = grads[k];
      if (!gk || gk.data.length !== net.params[k].data.length)
        violation(`gradient for ${k} is missing or has the wrong size`);
      return Float64Array.from(gk.data);
    });
    const theta = keys.map((k) => Float64Array.from(net.params[k].data));
    const L = (u: Float64Array[], s: number) => {
      keys.forEach((k, j) => {
        const p = net.params[k].data;
        for (let i = 0; i < p.length; i++) p[i] = theta[j][i] + s * u[j][i];
      });
      const loss = net.loss(x, t, true) - crossEntropyQuirk(net.predict(x, true), t);
      keys.forEach((k, j) => net.params[k].data.set(theta[j]));
      return loss;
    };
    const h = 1e-6; // as in networkCheck: kinks crossed 100× less often than at the book's 1e-4
    for (let attempt = 0; attempt < 5; attempt++) {
      const u = theta.map((th) => Float64Array.from(th, () => rng.normal()));
      let gu = 0,
        scale = 1;
      g.forEach((gj, j) =>
        gj.forEach((v, i) => {
          gu += v * u[j][i];
          scale += Math.abs(v * u[j][i]);
        }),
      );
      const d1 = (L(u, h) - L(u, -h)) / (2 * h);
      const d2 = (L(u, h / 2) - L(u, -h / 2)) / h;
      const d4 = (L(u, h / 4) - L(u, -h / 4)) / (h / 2);
      // Measured on 400 smooth (sigmoid/tanh) networks of this size: |d1 − d2| ≤ 1e-8·scale and the
      // Richardson error ≤ 1e-12·scale (scale = 1 + Σ|g_i u_i|). A ReLU kink crossed along u makes
      // the step sizes disagree by ≥ 5e-5·scale: above 1e-7·scale, try another direction.
      if (!(Math.abs(d1 - d2) <= 1e-7 * scale && Math.abs(d2 - d4) <= 1e-7 * scale)) continue;
      const dd = (4 * d4 - d2) / 3;
      // 1e-6·scale: 10⁶ above the differencing error, while a wrong term (BatchNorm's mean branch,
      // λW, a redrawn mask) moves ∇L·u by ≥ 1e-3·scale.
      const allowed = 1e-6 * scale;
      if (!(Math.abs(dd - gu) <= allowed))
        violation(
          `network ${[inputSize, ...hidden, outputSize].join("→")} (${activation}${batchnorm ? ", BatchNorm" : ""}${dropout ? ", dropout" : ""}, λ = ${lambda}): ` +
            `numerical directional derivative ${dd} but ∇L·u = ${gu} (|diff| ${Math.abs(dd - gu)} > allowed ${allowed} = 1e-6·(1 + Σ|g_i u_i|))`,
        );
      return;
    }
    fc.pre(false); // every direction crossed a kink: skip this case
  },
);

export const gradientLaws: Law[] = [
  affineGradient,
  reluGradient,
  sigmoidGradient,
  tanhGradient,
  softmaxWithLossGradient,
  batchNormGradient,
  dropoutGradient,
  networkGradientPlain,
  networkGradientBatchNorm,
  networkGradientDropout,
  networkDirectional,
];
