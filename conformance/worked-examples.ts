/**
 * Worked examples: each piece of the chapter run on small fixed inputs, with the expected numbers
 * computed here from the book's equations in plain scalar code (never by the code under test).
 * They are the second, independent line behind the property laws: every planted entry of the
 * registry (mistakes/registry.ts) must be killed by a law and by a worked example or book path.
 */
import type { Impl, Mat } from "./laws/impl.js";
import { deterministicLaw, expectClose, violation, type Comparison, type Law } from "./laws/law.js";
import { mat } from "./laws/util.js";

const SPEC = "spec/conformance/conformance.spec.ts";
const TOL = { atol: 1e-14, rtol: 1e-10 };

function worked(id: string, section: string, title: string, mistake: string, check: (impl: Impl) => void): Law {
  return deterministicLaw(
    { id: `worked-${id}`, section, title: `worked example: ${title}`, mistake, spec: SPEC },
    check,
  );
}

const cmp = (where: string, received: ArrayLike<number>, expected: ArrayLike<number>, cols: number): Comparison => ({
  where,
  received,
  expected,
  cols,
  ...TOL,
});
const data = (m: { data: ArrayLike<number> } | null | undefined, what: string): ArrayLike<number> => {
  if (!m || !m.data) violation(`${what} is ${m === null ? "null" : "missing"} (expected a matrix)`);
  return m.data;
};

// ---------------------------------------------------------------------------------------------
// ch. 5 layers

const X23 = [0.5, -1.2, 0, 2.0, 0.3, -0.7];
const D23 = [1.0, -0.5, 0.25, 0.8, -1.5, 2.0];

function elementwiseLayer(
  name: "Relu" | "Sigmoid" | "Tanh",
  f: (x: number) => number,
  df: (x: number, y: number, d: number) => number,
  mistake: string,
): Law {
  return worked(
    name.toLowerCase(),
    `ch. 5 ${name} layer`,
    `${name} forward and backward on a 2×3 input with a zero in it`,
    mistake,
    (impl) => {
      const layer = new impl[name]();
      const y = layer.forward(mat(impl, 2, 3, X23));
      const dx = layer.backward(mat(impl, 2, 3, D23));
      const ey = X23.map(f),
        edx = X23.map((x, i) => df(x, ey[i], D23[i]));
      expectClose([
        cmp(`${name} forward`, data(y, "forward"), ey, 3),
        cmp(`${name} backward dx`, data(dx, "backward"), edx, 3),
      ]);
    },
  );
}

const relu = elementwiseLayer(
  "Relu",
  (x) => (x > 0 ? x : 0),
  (x, _y, d) => (x <= 0 ? 0 : d),
  "the backward mask built as x < 0 (the gradient passes at 0)",
);
const sigmoid = elementwiseLayer(
  "Sigmoid",
  (x) => 1 / (1 + Math.exp(-x)),
  (_x, y, d) => d * (1 - y) * y,
  "backward from the input x instead of the output y",
);
const tanh = elementwiseLayer(
  "Tanh",
  (x) => Math.tanh(x),
  (_x, y, d) => d * (1 - y * y),
  "1 − y instead of 1 − y²",
);

const affine = worked(
  "affine",
  "ch. 5 Affine layer",
  "Affine forward xW + b and backward dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ dout over the batch",
  "db summed over the wrong axis, or a transpose missing",
  (impl) => {
    const Wv = [0.2, -0.4, 1.1, 0.3, -0.6, 0.9],
      bv = [0.05, -0.1],
      x = X23,
      dout = [1.0, -2.0, 0.5, 0.25];
    const layer = new impl.Affine(mat(impl, 3, 2, Wv), mat(impl, 1, 2, bv));
    const out = layer.forward(mat(impl, 2, 3, x));
    const dx = layer.backward(mat(impl, 2, 2, dout));
    const eo = new Float64Array(4),
      edx = new Float64Array(6),
      edW = new Float64Array(6),
      edb = new Float64Array(2);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        let s = bv[j];
        for (let k = 0; k < 3; k++) s += x[i * 3 + k] * Wv[k * 2 + j];
        eo[i * 2 + j] = s;
        edb[j] += dout[i * 2 + j];
      }
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 3; k++) for (let j = 0; j < 2; j++) edx[i * 3 + k] += dout[i * 2 + j] * Wv[k * 2 + j];
    for (let k = 0; k < 3; k++)
      for (let j = 0; j < 2; j++) for (let i = 0; i < 2; i++) edW[k * 2 + j] += x[i * 3 + k] * dout[i * 2 + j];
    expectClose([
      cmp("Affine out", data(out, "forward"), eo, 2),
      cmp("Affine dx", data(dx, "backward"), edx, 3),
      cmp("Affine dW", data(layer.dW, "dW"), edW, 2),
      cmp("Affine db", data(layer.db, "db"), edb, 2),
    ]);
  },
);

