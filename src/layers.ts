/**
 * The layers of the book's common/layers.py, each with forward and backward side by side.
 * Inputs are N×D matrices (a mini-batch of N rows). `forward(x, train)` caches what
 * `backward(dout)` needs; backward returns dL/dx and leaves parameter gradients on the layer.
 * Every call returns new matrices, except on a layer whose `reuseBuffers` is set (opt-in, Affine,
 * ReLU, Sigmoid, Tanh): it then writes each result into a matrix it owns, allocated once per
 * shape, so a training loop allocates nothing, and a later call overwrites an earlier result.
 */
import { Matrix, matmul, matmulTransA, matmulTransB } from "./base/matrix.js";
import { crossEntropyError, labelIndices, softmax, type Labels } from "./functions.js";
import type { Rng } from "./base/rng.js";
import { checkFinite, checkNumber, checkOptions, checkRange, checkRows, describe, fail } from "./base/validate.js";

export interface Layer {
  forward(x: Matrix, train?: boolean): Matrix;
  backward(dout: Matrix): Matrix;
}

function checkInput(where: string, x: unknown): Matrix {
  if (!(x instanceof Matrix)) fail(where, "x", "a Matrix (N×D mini-batch)", describe(x));
  return checkFinite(where, "x", x);
}

/** Where a layer puts a rows×cols result: a new matrix, or with `reuse` its own `held` one (replaced when the shape changes). */
function result(reuse: boolean, held: Matrix | null, rows: number, cols: number): Matrix {
  return reuse && held !== null && held.rows === rows && held.cols === cols ? held : new Matrix(rows, cols);
}

/** dout must match the shape forward produced; backward before forward is a usage error. */
function checkDout(where: string, dout: unknown, rows: number | null, cols: number): Matrix {
  if (rows === null) throw new Error(`${where}: backward called before forward; call forward(x) first`);
  if (!(dout instanceof Matrix)) fail(where, "dout", `a ${rows}×${cols} Matrix`, describe(dout));
  if (dout.rows !== rows || dout.cols !== cols)
    fail(where, "dout", `shape ${rows}×${cols} (the forward output's)`, `${dout.rows}×${dout.cols}`);
  return checkFinite(where, "dout", dout);
}

/** Affine (§5.6): out = x·W + b; dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ_rows dout. */
export class Affine implements Layer {
  W: Matrix;
  b: Matrix;
  x: Matrix | null = null;
  dW: Matrix | null = null;
  db: Matrix | null = null;
  /** Opt-in: write out, dx, dW and db into matrices this layer owns (see the module comment). */
  reuseBuffers = false;
  private out: Matrix | null = null;
  private dx: Matrix | null = null;

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
      fail("Affine.forward", "x", `${this.W.rows} columns to multiply W ${this.W.rows}×${this.W.cols}`, `a ${x.rows}×${x.cols} Matrix`);
    this.x = x;
    const out = matmul(x, this.W, result(this.reuseBuffers, this.out, x.rows, this.W.cols));
    const c = out.cols, b = this.b.data, o = out.data;
    for (let i = 0; i < out.rows; i++) for (let j = 0; j < c; j++) o[i * c + j] += b[j];
    if (this.reuseBuffers) this.out = out;
    return out;
  }

  backward(dout: Matrix): Matrix {
    this.backwardParams(dout);
    const dx = matmulTransB(dout, this.W, result(this.reuseBuffers, this.dx, dout.rows, this.W.rows));
    if (this.reuseBuffers) this.dx = dx;
    return dx;
  }

  /** backward without dx: only dW and db (a net's first layer, whose dx nobody uses: a fifth of backward's work). */
  backwardParams(dout: Matrix): void {
    checkDout("Affine.backward", dout, this.x?.rows ?? null, this.W.cols);
    const reuse = this.reuseBuffers;
    this.dW = matmulTransA(this.x!, dout, result(reuse, this.dW, this.W.rows, this.W.cols));
    const db = result(reuse, this.db, 1, dout.cols), c = dout.cols, d = dout.data;
    db.data.fill(0);
    for (let i = 0; i < dout.rows; i++) for (let j = 0; j < c; j++) db.data[j] += d[i * c + j];
    this.db = db;
  }
}

/** ReLU (§5.5): out = max(0, x); dx = dout where x > 0, else 0 (mask is x ≤ 0, so ReLU′(0) = 0). */
export class Relu implements Layer {
  mask: Uint8Array | null = null;
  /** Opt-in: write out and dx into matrices this layer owns (see the module comment). */
  reuseBuffers = false;
  private cols = 0;
  private out: Matrix | null = null;
  private dx: Matrix | null = null;

