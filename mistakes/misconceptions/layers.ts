/**
 * Planted mistakes in §6.3's BatchNormalization and §6.4.3's Dropout (src/layers.ts) that
 * mistakes/broken does not have.
 */
import { reference, type Impl } from "../../conformance/laws/impl.js";
import type { Misconception } from "./misconception.js";

type Mat = InstanceType<Impl["Matrix"]>;
const L = "src/layers.ts";
const EPS = 10e-7;

export const layerMisconceptions: Misconception[] = [
  // ------------------------------------------------------------------ §6.3 BatchNormalization
  {
    id: "batchnorm-variance-wrong-axis", module: L, mistake: "BatchNorm variance taken over the wrong axis (per row, across features, instead of per feature over the batch)",
    killedBy: ["batchnorm-train-normalises", "batchnorm-gradient"],
    impl: { ...reference, BatchNormalization: class extends reference.BatchNormalization {
      override forward(x: Mat, train = true) {
        const out = super.forward(x, train);
        if (!train) return out;
        const N = x.rows, D = x.cols, xc = this.xc!.data;
        for (let i = 0; i < N; i++) {
          let v = 0;
          for (let j = 0; j < D; j++) v += xc[i * D + j] ** 2;
          const std = Math.sqrt(v / D + EPS);
          for (let j = 0; j < D; j++) out.data[i * D + j] = (this.gamma.data[j] * xc[i * D + j]) / std + this.beta.data[j];
        }
        return out;
      }
    } },
  },
  {
    id: "batchnorm-unbiased-variance", module: L, mistake: "BatchNorm with the unbiased variance Σ(x − μ)²/(N − 1) instead of the book's /N",
    killedBy: ["batchnorm-train-normalises", "batchnorm-gradient"],
    impl: { ...reference, BatchNormalization: class extends reference.BatchNormalization {
      override forward(x: Mat, train = true) {
        const out = super.forward(x, train);
        if (!train) return out;
        const N = x.rows, D = x.cols, xc = this.xc!.data;
        for (let j = 0; j < D; j++) {
          let v = 0;
          for (let i = 0; i < N; i++) v += xc[i * D + j] ** 2;
          const std = Math.sqrt(v / (N - 1) + EPS);
          for (let i = 0; i < N; i++) out.data[i * D + j] = (this.gamma.data[j] * xc[i * D + j]) / std + this.beta.data[j];
        }
        return out;
      }
    } },
  },
  // ------------------------------------------------------------------ §6.4.3 Dropout
  {
    id: "dropout-backward-without-mask", module: L, mistake: "Dropout backward passing dout through unmasked (the forward mask not applied)",
    killedBy: ["dropout-backward-reuses-mask", "dropout-gradient"],
    impl: { ...reference, Dropout: class extends reference.Dropout {
      override backward(dout: Mat) {
        super.backward(dout);
        return dout.clone();
      }
    } },
  },
];