/** Row-wise softmax with the row max subtracted, in scalars. */
function softmaxRows(x: number[], rows: number, cols: number): number[] {
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = x.slice(i * cols, (i + 1) * cols),
      m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m)),
      s = e.reduce((a, b) => a + b, 0);
    y.push(...e.map((v) => v / s));
  }
  return y;
}

const softmaxWithLoss = worked(
  "softmax-with-loss",
  "ch. 5 Softmax-with-Loss layer",
  "loss −Σ log(y_t + 1e-7)/N and backward (y − t)/N on a 2×3 batch",
  "backward y − t without the /N, or the loss summed",
  (impl) => {
    const x = [1.0, 2.0, 0.5, -1.0, 0.0, 3.0],
      t = [2, 0];
    const layer = new impl.SoftmaxWithLoss();
    const loss = layer.forward(mat(impl, 2, 3, x), Int32Array.from(t));
    const dx = layer.backward(1);
    const y = softmaxRows(x, 2, 3);
    const eLoss = -(Math.log(y[0 * 3 + 2] + 1e-7) + Math.log(y[1 * 3 + 0] + 1e-7)) / 2;
    const edx = y.map((v, k) => (v - (t[Math.floor(k / 3)] === k % 3 ? 1 : 0)) / 2);
    expectClose([cmp("loss", [loss], [eLoss], 0), cmp("dx", data(dx, "backward"), edx, 3)]);
  },
);

// ---------------------------------------------------------------------------------------------
// ch. 4 cross entropy and the numerical gradient

const crossEntropy = worked(
  "cross-entropy",
  "ch. 4 cross entropy",
  "−Σ log(y_t + 1e-7)/N with index and one-hot labels, a zero probability at the label, and a batch",
  "the minus sign, the 1e-7, or the /N left out",
  (impl) => {
    const y = [0.1, 0.7, 0.2, 0.0, 0.5, 0.5, 0.3, 0.3, 0.4],
      t = [1, 0, 2];
    const e = -(Math.log(0.7 + 1e-7) + Math.log(0.0 + 1e-7) + Math.log(0.4 + 1e-7)) / 3;
    const oneHot = [0, 1, 0, 1, 0, 0, 0, 0, 1];
    const single = -Math.log(0.7 + 1e-7);
    expectClose([
      cmp("batch of 3, index labels", [impl.crossEntropyError(mat(impl, 3, 3, y), Int32Array.from(t))], [e], 0),
      cmp("batch of 3, one-hot labels", [impl.crossEntropyError(mat(impl, 3, 3, y), mat(impl, 3, 3, oneHot))], [e], 0),
      cmp("one row", [impl.crossEntropyError(mat(impl, 1, 3, y.slice(0, 3)), Int32Array.from([1]))], [single], 0),
    ]);
  },
);

const numericalGradient = worked(
  "numerical-gradient",
  "ch. 4 numerical gradient",
  "central differences of f(x) = Σ (x³ + 2x): 3x² + 2 + h² with h = 1e-4",
  "a forward difference (f(x + h) − f(x))/h, or dividing by h instead of 2h",
  (impl) => {
    const x = [1.0, -2.0, 0.5, 3.0];
    const f = (m: Mat) => m.data.reduce((s, v) => s + v * v * v + 2 * v, 0);
    const g = impl.numericalGradient(f, mat(impl, 2, 2, x));
    // Central differences of a cubic: 3x² + 2 + h² exactly; rounding of f's sums leaves ~1e-8 relative.
    expectClose([
      {
        where: "numerical gradient",
        received: data(g, "gradient"),
        expected: x.map((v) => 3 * v * v + 2 + 1e-8),
        cols: 2,
        atol: 1e-6,
        rtol: 1e-6,
      },
    ]);
  },
);

