/**
 * The symmetric-weight failure (§6.2.1): with all-zero or constant initial weights every hidden
 * unit of a layer computes the same thing and receives the same gradient, so the units stay
 * identical (bit for bit) through any number of updates of any optimizer, with or without weight
 * decay and BatchNorm. Random initialisation breaks the symmetry; so does dropout (positive controls).
 */
import fc from "fast-check";
import type { Impl, Mat } from "./impl.js";
import { num, propertyLaw, violation, type Law } from "./law.js";
import { dataRng, implRng, labels, makeOptimizer, OPTIMIZERS, randn, type OptName } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
const STEPS = 8;

type Net = InstanceType<Impl["MultiLayerNetExtend"]>;
type Init = "zeros" | { constant: number } | "he" | "relu" | "xavier";

interface Setup {
  inputSize: number;
  hidden: number[];
  outputSize: number;
  n: number;
  activation: "relu" | "sigmoid" | "tanh";
  seed: number;
}

/** Trains `net` for STEPS updates of `opt` on fresh random batches. */
function train(impl: Impl, net: Net, opt: OptName, s: Setup, lr: number): void {
  const rng = dataRng(s.seed);
  const optimizer = makeOptimizer(impl, opt, { lr });
  for (let k = 0; k < STEPS; k++) {
    const x = randn(impl, rng, s.n, s.inputSize),
      t = labels(rng, s.n, s.outputSize);
    optimizer.update(net.params, net.gradient(x, t));
  }
}

/** First pair of hidden units (columns of W_l, rows of W_{l+1}, entries of b_l/γ_l/β_l) that differ, or null. */
function asymmetry(net: Net, layers: number): string | null {
  const p = net.params;
  for (let l = 1; l <= layers; l++) {
    const checks: [string, Mat, "col" | "row"][] = [
      [`W${l}`, p[`W${l}`], "col"],
      [`b${l}`, p[`b${l}`], "col"],
      [`W${l + 1}`, p[`W${l + 1}`], "row"],
    ];
    if (p[`gamma${l}`]) checks.push([`gamma${l}`, p[`gamma${l}`], "col"], [`beta${l}`, p[`beta${l}`], "col"]);
    for (const [name, m, axis] of checks) {
      const units = axis === "col" ? m.cols : m.rows,
        len = axis === "col" ? m.rows : m.cols;
      const at = (u: number, i: number) => (axis === "col" ? m.data[i * m.cols + u] : m.data[u * m.cols + i]);
      for (let u = 1; u < units; u++)
        for (let i = 0; i < len; i++)
          if (at(u, i) !== at(0, i))
            return `${name}: hidden unit ${u} differs from unit 0 (${axis === "col" ? "column" : "row"} entry ${i}: ${num(at(u, i))} vs ${num(at(0, i))})`;
    }
  }
  return null;
}

/** Pairs of hidden units of layer 1 whose W1 columns are identical (a symmetric pair), as "i=j". */
function identicalPairs(W: Mat): string[] {
  const out: string[] = [];
  for (let a = 0; a < W.cols; a++)
    for (let b = a + 1; b < W.cols; b++) {
      let same = true;
      for (let i = 0; i < W.rows && same; i++) same = W.data[i * W.cols + a] === W.data[i * W.cols + b];
      if (same) out.push(`${a}=${b}`);
    }
  return out;
}

const setup = {
  inputSize: fc.integer({ min: 2, max: 4 }),
  hidden: fc.array(fc.integer({ min: 3, max: 5 }), { minLength: 1, maxLength: 2 }),
  outputSize: fc.integer({ min: 2, max: 3 }),
  n: fc.integer({ min: 4, max: 6 }),
  activation: fc.constantFrom<"relu" | "sigmoid" | "tanh">("relu", "sigmoid", "tanh"),
  seed: fc.integer(),
};

/** Learning rates small enough that no optimizer blows up in STEPS steps (the law is about symmetry, not speed). */
const LR: Record<OptName, number> = {
  sgd: 0.1,
  momentum: 0.05,
  nesterov: 0.05,
  adagrad: 0.1,
  rmsprop: 0.01,
  adam: 0.01,
};

