/**
 * The layers of the book's common/layers.py, each with forward and backward side by side and
 * written with the book's names and operations, line for line where the book has a line. Inputs
 * are N×D matrices (a mini-batch of N rows). `forward(x, train)` keeps what `backward(dout)`
 * needs; backward returns dL/dx and leaves parameter gradients on the layer (dW, db, dgamma,
 * dbeta). Every call returns new matrices. The training loops that need speed use
 * src/fast/layers.ts, which gives these layers' bits.
 */
import { Matrix, matmul, matmulTransA, matmulTransB } from "./base/matrix.js";
import { crossEntropyError, labelIndices, sigmoid, softmax, type Labels } from "./functions.js";
import type { Rng } from "./base/rng.js";
import { checkFinite, checkNumber, checkOptions, checkRange, checkRows, describe, fail } from "./base/validate.js";

export interface Layer {
  forward(x: Matrix, train?: boolean): Matrix;
  backward(dout: Matrix): Matrix;
}

export function checkInput(where: string, x: unknown): Matrix {
  if (!(x instanceof Matrix)) fail(where, "x", "a Matrix (N×D mini-batch)", describe(x));
  return checkFinite(where, "x", x);
}

/** dout must match the shape forward produced; backward before forward is a usage error. */
export function checkDout(where: string, dout: unknown, rows: number | null, cols: number): Matrix {
  if (rows === null) throw new Error(`${where}: backward called before forward; call forward(x) first`);
  if (!(dout instanceof Matrix)) fail(where, "dout", `a ${rows}×${cols} Matrix`, describe(dout));
  if (dout.rows !== rows || dout.cols !== cols)
    fail(where, "dout", `shape ${rows}×${cols} (the forward output's)`, `${dout.rows}×${dout.cols}`);
  return checkFinite(where, "dout", dout);
}

/**
 * ReLU (§5.5.1): out = max(0, x); dx = dout where x > 0, else 0.
 * Book quirk: mask = (x <= 0), so ReLU′(0) = 0.
 */
export class Relu implements Layer {
  mask: Uint8Array | null = null;
  /** The forward input's columns (to check dout's shape). */
  protected cols = 0;

  forward(x: Matrix): Matrix {
    checkInput("Relu.forward", x);
    this.cols = x.cols;
    this.mask = Uint8Array.from(x.data, (v) => +(v <= 0)); // self.mask = (x <= 0)
    const out = x.clone(); // out = x.copy()
    for (let i = 0; i < out.data.length; i++) if (this.mask[i]) out.data[i] = 0; // out[self.mask] = 0
    return out;
  }

  backward(dout: Matrix): Matrix {
    const mask = this.mask;
    checkDout("Relu.backward", dout, mask ? mask.length / (this.cols || 1) : null, this.cols);
    // the book zeroes dout itself (dout[self.mask] = 0; dx = dout); here dout is left as it was
    const dx = dout.clone();
    for (let i = 0; i < dx.data.length; i++) if (mask![i]) dx.data[i] = 0;
    return dx;
  }
}

/** Sigmoid (§5.5.2): out = 1/(1+e^−x); dx = dout·(1 − out)·out. */
export class Sigmoid implements Layer {
  out: Matrix | null = null;

  forward(x: Matrix): Matrix {
    checkInput("Sigmoid.forward", x);
    this.out = x.map(sigmoid); // out = sigmoid(x)
    return this.out;
  }

  backward(dout: Matrix): Matrix {
    const out = this.out;
    checkDout("Sigmoid.backward", dout, out?.rows ?? null, out?.cols ?? 0);
    return dout.mul(out!.map((y) => 1.0 - y)).mul(out!); // dx = dout * (1.0 - self.out) * self.out
  }
}

/**
 * Tanh (not in the book's layers.py; from the lecture notes on activations, docs/book.md):
 * out = tanh(x); dx = dout·(1 − out²).
 */
export class Tanh implements Layer {
  out: Matrix | null = null;

  forward(x: Matrix): Matrix {
    checkInput("Tanh.forward", x);
    this.out = x.map(Math.tanh);
    return this.out;
  }