// ---------------------------------------------------------------------------------------------
// §6.1 optimizers: three steps on two keys, with state that must persist

type OptName = "SGD" | "Momentum" | "Nesterov" | "AdaGrad" | "RMSprop" | "Adam";
interface State {
  v: number;
  h: number;
  m: number;
}

/** One element's update by the book's equations (t: the step count, from 1). */
const RULES: Record<
  OptName,
  { options: Record<string, number>; step: (w: number, g: number, s: State, t: number) => number }
> = {
  SGD: { options: { lr: 0.1 }, step: (w, g) => w - 0.1 * g },
  Momentum: {
    options: { lr: 0.1, momentum: 0.8 },
    step: (w, g, s) => {
      s.v = 0.8 * s.v - 0.1 * g;
      return w + s.v;
    },
  },
  Nesterov: {
    options: { lr: 0.1, momentum: 0.8 },
    step: (w, g, s) => {
      const next = w + 0.8 * 0.8 * s.v - (1 + 0.8) * 0.1 * g;
      s.v = 0.8 * s.v - 0.1 * g;
      return next;
    },
  },
  AdaGrad: {
    options: { lr: 0.5 },
    step: (w, g, s) => {
      s.h = s.h + g * g;
      return w - (0.5 * g) / (Math.sqrt(s.h) + 1e-7);
    },
  },
  RMSprop: {
    options: { lr: 0.05, decayRate: 0.9 },
    step: (w, g, s) => {
      s.h = 0.9 * s.h + (1 - 0.9) * g * g;
      return w - (0.05 * g) / (Math.sqrt(s.h) + 1e-7);
    },
  },
  Adam: {
    options: { lr: 0.2, beta1: 0.8, beta2: 0.95 },
    step: (w, g, s, t) => {
      const lrT = (0.2 * Math.sqrt(1 - 0.95 ** t)) / (1 - 0.8 ** t);
      s.m = s.m + (1 - 0.8) * (g - s.m);
      s.h = s.h + (1 - 0.95) * (g * g - s.h);
      return w - (lrT * s.m) / (Math.sqrt(s.h) + 1e-7);
    },
  },
};
const NAMES = Object.keys(RULES) as OptName[];
const W0 = [1.0, -2.0, 0.5, 3.0],
  B0 = [0.25, -0.75];
/** The gradient at step t: g = 2W + c (so every step depends on the last), with a zero entry. */
const grad = (w: number, t: number, i: number) => (i === 0 && t === 2 ? 0 : 2 * w + 0.1 * t - 0.05 * i);

/** Three updates of {W (2×2), b (1×2)} by one optimizer, against the book's equations. */
const twoKeys = (name: OptName) =>
  worked(
    `two-keys-${name.toLowerCase()}`,
    `§6.1 ${name} (state kept per key, over several updates)`,
    `${name} over 3 updates of {W (2×2), b (1×2)}, with a zero gradient entry, against the book's equations`,
    "state not kept between updates or shared between keys, W moved before v, ε or the root misplaced, Adam's count per key or hidden",
    (impl) => {
      const comparisons: Comparison[] = [];
      const opt = new impl[name](RULES[name].options as never);
      const params = { W: mat(impl, 2, 2, W0), b: mat(impl, 1, 2, B0) };
      const ew = [...W0],
        eb = [...B0];
      const sw = W0.map(() => ({ v: 0, h: 0, m: 0 })),
        sb = B0.map(() => ({ v: 0, h: 0, m: 0 }));
      for (let t = 1; t <= 3; t++) {
        const gW = ew.map((w, i) => grad(w, t, i)),
          gb = eb.map((b, i) => grad(b, t, i + 4));
        opt.update(params, { W: mat(impl, 2, 2, gW), b: mat(impl, 1, 2, gb) });
        for (let i = 0; i < 4; i++) ew[i] = RULES[name].step(ew[i], gW[i], sw[i], t);
        for (let i = 0; i < 2; i++) eb[i] = RULES[name].step(eb[i], gb[i], sb[i], t);
        comparisons.push(
          cmp(`${name}: W after update ${t}`, Float64Array.from(params.W.data), [...ew], 2),
          cmp(`${name}: b after update ${t}`, Float64Array.from(params.b.data), [...eb], 2),
        );
      }
      expectClose(comparisons);
      const iter = (opt as { iter?: number }).iter;
      if (name === "Adam" && iter !== 3)
        violation(
          `Adam: iter is ${iter} after 3 updates of two keys, expected 3 (one count per update, kept in the public iter)`,
        );
    },
  );

