/**
 * The fast layer set: Affine, ReLU, Sigmoid and Tanh of src/layers.ts with the same bits and
 * less work, for the training loops where speed matters (the experiments, the benchmark):
 *   - each writes its results into matrices it owns, allocated once per shape (forward keeps the
 *     last three shapes: training batches alternate with accuracy on whole sets), so a training
 *     loop allocates nothing; a later call overwrites an earlier result;
 *   - FastRelu's forward and backward have no branch (about half of x is ≤ 0, in no predictable order);
 *   - FastAffine.backwardParams computes dW and db without dx (a net's first layer, whose dx
 *     nobody uses: a fifth of backward's work);
 *   - FastBatchNormalization fuses the book's lines into a few loops.
 * spec/kernels/fast-layers-give-the-plain-layers-bits.spec.ts checks each against its plain layer.
 */
import { Matrix, matmul, matmulTransA, matmulTransB } from "../base/matrix.js";
import {
  Affine,
  BATCHNORM_EPS,
  BatchNormalization,
  Relu,
  Sigmoid,
  Tanh,
  checkDout,
  checkInput,
  checkRunning,
} from "../layers.js";
import { checkRange, fail } from "../base/validate.js";

/** Where a layer puts a rows×cols result: its own `held` matrix when the shape matches, else a new one. */
function reuse(held: Matrix | null, rows: number, cols: number): Matrix {
  return held !== null && held.rows === rows && held.cols === cols ? held : new Matrix(rows, cols);
}

/**
 * Where a layer's forward puts its output: the matrices of the last three shapes it saw, so that a
 * loop that alternates training batches with accuracy on whole sets (the Trainer: a batch, the
 * training set, the test or validation set) allocates each once instead of at every change. A
 * later forward of the same shape overwrites the result.
 */
class Outputs {
  private readonly held: Matrix[] = []; // most recent first

  get(rows: number, cols: number): Matrix {
    const held = this.held;
    for (let i = 0; i < held.length; i++) {
      const m = held[i];
      if (m.rows === rows && m.cols === cols) {
        if (i > 0) (held.splice(i, 1), held.unshift(m));
        return m;
      }
    }
    const m = new Matrix(rows, cols);
    held.unshift(m);
    if (held.length > OUTPUT_SHAPES) held.pop();
    return m;
  }
}
const OUTPUT_SHAPES = 3;

export class FastAffine extends Affine {
  private readonly outs = new Outputs();
  private dx: Matrix | null = null;

  override forward(x: Matrix): Matrix {
    checkInput("Affine.forward", x);
    if (x.cols !== this.W.rows)
      fail(
        "Affine.forward",
        "x",
        `${this.W.rows} columns to multiply W ${this.W.rows}×${this.W.cols}`,
        `a ${x.rows}×${x.cols} Matrix`,
      );
    this.x = x;
    const out = matmul(x, this.W, this.outs.get(x.rows, this.W.cols));
    const c = out.cols,
      b = this.b.data,
      o = out.data;
    for (let i = 0; i < out.rows; i++) for (let j = 0; j < c; j++) o[i * c + j] += b[j];
    return out;
  }

  override backward(dout: Matrix): Matrix {
    this.backwardParams(dout);
    return (this.dx = matmulTransB(dout, this.W, reuse(this.dx, dout.rows, this.W.rows)));
  }

  /** backward without dx: only dW and db. */
  backwardParams(dout: Matrix): void {
    checkDout("Affine.backward", dout, this.x?.rows ?? null, this.W.cols);
    this.dW = matmulTransA(this.x!, dout, reuse(this.dW, this.W.rows, this.W.cols));
    const db = reuse(this.db, 1, dout.cols),
      c = dout.cols,
      d = dout.data;
    db.data.fill(0);
    for (let i = 0; i < dout.rows; i++) for (let j = 0; j < c; j++) db.data[j] += d[i * c + j];
    this.db = db;
  }
}

export class FastRelu extends Relu {
  private readonly outs = new Outputs();
  /** The masks of earlier shapes besides this.mask (see Outputs). */
  private readonly masks: Uint8Array[] = [];
  private dx: Matrix | null = null;

  override forward(x: Matrix): Matrix {
    checkInput("Relu.forward", x);
    const n = x.data.length;
    if (this.mask?.length !== n) {
      // the mask of an earlier shape (as Outputs keeps the outputs), else a new one
      const i = this.masks.findIndex((m) => m.length === n);
      const mask = i >= 0 ? this.masks.splice(i, 1)[0] : new Uint8Array(n);
      if (this.mask) this.masks.unshift(this.mask);
      if (this.masks.length >= OUTPUT_SHAPES) this.masks.pop();
      this.mask = mask;
    }
    this.cols = x.cols;
    const out = this.outs.get(x.rows, x.cols),
      mask = this.mask,
      xd = x.data,
      o = out.data;
    for (let i = 0; i < n; i++) {
      const v = xd[i],
        off = +(v <= 0); // mask = (x <= 0)
      mask[i] = off;
      // out = x where x > 0, else +0 (out[mask] = 0) without a branch: x is finite (checked above),
      // so v·0 is ±0, and + 0 turns −0 into +0
      o[i] = v * (1 - off) + 0;
    }
    return out;
  }

