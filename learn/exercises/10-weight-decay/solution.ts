/**
 * Exercise 10 · Weight decay — reference solution (book §6.4.2).
 * loss += ½λ Σ‖W‖² over the weight matrices only; their gradients get + λW.
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** True for the keys that decay: W1, W2, … (not b1, gamma1, beta1, …). */
export const isWeight = (key: string): boolean => /^W\d+$/.test(key);

/** ½λ Σ‖W‖² over W1, W2, … (§6.4.2). */
export function weightDecayLoss(params: Params, weightDecayLambda: number): number {
  let s = 0;
  for (const key of Object.keys(params)) {
    if (!isWeight(key)) continue;
    const W = params[key].data;
    for (let i = 0; i < W.length; i++) s += W[i] * W[i];
  }
  return 0.5 * weightDecayLambda * s;
}

/** dW + λW for every weight matrix, other gradients unchanged (§6.4.2). */
export function addWeightDecay(grads: Params, params: Params, weightDecayLambda: number): Params {
  const out: Params = {};
  for (const key of Object.keys(grads)) {
    const g = grads[key];
    if (!isWeight(key)) {
      out[key] = g;
      continue;
    }
    const W = params[key].data,
      d = new Matrix(g.rows, g.cols);
    for (let i = 0; i < d.data.length; i++) d.data[i] = g.data[i] + weightDecayLambda * W[i];
    out[key] = d;
  }
  return out;
}