const inPlace = (name: OptName) =>
  worked(
    `in-place-${name.toLowerCase()}`,
    `§6.1 ${name} (update changes params in place)`,
    `${name}.update(params, grads) changes every matrix of params in place, the ones the layers hold`,
    "a new matrix assigned to params[key], or some keys (the biases) skipped",
    (impl) => {
      const W = mat(impl, 2, 2, W0),
        b = mat(impl, 1, 2, B0);
      const params = { W, b };
      new impl[name](RULES[name].options as never).update(params, {
        W: mat(impl, 2, 2, [1, 1, 1, 1]),
        b: mat(impl, 1, 2, [1, 1]),
      });
      if (params.W !== W || params.b !== b)
        violation(
          `${name}.update replaced params.${params.W !== W ? "W" : "b"} with a new matrix: the layers still hold the old one`,
        );
      for (const [key, m, before] of [
        ["W", W, W0],
        ["b", b, B0],
      ] as const)
        for (let i = 0; i < before.length; i++)
          if (!(m.data[i] < before[i]))
            violation(
              `${name}.update left params.${key}[${i}] at ${m.data[i]} (it was ${before[i]}; with g = 1 it must decrease): every key of params is updated`,
            );
    },
  );

/** The book's defaults: SGD, Momentum, Nesterov, AdaGrad, RMSprop lr 0.01; Adam 0.001; α 0.9; ρ 0.99; β 0.9, 0.999. */
const DEFAULT_STEP: Record<OptName, (w: number, g: number) => number> = {
  SGD: (w, g) => w - 0.01 * g,
  Momentum: (w, g) => w + (0.9 * 0 - 0.01 * g),
  Nesterov: (w, g) => w + 0.9 * 0.9 * 0 - (1 + 0.9) * 0.01 * g,
  AdaGrad: (w, g) => w - (0.01 * g) / (Math.sqrt(g * g) + 1e-7),
  RMSprop: (w, g) => w - (0.01 * g) / (Math.sqrt((1 - 0.99) * g * g) + 1e-7),
  Adam: (w, g) =>
    w - (((0.001 * Math.sqrt(1 - 0.999)) / (1 - 0.9)) * ((1 - 0.9) * g)) / (Math.sqrt((1 - 0.999) * g * g) + 1e-7),
};

const DEFAULTS_TITLE = "the book's defaults (lr 0.01; Adam 0.001; α 0.9; ρ 0.99; β1 0.9, β2 0.999)";
const DEFAULTS_MISTAKE = "a default taken from another library (SGD lr 0.001, Adam lr 0.01, ρ 0.9, …)";

/** One update with default options by `opt`, against the book's defaults. */
function oneDefaultUpdate(
  impl: Impl,
  name: OptName,
  opt: { update(p: Record<string, Mat>, g: Record<string, Mat>): void },
  how: string,
): Comparison {
  const params = { W: mat(impl, 1, 3, [1.0, -2.0, 0.5]) };
  const g = [0.5, -0.25, 2.0];
  opt.update(params, { W: mat(impl, 1, 3, g) });
  return cmp(
    `${name}: W after one update, ${how}`,
    params.W.data,
    [1.0, -2.0, 0.5].map((w, i) => DEFAULT_STEP[name](w, g[i])),
    3,
  );
}

