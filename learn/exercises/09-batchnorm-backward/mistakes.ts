/** Planted mistakes of exercise 09: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { Matrix } from "../../../src/base/matrix.js";
import { BatchNormalization } from "./solution.js";

class MissingMean extends BatchNormalization {
  override backward(dout: Matrix): Matrix {
    // the book's graph without its last node: dx = dxc, no − (Σ dxc)/N
    const dx = super.backward(dout);
    const N = this.batchSize,
      D = dout.cols,
      xc = this.xc!.data,
      std = this.std!.data,
      g = this.gamma.data;
    const dstd = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) dstd[j] -= (g[j] * dout.get(i, j) * xc[i * D + j]) / std[j] ** 2;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++)
        dx.set(i, j, (g[j] * dout.get(i, j)) / std[j] + (2 / N) * xc[i * D + j] * ((0.5 * dstd[j]) / std[j]));
    return dx;
  }
}

class DgammaFromXc extends BatchNormalization {
  override backward(dout: Matrix): Matrix {
    const dx = super.backward(dout);
    this.dgamma = this.xc!.mul(dout).sumRows();
    return dx;
  }
}

class ConstantStd extends BatchNormalization {
  override backward(dout: Matrix): Matrix {
    super.backward(dout);
    const N = this.batchSize,
      D = dout.cols,
      std = this.std!.data,
      g = this.gamma.data;
    const dxc = new Matrix(N, D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) dxc.set(i, j, (g[j] * dout.get(i, j)) / std[j]);
    const dmu = dxc.sumRows();
    return new Matrix(
      N,
      D,
      dxc.data.map((v, k) => v - dmu.data[k % D] / N),
    );
  }
}

export const mistakes: PlantedMistake[] = [
  {
    id: "batchnorm-backward-missing-mean-term",
    says: "BatchNorm backward missing the mean term",
    module: { BatchNormalization: MissingMean },
  },
  { id: "batchnorm-dgamma-from-xc", says: "dγ from xc", module: { BatchNormalization: DgammaFromXc } },
  {
    id: "batchnorm-backward-std-constant",
    says: "without the path through σ²",
    module: { BatchNormalization: ConstantStd },
  },
];