  forward(x: Matrix): Matrix {
    checkInput("Relu.forward", x);
    const n = x.data.length;
    if (!(this.reuseBuffers && this.mask?.length === n)) this.mask = new Uint8Array(n);
    this.cols = x.cols;
    const out = result(this.reuseBuffers, this.out, x.rows, x.cols), mask = this.mask, xd = x.data, o = out.data;
    for (let i = 0; i < n; i++) {
      const v = xd[i], off = +(v <= 0); // the book's mask = (x <= 0)
      mask[i] = off;
      // out = x where x > 0, else +0 (the book's out[mask] = 0), without a branch: about half of x is
      // ≤ 0 in no predictable order. x is finite (checked above), so v·0 is ±0, and + 0 turns −0 into +0.
      o[i] = v * (1 - off) + 0;
    }
    if (this.reuseBuffers) this.out = out;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const mask = this.mask;
    checkDout("Relu.backward", dout, mask ? mask.length / (this.cols || 1) : null, this.cols);
    const dx = result(this.reuseBuffers, this.dx, dout.rows, dout.cols);
    for (let i = 0; i < mask!.length; i++) dx.data[i] = mask![i] ? 0 : dout.data[i];
    if (this.reuseBuffers) this.dx = dx;
    return dx;
  }
}

/** Sigmoid (§5.5): y = 1/(1+e^−x); dx = dout·(1 − y)·y. */
export class Sigmoid implements Layer {
  out: Matrix | null = null;
  /** Opt-in: write out and dx into matrices this layer owns (see the module comment). */
  reuseBuffers = false;
  private dx: Matrix | null = null;

  forward(x: Matrix): Matrix {
    checkInput("Sigmoid.forward", x);
    const out = result(this.reuseBuffers, this.out, x.rows, x.cols);
    for (let i = 0; i < x.data.length; i++) out.data[i] = 1 / (1 + Math.exp(-x.data[i]));
    this.out = out;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const y = this.out;
    checkDout("Sigmoid.backward", dout, y?.rows ?? null, y?.cols ?? 0);
    const dx = result(this.reuseBuffers, this.dx, dout.rows, dout.cols);
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * (1 - y!.data[i]) * y!.data[i];
    if (this.reuseBuffers) this.dx = dx;
    return dx;
  }
}

/** Tanh (lecture notes on activations, docs/book.md): y = tanh(x); dx = dout·(1 − y²). */
export class Tanh implements Layer {
  out: Matrix | null = null;
  /** Opt-in: write out and dx into matrices this layer owns (see the module comment). */
  reuseBuffers = false;
  private dx: Matrix | null = null;

  forward(x: Matrix): Matrix {
    checkInput("Tanh.forward", x);
    const out = result(this.reuseBuffers, this.out, x.rows, x.cols);
    for (let i = 0; i < x.data.length; i++) out.data[i] = Math.tanh(x.data[i]);
    this.out = out;
    return out;
  }

  backward(dout: Matrix): Matrix {
    const y = this.out;
    checkDout("Tanh.backward", dout, y?.rows ?? null, y?.cols ?? 0);
    const dx = result(this.reuseBuffers, this.dx, dout.rows, dout.cols);
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * (1 - y!.data[i] * y!.data[i]);
    if (this.reuseBuffers) this.dx = dx;
    return dx;
  }
}

/**
 * SoftmaxWithLoss (§5.6.3): loss = −Σ log(softmax(x)_t + 1e-7) / N; dx = (y − t) / N.
 * Labels are class indices or one-hot rows. The book's backward ignores `dout`; here dx is
 * scaled by the scalar dout (default 1, where both agree).
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
    const y = this.y, t = this.t;
    if (y === null || t === null) throw new Error("SoftmaxWithLoss.backward: backward called before forward; call forward(x, t) first");
    checkNumber("SoftmaxWithLoss.backward", "dout", dout);
    const n = y.rows, c = y.cols;
    const dx = y.clone();
    for (let i = 0; i < n; i++) dx.data[i * c + t[i]] -= 1;
    const s = dout / n;
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dx.data[i] * s;
    return dx;
  }
}

/** runningMean and runningVar: both null (made on the first forward) or both 1×D matrices. */
function checkRunning(where: string, runningMean: Matrix | null, runningVar: Matrix | null, D: number): void {
  if (runningMean === null && runningVar === null) return;
  for (const [arg, m] of [["runningMean", runningMean], ["runningVar", runningVar]] as const)
    if (!(m instanceof Matrix) || m.rows !== 1 || m.cols !== D)
      fail(where, arg, `a 1×${D} Matrix (one entry per gamma column; or null for both running statistics)`, describe(m));
}

/** The book's BatchNormalization ε, written `10e-7` in its code: 1e-6. */
export const BATCHNORM_EPS = 10e-7;