const defaults = (name: OptName) =>
  worked(
    `defaults-${name.toLowerCase()}`,
    `§6.1 ${name} (the book's default hyperparameters)`,
    `one update of new ${name}() uses ${DEFAULTS_TITLE}`,
    DEFAULTS_MISTAKE,
    (impl) => {
      expectClose([oneDefaultUpdate(impl, name, new impl[name](), `new ${name}()`)]);
    },
  );

/** The same by name; a name the implementation does not list in OPTIMIZER_NAMES has nothing to check. */
const createDefaults = (name: OptName) =>
  worked(
    `create-defaults-${name.toLowerCase()}`,
    `§6.1 ${name} (createOptimizer and the book's defaults)`,
    `one update of createOptimizer("${name.toLowerCase()}") with no options uses ${DEFAULTS_TITLE}`,
    DEFAULTS_MISTAKE,
    (impl) => {
      if (!(impl.OPTIMIZER_NAMES as readonly string[]).includes(name.toLowerCase())) return;
      expectClose([
        oneDefaultUpdate(
          impl,
          name,
          impl.createOptimizer(name.toLowerCase()),
          `createOptimizer("${name.toLowerCase()}")`,
        ),
      ]);
    },
  );

// ---------------------------------------------------------------------------------------------
// §6.3 Batch Normalization: forward, backward, running statistics and test mode

const batchnorm = worked(
  "batchnorm",
  "§6.3.1 Batch Normalization (forward, backward, running averages, test mode)",
  "a 4×3 batch through train forward, backward, a second train forward and a test forward, against the book's equations",
  "the statistics over the wrong axis, ε not 1e-6, /N−1, a backward term missing, running averages not 0.9·running + 0.1·batch, batch statistics at test",
  (impl) => {
    const N = 4,
      D = 3,
      EPS = 10e-7;
    const gamma = [1.5, 0.5, 2.0],
      beta = [0.1, -0.2, 0.3];
    const x = [0.5, -1.0, 2.0, 1.5, 0.0, -0.5, -0.3, 2.2, 1.0, 0.8, -1.4, 0.2];
    const x2 = [1.0, 0.5, -0.2, -2.0, 1.0, 0.4, 0.3, -0.6, 1.8, 0.7, 0.9, -1.0];
    const x3 = [0.2, -0.1, 0.6, 1.1, 0.4, -0.8];
    const dout = [0.3, -1.0, 0.5, 1.2, 0.4, -0.6, -0.7, 0.9, 0.2, 0.1, -0.3, 1.1];
    const bn = new impl.BatchNormalization(mat(impl, 1, D, gamma), mat(impl, 1, D, beta), 0.9);
    // The book's forward, column by column.
    const stats = (xs: number[]) => {
      const mu = [0, 0, 0],
        v = [0, 0, 0];
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) mu[j] += xs[i * D + j] / N;
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) v[j] += (xs[i * D + j] - mu[j]) ** 2 / N;
      return { mu, v, std: v.map((s) => Math.sqrt(s + EPS)) };
    };
    const s1 = stats(x);
    const xn = x.map((xv, k) => (xv - s1.mu[k % D]) / s1.std[k % D]);
    const out = bn.forward(mat(impl, N, D, x), true);
    const comparisons = [
      cmp(
        "train forward out",
        data(out, "forward"),
        xn.map((v, k) => gamma[k % D] * v + beta[k % D]),
        D,
      ),
    ];
    // Backward, node by node as in the book's computational graph.
    const dx = bn.backward(mat(impl, N, D, dout));
    const dbeta = [0, 0, 0],
      dgamma = [0, 0, 0],
      dstd = [0, 0, 0],
      dmu = [0, 0, 0];
    const dxc = dout.map((d, k) => (gamma[k % D] * d) / s1.std[k % D]);
    for (let k = 0; k < N * D; k++) {
      const j = k % D,
        xc = x[k] - s1.mu[j];
      dbeta[j] += dout[k];
      dgamma[j] += xn[k] * dout[k];
      dstd[j] -= (gamma[j] * dout[k] * xc) / (s1.std[j] * s1.std[j]);
    }
    for (let k = 0; k < N * D; k++) {
      const j = k % D;
      dxc[k] += (2 / N) * (x[k] - s1.mu[j]) * ((0.5 * dstd[j]) / s1.std[j]);
      dmu[j] += dxc[k];
    }
    comparisons.push(
      cmp(
        "dx",
        data(dx, "backward"),
        dxc.map((v, k) => v - dmu[k % D] / N),
        D,
      ),
      cmp("dγ", data(bn.dgamma, "dgamma"), dgamma, D),
      cmp("dβ", data(bn.dbeta, "dbeta"), dbeta, D),
    );
    // Running averages over two training batches, then test mode with them.
    bn.forward(mat(impl, N, D, x2), true);
    const s2 = stats(x2);
    const rm = s1.mu.map((m, j) => 0.9 * (0.9 * 0 + 0.1 * m) + 0.1 * s2.mu[j]);
    const rv = s1.v.map((v, j) => 0.9 * (0.9 * 0 + 0.1 * v) + 0.1 * s2.v[j]);
    comparisons.push(
      cmp("running mean after 2 batches", data(bn.runningMean, "runningMean"), rm, D),
      cmp("running var after 2 batches", data(bn.runningVar, "runningVar"), rv, D),
    );
    const test = bn.forward(mat(impl, 2, D, x3), false);
    comparisons.push(
      cmp(
        "test forward out",
        data(test, "test forward"),
        x3.map((v, k) => (gamma[k % D] * (v - rm[k % D])) / Math.sqrt(rv[k % D] + EPS) + beta[k % D]),
        D,
      ),
    );
    expectClose(comparisons);
  },
);