  backward(dout: Matrix): Matrix {
    const out = this.out;
    checkDout("Tanh.backward", dout, out?.rows ?? null, out?.cols ?? 0);
    return dout.mul(out!.map((y) => 1 - y * y));
  }
}

/** Affine (§5.6.2): out = x·W + b; dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ_rows dout. */
export class Affine implements Layer {
  W: Matrix;
  b: Matrix;
  x: Matrix | null = null;
  dW: Matrix | null = null;
  db: Matrix | null = null;

  constructor(W: Matrix, b: Matrix) {
    if (!(W instanceof Matrix)) fail("Affine", "W", "a Matrix (in×out)", describe(W));
    if (!(b instanceof Matrix) || b.rows !== 1 || b.cols !== W.cols)
      fail("Affine", "b", `a 1×${W.cols} Matrix (one bias per column of W ${W.rows}×${W.cols})`, describe(b));
    this.W = W;
    this.b = b;
  }

  forward(x: Matrix): Matrix {
    checkInput("Affine.forward", x);
    if (x.cols !== this.W.rows)
      fail(
        "Affine.forward",
        "x",
        `${this.W.rows} columns to multiply W ${this.W.rows}×${this.W.cols}`,
        `a ${x.rows}×${x.cols} Matrix`,
      );
    this.x = x;
    return matmul(x, this.W).addRow(this.b); // out = np.dot(self.x, self.W) + self.b
  }

  backward(dout: Matrix): Matrix {
    checkDout("Affine.backward", dout, this.x?.rows ?? null, this.W.cols);
    const dx = matmulTransB(dout, this.W); // dx = np.dot(dout, self.W.T)
    this.dW = matmulTransA(this.x!, dout); // self.dW = np.dot(self.x.T, dout)
    this.db = dout.sumRows(); // self.db = np.sum(dout, axis=0)
    return dx;
  }
}

/**
 * SoftmaxWithLoss (§5.6.3): loss = −Σ log(softmax(x)_t + 1e-7) / N; dx = (y − t) / N.
 * Labels are class indices or one-hot rows. The book's backward ignores `dout`; here dx is
 * scaled by the scalar dout (default 1, where both agree), as (y − t)·(dout/N): a product where
 * the book divides by N, a last-bit difference the golden numbers were made with, so kept.
 */
export class SoftmaxWithLoss {
  loss: number | null = null;
  y: Matrix | null = null;
  t: Int32Array | null = null;

  forward(x: Matrix, t: Labels): number {
    checkInput("SoftmaxWithLoss.forward", x);
    checkRows("SoftmaxWithLoss.forward", "x", x, 1, "the loss is a mean over rows");
    this.t = labelIndices("SoftmaxWithLoss.forward", t, x.rows, x.cols);
    this.y = softmax(x);
    this.loss = crossEntropyError(this.y, this.t);
    return this.loss;
  }

  backward(dout = 1): Matrix {
    const y = this.y,
      t = this.t;
    if (y === null || t === null)
      throw new Error("SoftmaxWithLoss.backward: backward called before forward; call forward(x, t) first");
    checkNumber("SoftmaxWithLoss.backward", "dout", dout);
    const n = y.rows,
      c = y.cols;
    const dx = y.clone();
    for (let i = 0; i < n; i++) dx.data[i * c + t[i]] -= 1;
    const s = dout / n;
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dx.data[i] * s;
    return dx;
  }
}

/** runningMean and runningVar: both null (made on the first forward) or both 1×D matrices. */
export function checkRunning(where: string, runningMean: Matrix | null, runningVar: Matrix | null, D: number): void {
  if (runningMean === null && runningVar === null) return;
  for (const [arg, m] of [
    ["runningMean", runningMean],
    ["runningVar", runningVar],
  ] as const)
    if (!(m instanceof Matrix) || m.rows !== 1 || m.cols !== D)
      fail(
        where,
        arg,
        `a 1×${D} Matrix (one entry per gamma column; or null for both running statistics)`,
        describe(m),
      );
}

