/**
 * Planted mistakes in the layers (src/layers.ts): ch. 5's Affine, ReLU, Sigmoid, Tanh and
 * Softmax-with-Loss, §6.3's BatchNormalization and §6.4.3's Dropout.
 */
import { reference, type Impl } from "../laws/impl.js";
import type { Misconception } from "./misconception.js";

type Mat = InstanceType<Impl["Matrix"]>;
const L = "src/layers.ts";
const EPS = 10e-7;

export const layerMisconceptions: Misconception[] = [
  {
    id: "affine-db-wrong-axis", module: L, mistake: "Affine db summed over the wrong axis (over columns: one entry per row)",
    killedBy: ["affine-gradient"],
    impl: { ...reference, Affine: class extends reference.Affine {
      override backward(dout: Mat) {
        const dx = super.backward(dout);
        const db = new reference.Matrix(dout.rows, 1);
        for (let i = 0; i < dout.rows; i++) for (let j = 0; j < dout.cols; j++) db.data[i] += dout.data[i * dout.cols + j]!;
        this.db = db;
        return dx;
      }
    } },
  },
  {
    id: "relu-backward-passes-nonpositive", module: L, mistake: "ReLU backward passing the gradient at x = 0 (mask x < 0 instead of x ≤ 0)",
    killedBy: ["relu-gradient"],
    impl: { ...reference, Relu: class extends reference.Relu {
      override forward(x: Mat) {
        const out = super.forward(x);
        for (let i = 0; i < x.data.length; i++) this.mask![i] = x.data[i]! < 0 ? 1 : 0;
        return out;
      }
    } },
  },
  {
    id: "sigmoid-backward-from-input", module: L, mistake: "Sigmoid backward computed from the input x instead of the output y: dout·(1 − x)·x",
    killedBy: ["sigmoid-gradient"],
    impl: { ...reference, Sigmoid: class extends reference.Sigmoid {
      xIn: Mat | null = null;
      override forward(x: Mat) {
        this.xIn = x;
        return super.forward(x);
      }
      override backward(dout: Mat) {
        super.backward(dout);
        const dx = new reference.Matrix(dout.rows, dout.cols), x = this.xIn!.data;
        for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i]! * (1 - x[i]!) * x[i]!;
        return dx;
      }
    } },
  },
  {
    id: "tanh-backward-without-square", module: L, mistake: "Tanh backward as dout·(1 − y) (the square dropped)",
    killedBy: ["tanh-gradient"],
    impl: { ...reference, Tanh: class extends reference.Tanh {
      override backward(dout: Mat) {
        super.backward(dout);
        const dx = new reference.Matrix(dout.rows, dout.cols);
        for (let i = 0; i < dx.data.length; i++) dx.data[i] = dout.data[i]! * (1 - this.out!.data[i]!);
        return dx;
      }
    } },
  },
  {
    id: "softmax-with-loss-not-divided-by-n", module: L, mistake: "Softmax-with-Loss backward (y − t) not divided by the batch size N",
    killedBy: ["softmax-with-loss-gradient"],
    impl: { ...reference, SoftmaxWithLoss: class extends reference.SoftmaxWithLoss {
      override backward(dout = 1) {
        return super.backward(dout).scale(this.y!.rows);
      }
    } },
  },
  // ------------------------------------------------------------------ §6.3 BatchNormalization
  {
    id: "batchnorm-running-stats-in-training", module: L, mistake: "BatchNorm normalising with the running statistics in training instead of the mini-batch's",
    killedBy: ["batchnorm-train-normalises", "batchnorm-gradient"],
    impl: { ...reference, BatchNormalization: class extends reference.BatchNormalization {
      override forward(x: Mat, train = true) {
        const out = super.forward(x, train);
        if (!train) return out;
        const D = x.cols, rm = this.runningMean!.data, rv = this.runningVar!.data;
        for (let i = 0; i < x.rows; i++)
          for (let j = 0; j < D; j++) out.data[i * D + j] = (this.gamma.data[j]! * (x.data[i * D + j]! - rm[j]!)) / Math.sqrt(rv[j]! + EPS) + this.beta.data[j]!;
        return out;
      }
    } },
  },
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
          for (let j = 0; j < D; j++) v += xc[i * D + j]! ** 2;
          const std = Math.sqrt(v / D + EPS);
          for (let j = 0; j < D; j++) out.data[i * D + j] = (this.gamma.data[j]! * xc[i * D + j]!) / std + this.beta.data[j]!;
        }
        return out;
      }
    } },
  },
  {
    id: "batchnorm-backward-missing-mean-term", module: L, mistake: "BatchNorm backward missing the mean term −Σ dxc / N",
    killedBy: ["batchnorm-backward-sums", "batchnorm-gradient"],
    impl: { ...reference, BatchNormalization: class extends reference.BatchNormalization {
      override backward(dout: Mat) {
        const dx = super.backward(dout);
        // The reference's dx is dxc − mean over the batch of dxc; its column sums are 0. Put the mean back.
        const N = dout.rows, D = dout.cols;
        const xc = this.xc!.data, std = this.std!.data, g = this.gamma.data;
        for (let j = 0; j < D; j++) {
          let dstd = 0;
          for (let i = 0; i < N; i++) dstd -= (g[j]! * dout.data[i * D + j]! * xc[i * D + j]!) / (std[j]! * std[j]!);
          const dvar = (0.5 * dstd) / std[j]!;
          let dmu = 0;
          for (let i = 0; i < N; i++) dmu += (g[j]! * dout.data[i * D + j]!) / std[j]! + (2 / N) * xc[i * D + j]! * dvar;
          for (let i = 0; i < N; i++) dx.data[i * D + j] += dmu / N;
        }
        return dx;
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
          for (let i = 0; i < N; i++) v += xc[i * D + j]! ** 2;
          const std = Math.sqrt(v / (N - 1) + EPS);
          for (let i = 0; i < N; i++) out.data[i * D + j] = (this.gamma.data[j]! * xc[i * D + j]!) / std + this.beta.data[j]!;
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
  {
    id: "dropout-scaling-train-and-test", module: L, mistake: "Dropout scaling at train time (÷(1 − ratio)) and at test time (×(1 − ratio)) both",
    killedBy: ["dropout-train-zero-or-input", "dropout-expected-train-equals-test"],
    impl: { ...reference, Dropout: class extends reference.Dropout {
      override forward(x: Mat, train = true) {
        const out = super.forward(x, train);
        return train && !this.inverted ? out.scale(1 / (1 - this.dropoutRatio)) : out;
      }
      override backward(dout: Mat) {
        const dx = super.backward(dout);
        return this.inverted ? dx : dx.scale(1 / (1 - this.dropoutRatio));
      }
    } },
  },
];