// ---------------------------------------------------------------------------------------------
// §6.4.3 Dropout: the book's mode and the inverted mode, with the mask from the same draws

const dropout = worked(
  "dropout",
  "§6.4.3 Dropout (book and inverted modes)",
  "Dropout(0.4) with a seeded generator: keep where rand > 0.4, one draw per unit in row order, the same mask in backward, a new mask each forward",
  "the comparison reversed, the mask not reused in backward or reused across forwards, scaling at the wrong time",
  (impl) => {
    const x = [0.5, -1.2, 2.0, 0.7, 1.5, -0.3, 0.9, -2.2, 0.1, 1.1, -0.6, 0.4];
    const dout = [1.0, 0.5, -0.5, 2.0, -1.0, 0.25, 0.75, -1.5, 1.25, -0.2, 0.6, 0.3];
    const comparisons: Comparison[] = [];
    for (const inverted of [false, true]) {
      const mode = inverted ? "inverted" : "book";
      const layer = new impl.Dropout(0.4, new impl.Rng(7), { inverted });
      const draws = new impl.Rng(7);
      const s = inverted ? 1 / (1 - 0.4) : 1;
      for (let pass = 1; pass <= 2; pass++) {
        const mask = x.map(() => (draws.uniform() > 0.4 ? 1 : 0));
        const out = layer.forward(mat(impl, 3, 4, x), true);
        const dx = layer.backward(mat(impl, 3, 4, dout));
        comparisons.push(
          cmp(
            `${mode} mode, train forward ${pass}`,
            data(out, "forward"),
            x.map((v, i) => v * mask[i] * s),
            4,
          ),
          cmp(
            `${mode} mode, backward ${pass}`,
            data(dx, "backward"),
            dout.map((d, i) => d * mask[i] * s),
            4,
          ),
        );
      }
      const test = layer.forward(mat(impl, 3, 4, x), false);
      comparisons.push(
        cmp(
          `${mode} mode, test forward`,
          data(test, "test forward"),
          x.map((v) => (inverted ? v : v * (1 - 0.4))),
          4,
        ),
      );
    }
    expectClose(comparisons);
  },
);

// ---------------------------------------------------------------------------------------------
// §6.4.2 weight decay and §6.2 initial weights, through the network

