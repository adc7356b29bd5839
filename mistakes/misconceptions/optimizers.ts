/**
 * Planted mistakes in the §6.1 update rules (src/optimizer.ts) that mistakes/broken does not have,
 * each a small variant of the reference class with one line changed.
 */
import { reference } from "../../conformance/laws/impl.js";
import { powInt } from "../../src/base/pow.js";
import type { Misconception } from "./misconception.js";

type P = Record<string, InstanceType<typeof reference.Matrix>>;
const zeros = (params: P): P => Object.fromEntries(Object.entries(params).map(([k, p]) => [k, new reference.Matrix(p.rows, p.cols)]));

const M = "src/optimizer.ts";

export const optimizerMisconceptions: Misconception[] = [
  {
    id: "adagrad-without-square", module: M, mistake: "AdaGrad accumulating g instead of g⊙g: h ← h + g",
    killedBy: ["book-path-adagrad"],
    impl: { ...reference, AdaGrad: class extends reference.AdaGrad {
      override update(params: P, grads: P) {
        this.h ??= zeros(params);
        for (const k of Object.keys(params)) {
          const W = params[k].data, g = grads[k].data, h = this.h[k].data;
          for (let i = 0; i < W.length; i++) { h[i] = h[i] + g[i]; W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7); }
        }
      }
    } },
  },
  adamVariant("adam-betas-swapped", "Adam with β1 and β2 swapped (m decays by β2, v by β1)", (a, iter) => ({
    lrT: (a.lr * Math.sqrt(1 - powInt(a.beta2, iter))) / (1 - powInt(a.beta1, iter)), b1: a.beta2, b2: a.beta1,
  })),
];

function adamVariant(id: string, mistake: string, constants: (a: InstanceType<typeof reference.Adam>, iter: number) => { lrT: number; b1: number; b2: number }): Misconception {
  return {
    id, module: M, mistake, killedBy: ["book-path-adam"],
    impl: { ...reference, Adam: class extends reference.Adam {
      override update(params: P, grads: P) {
        this.m ??= zeros(params);
        this.v ??= zeros(params);
        this.iter += 1;
        const { lrT, b1, b2 } = constants(this, this.iter);
        for (const k of Object.keys(params)) {
          const W = params[k].data, g = grads[k].data, m = this.m[k].data, v = this.v[k].data;
          for (let i = 0; i < W.length; i++) {
            m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
            v[i] = v[i] + (1 - b2) * (g[i] ** 2 - v[i]);
            W[i] = W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
          }
        }
      }
    } },
  };
}