/**
 * BatchNormalization (§6.3): x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β over the mini-batch in training;
 * running statistics (running ← m·running + (1 − m)·batch, m = 0.9) at test time.
 * Backward by the book's computation graph: dβ = Σ dout, dγ = Σ x̂⊙dout, then std, var, mean.
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

  constructor(gamma: Matrix, beta: Matrix, momentum = 0.9, runningMean: Matrix | null = null, runningVar: Matrix | null = null) {
    if (!(gamma instanceof Matrix) || gamma.rows !== 1) fail("BatchNormalization", "gamma", "a 1×D Matrix", describe(gamma));
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
    const N = x.rows, D = x.cols;
    if (D !== this.gamma.cols)
      fail("BatchNormalization.forward", "x", `${this.gamma.cols} columns (one per gamma entry)`, `a ${N}×${D} Matrix`);
    checkRunning("BatchNormalization.forward", this.runningMean, this.runningVar, D);
    checkRange("BatchNormalization.forward", "momentum", this.momentum, 0, 1, true);
    if (this.runningMean === null) {
      this.runningMean = new Matrix(1, D);
      this.runningVar = new Matrix(1, D);
    }
    const xd = x.data, g = this.gamma.data, b = this.beta.data;
    const out = new Matrix(N, D);
    if (train) {
      if (N < 2)
        fail("BatchNormalization.forward", "x", "a mini-batch of at least 2 rows in training mode (a batch of 1 has zero variance: x̂ would be all 0)", `a ${N}×${D} Matrix`);
      const mu = x.sumRows().scale(1 / N);
      const xc = new Matrix(N, D);
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) xc.data[i * D + j] = xd[i * D + j] - mu.data[j];
      const v = new Matrix(1, D);
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) v.data[j] += xc.data[i * D + j] ** 2;
      const std = new Matrix(1, D);
      for (let j = 0; j < D; j++) {
        v.data[j] = v.data[j] / N;
        std.data[j] = Math.sqrt(v.data[j] + BATCHNORM_EPS);
      }
      const xn = new Matrix(N, D);
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) xn.data[i * D + j] = xc.data[i * D + j] / std.data[j];
      this.batchSize = N;
      this.xc = xc;
      this.xn = xn;
      this.std = std;
      const m = this.momentum, rm = this.runningMean.data, rv = this.runningVar!.data;
      for (let j = 0; j < D; j++) {
        rm[j] = m * rm[j] + (1 - m) * mu.data[j];
        rv[j] = m * rv[j] + (1 - m) * v.data[j];
      }
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) out.data[i * D + j] = g[j] * xn.data[i * D + j] + b[j];
    } else {
      const rm = this.runningMean.data, rv = this.runningVar!.data;
      for (let i = 0; i < N; i++)
        for (let j = 0; j < D; j++) {
          const xn = (xd[i * D + j] - rm[j]) / Math.sqrt(rv[j] + BATCHNORM_EPS);
          out.data[i * D + j] = g[j] * xn + b[j];
        }
    }
    return out;
  }

  backward(dout: Matrix): Matrix {
    const xn = this.xn, xc = this.xc, std = this.std;
    checkDout("BatchNormalization.backward", dout, xn?.rows ?? null, this.gamma.cols);
    const N = this.batchSize, D = dout.cols, g = this.gamma.data, d = dout.data;
    const dbeta = dout.sumRows();
    const dgamma = new Matrix(1, D);
    const dxc = new Matrix(N, D);
    const dstd = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        dgamma.data[j] += xn!.data[k] * d[k];
        const dxn = g[j] * d[k];
        dxc.data[k] = dxn / std!.data[j];
        dstd[j] -= (dxn * xc!.data[k]) / (std!.data[j] * std!.data[j]);
      }
    const dmu = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        const dvar = (0.5 * dstd[j]) / std!.data[j];
        dxc.data[k] += (2.0 / N) * xc!.data[k] * dvar;
        dmu[j] += dxc.data[k];
      }
    const dx = new Matrix(N, D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) dx.data[i * D + j] = dxc.data[i * D + j] - dmu[j] / N;
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
 * x⊙mask with no rescaling; test outputs x·(1 − ratio); backward is dout⊙mask.
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
    if (!rng || typeof (rng as Rng).uniform !== "function") fail("Dropout", "rng", "an Rng (seeded generator)", describe(rng));
    checkOptions("Dropout", "options", options, ["inverted"]);
    this.rng = rng;
    this.inverted = options.inverted ?? false;
  }

  forward(x: Matrix, train = true): Matrix {
    checkInput("Dropout.forward", x);
    const n = x.data.length, r = this.dropoutRatio;
    const out = new Matrix(x.rows, x.cols);
    if (!train) {
      const s = this.inverted ? 1 : 1 - r;
      for (let i = 0; i < n; i++) out.data[i] = x.data[i] * s;
      return out;
    }
    if (!(this.freeze && this.mask && this.mask.length === n)) {
      const mask = new Uint8Array(n);
      for (let i = 0; i < n; i++) mask[i] = this.rng.uniform() > r ? 1 : 0;
      this.mask = mask;
    }
    this.cols = x.cols;
    const s = this.inverted ? 1 / (1 - r) : 1;
    const mask = this.mask!;
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