const weightDecay = worked(
  "weight-decay",
  "§6.4.2 Weight decay (MultiLayerNet)",
  "with λ = 0.1 the loss gains ½λ(ΣW1² + ΣW2²) and each dW gains λW, the biases nothing, against the same net with λ = 0",
  "decay on the biases, without the ½, with the wrong sign, or missing from dW",
  (impl) => {
    const lambda = 0.1;
    const make = (l: number) =>
      new impl.MultiLayerNet({
        inputSize: 3,
        hiddenSizeList: [4],
        outputSize: 2,
        weightDecayLambda: l,
        rng: new impl.Rng(11),
      });
    const net = make(lambda),
      plain = make(0);
    // Biases start at 0 in the book; give them values so decay wrongly applied to them shows.
    for (const n of [net, plain])
      for (const k of ["b1", "b2"]) n.params[k].data.forEach((_, i, b) => (b[i] = 0.3 - 0.2 * i));
    const x = mat(impl, 2, 3, [0.5, -1.0, 0.25, 1.5, 0.3, -0.8]),
      t = Int32Array.from([1, 0]);
    const W = ["W1", "W2"].map((k) => net.params[k].data);
    const half = 0.5 * lambda * W.reduce((s, w) => s + w.reduce((a, v) => a + v * v, 0), 0);
    const g = net.gradient(x, t),
      g0 = plain.gradient(x, t);
    const comparisons: Comparison[] = [cmp("loss(λ) − loss(0)", [net.loss(x, t) - plain.loss(x, t)], [half], 0)];
    for (const k of ["W1", "b1", "W2", "b2"]) {
      const gk = data(g[k], `grads.${k}`),
        g0k = data(g0[k], `grads.${k} (λ = 0)`);
      comparisons.push(
        cmp(
          `grads.${k}(λ) − grads.${k}(0)`,
          Array.from(gk, (v, i) => v - g0k[i]),
          Array.from(net.params[k].data, (w) => (k.startsWith("W") ? lambda * w : 0)),
          net.params[k].cols,
        ),
      );
    }
    expectClose(comparisons.map((c) => ({ ...c, atol: 1e-12 })));
  },
);

const INIT_STD: [string, (n: number) => number][] = [
  ["he", (n) => Math.sqrt(2 / n)],
  ["xavier", (n) => Math.sqrt(1 / n)],
  ["relu", (n) => Math.sqrt(2 / n)],
  ["sigmoid", (n) => Math.sqrt(1 / n)],
];

const init = worked(
  "init",
  "§6.2 Initial weights (initWeight)",
  "initWeight(nIn, nOut, scheme, rng) is std·randn of shape nIn×nOut from the generator's draws, and constants fill",
  "rows and columns swapped, n from nOut, the std not applied, constants ignored",
  (impl) => {
    const comparisons: Comparison[] = [];
    for (const [scheme, std] of INIT_STD) {
      const W = impl.initWeight(4, 3, scheme as "he", new impl.Rng(5));
      if (W.rows !== 4 || W.cols !== 3)
        violation(`initWeight(4, 3, '${scheme}') is ${W.rows}×${W.cols}, expected 4×3 (nIn rows, nOut columns)`);
      const draws = new impl.Rng(5);
      comparisons.push(
        cmp(
          `initWeight(4, 3, '${scheme}')`,
          W.data,
          Array.from({ length: 12 }, () => draws.normal() * std(4)),
          3,
        ),
      );
    }
    comparisons.push(
      cmp(
        "initWeight(2, 3, { constant: 0.5 })",
        impl.initWeight(2, 3, { constant: 0.5 }, new impl.Rng(1)).data,
        new Array(6).fill(0.5),
        3,
      ),
    );
    comparisons.push(
      cmp("initWeight(2, 3, 'zeros')", impl.initWeight(2, 3, "zeros", new impl.Rng(1)).data, new Array(6).fill(0), 3),
    );
    expectClose(comparisons);
  },
);