export const symmetricStaysSymmetric = propertyLaw(
  {
    id: "symmetric-weights-stay-symmetric",
    section: "§6.2.1 Initial weights: why not all zero (symmetric weights)",
    spec: SPEC,
    title:
      "With all-zero or constant initial weights, hidden units stay bit-for-bit identical under every optimizer, with and without weight decay and BatchNorm",
    mistake:
      "the initialiser ignoring a 'zeros'/constant request (drawing random weights anyway), or per-unit randomness (γ drawn at random, a mask) where the book has none",
  },
  fc.record({
    ...setup,
    init: fc.oneof(
      fc.constant<Init>("zeros"),
      fc.double({ min: 0.05, max: 0.8, noNaN: true }).map((c): Init => ({ constant: c })),
    ),
  }),
  4,
  (impl, s) => {
    for (const opt of OPTIMIZERS)
      for (const lambda of [0, 0.1])
        for (const batchnorm of [false, true]) {
          const net = new impl.MultiLayerNetExtend({
            inputSize: s.inputSize,
            hiddenSizeList: s.hidden,
            outputSize: s.outputSize,
            activation: s.activation,
            weightInitStd: s.init,
            weightDecayLambda: lambda,
            useBatchnorm: batchnorm,
            rng: implRng(impl, s.seed),
          });
          const before = asymmetry(net, s.hidden.length);
          if (before) violation(`right after construction with weightInitStd ${JSON.stringify(s.init)}: ${before}`);
          train(impl, net, opt, s, LR[opt]);
          const after = asymmetry(net, s.hidden.length);
          if (after)
            violation(
              `after ${STEPS} ${opt} updates (λ = ${lambda}${batchnorm ? ", BatchNorm" : ""}, ${s.activation}, init ${JSON.stringify(s.init)}): ${after}`,
            );
        }
  },
);

export const randomInitBreaksSymmetry = propertyLaw(
  {
    id: "random-init-breaks-symmetry",
    section: "§6.2.1 Initial weights (random initialisation breaks the symmetry)",
    spec: SPEC,
    title: "With random initial weights (He, Xavier, std 0.01) no two hidden units are identical after training",
    mistake: "the scale used as the weight (W filled with std instead of std·randn), so every weight starts equal",
  },
  fc.record({
    ...setup,
    init: fc.constantFrom<Init | number>("he", "xavier", 0.01),
    opt: fc.constantFrom(...OPTIMIZERS),
  }),
  10,
  (impl, s) => {
    const net = new impl.MultiLayerNetExtend({
      inputSize: s.inputSize,
      hiddenSizeList: s.hidden,
      outputSize: s.outputSize,
      activation: s.activation,
      weightInitStd: s.init,
      rng: implRng(impl, s.seed),
    });
    train(impl, net, s.opt, s, LR[s.opt]);
    const pairs = identicalPairs(net.params.W1!);
    // Continuous random draws coincide with probability 0: any identical pair means no randomness.
    if (pairs.length > 0)
      violation(
        `after ${STEPS} ${s.opt} updates with weightInitStd ${JSON.stringify(s.init)}, hidden units of layer 1 with identical W1 columns: ${pairs.join(", ")}`,
      );
  },
);

export const dropoutBreaksSymmetry = propertyLaw(
  {
    id: "dropout-breaks-symmetry",
    section: "§6.4.3 Dropout (each unit dropped independently)",
    spec: SPEC,
    title: "Dropout breaks the symmetry of constant initial weights: after training no two hidden units are identical",
    mistake:
      "one dropout decision per example (row) instead of per unit, so all units of a row are dropped together and stay identical",
  },
  fc.record({
    ...setup,
    activation: fc.constantFrom<"sigmoid" | "tanh">("sigmoid", "tanh"),
    c: fc.double({ min: 0.1, max: 0.8, noNaN: true }),
    opt: fc.constantFrom(...OPTIMIZERS),
  }),
  10,
  (impl, s) => {
    const net = new impl.MultiLayerNetExtend({
      inputSize: s.inputSize,
      hiddenSizeList: s.hidden,
      outputSize: s.outputSize,
      activation: s.activation,
      weightInitStd: { constant: s.c },
      useDropout: true,
      dropoutRatio: 0.5,
      rng: implRng(impl, s.seed),
    });
    train(impl, net, s.opt, s, LR[s.opt]);
    // Two units share all n·8 coin flips with probability 2^(−32) or less.
    const pairs = identicalPairs(net.params.W1!);
    if (pairs.length > 0)
      violation(
        `after ${STEPS} ${s.opt} updates with dropout 0.5 from constant weights ${s.c}, hidden units of layer 1 still identical: ${pairs.join(", ")}`,
      );
  },
);

export const symmetryLaws: Law[] = [symmetricStaysSymmetric, randomInitBreaksSymmetry, dropoutBreaksSymmetry];
