/**
 * Broken layers (ch. 5 layers chapter 6 builds on): each a small subclass of the reference
 * layer that makes one classic mistake, named after it.
 */
import type { Matrix } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M } = reference;

/** Affine with db summed over the wrong axis: one entry per batch row (NumPy's sum(axis=1)). */
export class AffineDbWrongAxis extends reference.Affine {
  override backward(dout: Matrix): Matrix {
    const dx = super.backward(dout);
    const db = new M(1, dout.rows);
    for (let i = 0; i < dout.rows; i++) for (let j = 0; j < dout.cols; j++) db.data[i] += dout.data[i * dout.cols + j];
    this.db = db;
    return dx;
  }
}

/** ReLU whose backward mask is x < 0 instead of x <= 0: the gradient passes at x = 0. */
export class ReluPassesZero extends reference.Relu {
  private input: Float64Array | null = null;
  override forward(x: Matrix): Matrix {
    this.input = Float64Array.from(x.data);
    return super.forward(x);
  }
  override backward(dout: Matrix): Matrix {
    const dx = new M(dout.rows, dout.cols);
    for (let i = 0; i < dx.data.length; i++) if (this.input![i] >= 0) dx.data[i] = dout.data[i];
    return dx;
  }
}

/** Sigmoid whose backward uses the input x where the output y belongs: dout·(1 − x)·x. */
export class SigmoidBackwardFromInput extends reference.Sigmoid {
  private input: Float64Array | null = null;
  override forward(x: Matrix): Matrix {
    this.input = Float64Array.from(x.data);
    return super.forward(x);
  }
  override backward(dout: Matrix): Matrix {
    const dx = new M(dout.rows, dout.cols);
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * (1 - this.input![i]) * this.input![i];
    return dx;
  }
}

/** Tanh whose backward drops the square: dout·(1 − y). */
export class TanhMissingSquare extends reference.Tanh {
  override backward(dout: Matrix): Matrix {
    const dx = new M(dout.rows, dout.cols);
    for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i] * (1 - this.out!.data[i]);
    return dx;
  }
}

/** SoftmaxWithLoss whose backward forgets to divide by the batch size: y − t. */
export class SoftmaxWithLossNotAveraged extends reference.SoftmaxWithLoss {
  override backward(dout = 1): Matrix {
    return super.backward(dout).scale(this.y!.rows);
  }
}

/** Sigmoid whose forward has the sign of the exponent wrong, 1/(1 + eˣ) (= σ(−x)); its backward dout·(1 − y)·y is the book's. */
export class SigmoidForwardWrongSign extends reference.Sigmoid {
  override forward(x: Matrix): Matrix {
    const y = new M(x.rows, x.cols);
    for (let i = 0; i < y.data.length; i++) y.data[i] = 1 / (1 + Math.exp(x.data[i]));
    this.out = y;
    return y;
  }
}