const networkInit = worked(
  "network-init",
  "§6.2 Initial weights (MultiLayerNet's weightInitStd)",
  "with the same generator seed, each Wk of MultiLayerNet for weightInitStd σ, 'he' or 'xavier' is σ, √(2/n) or √(1/n) times Wk for σ = 1 (n: the previous layer's size)",
  "weightInitStd not passed on, the variance used as the std, n from the wrong layer",
  (impl) => {
    const sizes = [5, 4, 3, 2];
    const make = (w: number | string) =>
      new impl.MultiLayerNet({
        inputSize: 5,
        hiddenSizeList: [4, 3],
        outputSize: 2,
        weightInitStd: w as "he",
        rng: new impl.Rng(3),
      });
    const unit = make(1);
    const comparisons: Comparison[] = [];
    for (const [w, std] of [
      [0.5, () => 0.5],
      ["he", (n: number) => Math.sqrt(2 / n)],
      ["xavier", (n: number) => Math.sqrt(1 / n)],
    ] as const) {
      const net = make(w);
      for (let k = 1; k < sizes.length; k++)
        comparisons.push(
          cmp(
            `W${k} with weightInitStd ${JSON.stringify(w)}`,
            net.params[`W${k}`].data,
            Array.from(unit.params[`W${k}`].data, (v) => v * std(sizes[k - 1])),
            sizes[k],
          ),
        );
    }
    expectClose(comparisons);
  },
);

// ---------------------------------------------------------------------------------------------
// Two statistical laws that give Dropout's and the network's initial weights a second line

const dropoutNewMask = deterministicLaw(
  {
    id: "dropout-new-mask-each-forward",
    section: "§6.4.3 Dropout (a new mask on every training forward)",
    spec: SPEC,
    title:
      "two training forwards of Dropout(0.5) on 4000 ones keep the same unit in both about (1 − ratio)² of the time",
    mistake: "the mask drawn once and reused on every forward (or the generator reseeded each time)",
  },
  (impl) => {
    const ratio = 0.5,
      n = 4000,
      layer = new impl.Dropout(ratio, new impl.Rng(9));
    const ones = mat(impl, 40, 100, new Array(n).fill(1));
    const a = data(layer.forward(ones, true), "forward 1"),
      b = data(layer.forward(ones, true), "forward 2");
    let both = 0;
    for (let i = 0; i < n; i++) if (a[i] !== 0 && b[i] !== 0) both++;
    const p = (1 - ratio) ** 2,
      se = Math.sqrt((p * (1 - p)) / n),
      got = both / n;
    if (!(Math.abs(got - p) <= 5 * se))
      violation(
        `kept in both forwards: ${both} of ${n} (fraction ${got.toFixed(4)}), expected (1 − ratio)² = ${p} ± 5 SE = ±${(5 * se).toFixed(4)}`,
      );
  },
);

const networkInitStd = deterministicLaw(
  {
    id: "network-init-std",
    section: "§6.2 Initial weights (MultiLayerNet's weightInitStd)",
    spec: SPEC,
    title:
      "the sample std of W1 (200×100) of MultiLayerNet is 0.01, √(2/200) or √(1/200) for weightInitStd 0.01, 'he', 'xavier'",
    mistake: "weightInitStd not passed on to the layers, or the variance 2/n used as the std",
  },
  (impl) => {
    for (const [w, std] of [
      [0.01, 0.01],
      ["he", Math.sqrt(2 / 200)],
      ["xavier", Math.sqrt(1 / 200)],
    ] as const) {
      const net = new impl.MultiLayerNet({
        inputSize: 200,
        hiddenSizeList: [100],
        outputSize: 10,
        weightInitStd: w as "he",
        rng: new impl.Rng(21),
      });
      const W = net.params.W1.data,
        n = W.length;
      const s = Math.sqrt(W.reduce((a, v) => a + v * v, 0) / n);
      // The sample std of n normal draws has a standard error of about std/√(2n).
      if (!(Math.abs(s - std) <= (5 * std) / Math.sqrt(2 * n)))
        violation(
          `weightInitStd ${JSON.stringify(w)}: W1's sample std is ${s.toPrecision(6)}, expected ${std.toPrecision(6)} ± 5 SE = ±${((5 * std) / Math.sqrt(2 * n)).toPrecision(3)}`,
        );
    }
  },
);

export const workedExamples: Law[] = [
  affine,
  relu,
  sigmoid,
  tanh,
  softmaxWithLoss,
  crossEntropy,
  numericalGradient,
  ...NAMES.map(twoKeys),
  ...NAMES.map(inPlace),
  ...NAMES.map(defaults),
  ...NAMES.map(createDefaults),
  batchnorm,
  dropout,
  weightDecay,
  init,
  networkInit,
  dropoutNewMask,
  networkInitStd,
];
