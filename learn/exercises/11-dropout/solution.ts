/**
 * Exercise 11 · Dropout — reference solution (book §6.4.3).
 * Training keeps an entry when rand > ratio and passes it unscaled; test scales by 1 − ratio.
 */
import { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";

/** Dropout (§6.4.3): train y = x⊙mask (mask = rand > ratio), backward dout⊙mask, test y = x·(1 − ratio). */
export class Dropout {
  dropoutRatio: number;
  rng: Rng;
  mask: Uint8Array | null = null;

  constructor(dropoutRatio: number, rng: Rng) {
    this.dropoutRatio = dropoutRatio;
    this.rng = rng;
  }

  forward(x: Matrix, train = true): Matrix {
    const y = new Matrix(x.rows, x.cols);
    if (!train) {
      for (let i = 0; i < x.data.length; i++) y.data[i] = x.data[i] * (1 - this.dropoutRatio);
      return y;
    }
    this.mask = new Uint8Array(x.data.length);
    for (let i = 0; i < x.data.length; i++) {
      this.mask[i] = this.rng.uniform() > this.dropoutRatio ? 1 : 0;
      y.data[i] = x.data[i] * this.mask[i];
    }
    return y;
  }

  backward(dout: Matrix): Matrix {
    const dx = new Matrix(dout.rows, dout.cols);
    for (let i = 0; i < dout.data.length; i++) dx.data[i] = dout.data[i] * this.mask![i];
    return dx;
  }
}