  override backward(dout: Matrix): Matrix {
    const mask = this.mask!;
    checkDout("Relu.backward", dout, this.mask ? mask.length / (this.cols || 1) : null, this.cols);
    const dx = (this.dx = reuse(this.dx, dout.rows, dout.cols));
    // dx = dout where mask is 0, else +0 (dout[mask] = 0), without a branch (the mask is ~50/50 in no
    // predictable order): each double is copied as its two 32-bit halves ANDed with keep, all ones
    // (mask 0: dout's bits) or all zeros (mask 1: the bits of +0; dout·(1 − mask) would give −0
    // for a negative dout)
    const from = words(dout.data),
      to = words(dx.data);
    for (let i = 0, w = 0; i < mask.length; i++, w += 2) {
      const keep = mask[i] - 1; // 0 − 1 = −1: all 32 bits set; 1 − 1 = 0
      to[w] = from[w] & keep;
      to[w + 1] = from[w + 1] & keep;
    }
    return dx;
  }
}

/** The doubles of `d` as 32-bit words, two per double (a view: no copy). */
function words(d: Float64Array): Int32Array {
  return new Int32Array(d.buffer, d.byteOffset, d.length * 2);
}

export class FastSigmoid extends Sigmoid {
  private readonly outs = new Outputs();
  private dx: Matrix | null = null;

  override forward(x: Matrix): Matrix {
    checkInput("Sigmoid.forward", x);
    const out = (this.out = this.outs.get(x.rows, x.cols));
    for (let i = 0; i < x.data.length; i++) out.data[i] = 1 / (1 + Math.exp(-x.data[i]));
    return out;
  }

  override backward(dout: Matrix): Matrix {
    const y = this.out;
    checkDout("Sigmoid.backward", dout, y?.rows ?? null, y?.cols ?? 0);
    const dx = (this.dx = reuse(this.dx, dout.rows, dout.cols));
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * (1 - y!.data[i]) * y!.data[i];
    return dx;
  }
}

export class FastTanh extends Tanh {
  private readonly outs = new Outputs();
  private dx: Matrix | null = null;

  override forward(x: Matrix): Matrix {
    checkInput("Tanh.forward", x);
    const out = (this.out = this.outs.get(x.rows, x.cols));
    for (let i = 0; i < x.data.length; i++) out.data[i] = Math.tanh(x.data[i]);
    return out;
  }

  override backward(dout: Matrix): Matrix {
    const y = this.out;
    checkDout("Tanh.backward", dout, y?.rows ?? null, y?.cols ?? 0);
    const dx = (this.dx = reuse(this.dx, dout.rows, dout.cols));
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * (1 - y!.data[i] * y!.data[i]);
    return dx;
  }
}

/**
 * BatchNormalization with forward and backward fused into a few loops over the batch (the plain
 * layer allocates a matrix per line of the book), same sums in the same order.
 */
export class FastBatchNormalization extends BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    checkInput("BatchNormalization.forward", x);
    const N = x.rows,
      D = x.cols;
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
    if (this.runningMean === null) {
      this.runningMean = new Matrix(1, D);
      this.runningVar = new Matrix(1, D);
    }
    const xd = x.data,
      g = this.gamma.data,
      b = this.beta.data;
    const out = new Matrix(N, D);
    if (train) {
      const mu = x.sumRows().scale(1 / N);
      const xc = new Matrix(N, D);
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) xc.data[i * D + j] = xd[i * D + j] - mu.data[j];
      const v = new Matrix(1, D);
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) v.data[j] += xc.data[i * D + j] * xc.data[i * D + j];
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
      const m = this.momentum,
        rm = this.runningMean.data,
        rv = this.runningVar!.data;
      for (let j = 0; j < D; j++) {
        rm[j] = m * rm[j] + (1 - m) * mu.data[j];
        rv[j] = m * rv[j] + (1 - m) * v.data[j];
      }
      for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) out.data[i * D + j] = g[j] * xn.data[i * D + j] + b[j];
    } else {
      const rm = this.runningMean.data,
        rv = this.runningVar!.data;
      for (let i = 0; i < N; i++)
        for (let j = 0; j < D; j++) {
          const xn = (xd[i * D + j] - rm[j]) / Math.sqrt(rv[j] + BATCHNORM_EPS);
          out.data[i * D + j] = g[j] * xn + b[j];
        }
    }
    return out;
  }

  override backward(dout: Matrix): Matrix {
    checkDout("BatchNormalization.backward", dout, this.xn?.rows ?? null, this.gamma.cols);
    const xn = this.xn!.data,
      xc = this.xc!.data,
      std = this.std!.data;
    const N = this.batchSize,
      D = dout.cols,
      g = this.gamma.data,
      d = dout.data;
    const dbeta = dout.sumRows();
    const dgamma = new Matrix(1, D);
    const dxc = new Matrix(N, D);
    const dstd = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        dgamma.data[j] += xn[k] * d[k];
        const dxn = g[j] * d[k];
        dxc.data[k] = dxn / std[j];
        dstd[j] += (dxn * xc[k]) / (std[j] * std[j]);
      }
    for (let j = 0; j < D; j++) dstd[j] = -dstd[j]; // dstd = -np.sum(...): −(+0) is −0, where 0 − 0 would be +0
    const dmu = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        const dvar = (0.5 * dstd[j]) / std[j];
        dxc.data[k] += (2.0 / N) * xc[k] * dvar;
        dmu[j] += dxc.data[k];
      }
    const dx = new Matrix(N, D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) dx.data[i * D + j] = dxc.data[i * D + j] - dmu[j] / N;
    this.dgamma = dgamma;
    this.dbeta = dbeta;
    return dx;
  }
}