/** The book's BatchNormalization ε. Book quirk: written `10e-7`, which is 1e-6 (it reads like 1e-7). */
export const BATCHNORM_EPS = 10e-7;

/**
 * BatchNormalization (§6.3): x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β over the mini-batch in training;
 * running statistics (running ← m·running + (1 − m)·batch, m = 0.9, both starting at 0) at test
 * time. Backward by the book's computation graph: dβ, dγ, then back through std, var and mean.
 */
export class BatchNormalization implements Layer {
  gamma: Matrix;
  beta: Matrix;
  momentum: number;
  runningMean: Matrix | null;
  runningVar: Matrix | null;
  batchSize = 0;
  xc: Matrix | null = null;
  xn: Matrix | null = null;
  std: Matrix | null = null;
  dgamma: Matrix | null = null;
  dbeta: Matrix | null = null;

  constructor(
    gamma: Matrix,
    beta: Matrix,
    momentum = 0.9,
    runningMean: Matrix | null = null,
    runningVar: Matrix | null = null,
  ) {
    if (!(gamma instanceof Matrix) || gamma.rows !== 1)
      fail("BatchNormalization", "gamma", "a 1×D Matrix", describe(gamma));
    if (!(beta instanceof Matrix) || beta.rows !== 1 || beta.cols !== gamma.cols)
      fail("BatchNormalization", "beta", `a 1×${gamma.cols} Matrix (same as gamma)`, describe(beta));
    this.gamma = gamma;
    this.beta = beta;
    this.momentum = checkRange("BatchNormalization", "momentum", momentum, 0, 1, true);
    checkRunning("BatchNormalization", runningMean, runningVar, gamma.cols);
    this.runningMean = runningMean;
    this.runningVar = runningVar;
  }

  forward(x: Matrix, train = true): Matrix {
    checkInput("BatchNormalization.forward", x);
    const [N, D] = [x.rows, x.cols];
    if (D !== this.gamma.cols)
      fail("BatchNormalization.forward", "x", `${this.gamma.cols} columns (one per gamma entry)`, `a ${N}×${D} Matrix`);
    if (train && N < 2)
      fail(
        "BatchNormalization.forward",
        "x",
        "a mini-batch of at least 2 rows in training mode (a batch of 1 has zero variance: x̂ would be all 0)",
        `a ${N}×${D} Matrix`,
      );
    checkRunning("BatchNormalization.forward", this.runningMean, this.runningVar, D);
    checkRange("BatchNormalization.forward", "momentum", this.momentum, 0, 1, true);
    if (this.runningMean === null || this.runningVar === null) {
      this.runningMean = new Matrix(1, D);
      this.runningVar = new Matrix(1, D);
    }
    let xn: Matrix;
    if (train) {
      // mu = x.mean(axis=0), as the column sums times 1/N (NumPy divides by N: a last-bit
      // difference the golden numbers were made with, so kept)
      const mu = x.sumRows().scale(1 / N);
      const xc = x.subRow(mu); // xc = x - mu
      const v = xc.mul(xc).meanRows(); // var = np.mean(xc**2, axis=0)
      const std = v.map((s) => Math.sqrt(s + BATCHNORM_EPS)); // std = np.sqrt(var + 10e-7)
      xn = xc.divRow(std); // xn = xc / std

      this.batchSize = N;
      this.xc = xc;
      this.xn = xn;
      this.std = std;
      const m = this.momentum;
      this.runningMean = this.runningMean.scale(m).add(mu.scale(1 - m)); // momentum * running_mean + (1-momentum) * mu
      this.runningVar = this.runningVar.scale(m).add(v.scale(1 - m)); // momentum * running_var + (1-momentum) * var
    } else {
      const xc = x.subRow(this.runningMean); // xc = x - self.running_mean
      xn = xc.divRow(this.runningVar.map((s) => Math.sqrt(s + BATCHNORM_EPS))); // xn = xc / np.sqrt(self.running_var + 10e-7)
    }
    return xn.mulRow(this.gamma).addRow(this.beta); // out = self.gamma * xn + self.beta
  }

