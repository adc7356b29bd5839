/**
 * Exercise 05 · RMSprop — reference solution (book §6.1.5 note, optimizer.py).
 * h ← ρh + (1 − ρ)g⊙g; W ← W − lr·g/(√h + 1e-7).
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** RMSprop (§6.1.5 note): h ← ρh + (1 − ρ)g⊙g; W ← W − lr·g/(√h + 1e-7), ρ = decayRate. */
export class RMSprop {
  lr: number;
  decayRate: number;
  h: Params | null = null;

  constructor({ lr = 0.01, decayRate = 0.99 }: { lr?: number; decayRate?: number } = {}) {
    this.lr = lr;
    this.decayRate = decayRate;
  }

  update(params: Params, grads: Params): void {
    if (this.h === null) {
      this.h = {};
      for (const key of Object.keys(params)) this.h[key] = new Matrix(params[key].rows, params[key].cols);
    }
    const rho = this.decayRate;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        h = this.h[key].data;
      for (let i = 0; i < W.length; i++) {
        h[i] = rho * h[i] + (1 - rho) * g[i] * g[i];
        W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    }
  }
}