  backward(dout: Matrix): Matrix {
    checkDout("BatchNormalization.backward", dout, this.xn?.rows ?? null, this.gamma.cols);
    const xn = this.xn!,
      xc = this.xc!,
      std = this.std!,
      N = this.batchSize;
    const dbeta = dout.sumRows(); // dbeta = dout.sum(axis=0)
    const dgamma = xn.mul(dout).sumRows(); // dgamma = np.sum(self.xn * dout, axis=0)
    const dxn = dout.mulRow(this.gamma); // dxn = self.gamma * dout
    let dxc = dxn.divRow(std); // dxc = dxn / self.std
    // dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
    const dstd = dxn.mul(xc).divRow(std.mul(std)).sumRows().scale(-1);
    const dvar = dstd.scale(0.5).div(std); // dvar = 0.5 * dstd / self.std
    dxc = dxc.add(xc.scale(2.0 / N).mulRow(dvar)); // dxc += (2.0 / self.batch_size) * self.xc * dvar
    const dmu = dxc.sumRows(); // dmu = np.sum(dxc, axis=0)
    const dx = dxc.subRow(dmu.divScalar(N)); // dx = dxc - dmu / self.batch_size

    this.dgamma = dgamma;
    this.dbeta = dbeta;
    return dx;
  }
}

export interface DropoutOptions {
  /** Inverted dropout (frameworks' version): scale kept units by 1/(1 − ratio) in training, identity at test. */
  inverted?: boolean;
}

/**
 * Dropout (§6.4.3), the book's version: training keeps a unit when rand > ratio and outputs
 * x⊙mask; test outputs x·(1 − ratio); backward is dout⊙mask. Book quirk: no rescaling in
 * training, the test output scaled instead (frameworks' inverted dropout: `inverted: true`).
 * Set `freeze = true` to reuse the last mask (for gradient checks through a fixed mask).
 */
export class Dropout implements Layer {
  readonly dropoutRatio: number;
  readonly inverted: boolean;
  readonly rng: Rng;
  mask: Uint8Array | null = null;
  freeze = false;
  private cols = 0;

  constructor(dropoutRatio: number, rng: Rng, options: DropoutOptions = {}) {
    this.dropoutRatio = checkRange("Dropout", "dropoutRatio", dropoutRatio, 0, 1);
    if (!rng || typeof (rng as Rng).uniform !== "function")
      fail("Dropout", "rng", "an Rng (seeded generator)", describe(rng));
    checkOptions("Dropout", "options", options, ["inverted"]);
    this.rng = rng;
    this.inverted = options.inverted ?? false;
  }

  forward(x: Matrix, train = true): Matrix {
    checkInput("Dropout.forward", x);
    const n = x.data.length,
      r = this.dropoutRatio;
    const out = new Matrix(x.rows, x.cols);
    if (!train) {
      const s = this.inverted ? 1 : 1 - r;
      for (let i = 0; i < n; i++) out.data[i] = x.data[i] * s; // return x * (1.0 - self.dropout_ratio)
      return out;
    }
    if (!(this.freeze && this.mask && this.mask.length === n)) {
      const mask = new Uint8Array(n);
      for (let i = 0; i < n; i++) mask[i] = this.rng.uniform() > r ? 1 : 0; // self.mask = np.random.rand(*x.shape) > self.dropout_ratio
      this.mask = mask;
    }
    this.cols = x.cols;
    const s = this.inverted ? 1 / (1 - r) : 1;
    const mask = this.mask!;
    // return x * self.mask; a dropped entry is +0 (the book's x * False is −0 where x < 0)
    for (let i = 0; i < n; i++) if (mask[i]) out.data[i] = x.data[i] * s;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const mask = this.mask;
    checkDout("Dropout.backward", dout, mask ? mask.length / (this.cols || 1) : null, this.cols);
    const s = this.inverted ? 1 / (1 - this.dropoutRatio) : 1;
    const dx = new Matrix(dout.rows, dout.cols);
    for (let i = 0; i < mask!.length; i++) if (mask![i]) dx.data[i] = dout.data[i] * s;
    return dx;
  }
}
