/** Planted mistakes of exercise 08: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { Matrix } from "../../../src/base/matrix.js";
import { BatchNormalization } from "./solution.js";

/** The solution with its per-column statistics computed by `stats(column) → [μ, σ²]` and ε. */
function withStats(stats: (col: number[]) => [number, number], eps = 1e-6) {
  return class extends BatchNormalization {
    override forward(x: Matrix, train = true): Matrix {
      if (!train) return super.forward(x, false);
      const N = x.rows,
        D = x.cols;
      const out = new Matrix(N, D);
      for (let j = 0; j < D; j++) {
        const col = Array.from({ length: N }, (_, i) => x.get(i, j));
        const [mu, v] = stats(col);
        for (let i = 0; i < N; i++)
          out.set(i, j, (this.gamma.data[j] * (col[i] - mu)) / Math.sqrt(v + eps) + this.beta.data[j]);
      }
      return out;
    }
  };
}
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

class RunningInTraining extends BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    if (train) super.forward(x, true); // updates the running statistics…
    return super.forward(x, false); // …and normalises with them, even in training
  }
}

class BatchStatsAtTest extends BatchNormalization {
  override forward(x: Matrix, _train = true): Matrix {
    return super.forward(x, true);
  }
}

class ReplacedRunning extends BatchNormalization {
  constructor(gamma: Matrix, beta: Matrix) {
    super(gamma, beta, 0);
  }
}

/** Normalises each row (over the features) instead of each column (over the batch). */
class ByRow extends BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    if (!train) return super.forward(x, false);
    const N = x.rows,
      D = x.cols;
    const out = new Matrix(N, D);
    for (let i = 0; i < N; i++) {
      const row = Array.from({ length: D }, (_, j) => x.get(i, j));
      const mu = mean(row),
        v = mean(row.map((r) => (r - mu) ** 2));
      for (let j = 0; j < D; j++)
        out.set(i, j, (this.gamma.data[j] * (row[j] - mu)) / Math.sqrt(v + 1e-6) + this.beta.data[j]);
    }
    return out;
  }
}

export const mistakes: PlantedMistake[] = [
  {
    id: "batchnorm-unbiased-variance",
    says: "divided by N − 1",
    module: {
      BatchNormalization: withStats((c) => [mean(c), c.reduce((s, v) => s + (v - mean(c)) ** 2, 0) / (c.length - 1)]),
    },
  },
  {
    id: "batchnorm-eps-1e-7",
    says: "ε = 1e-7",
    module: { BatchNormalization: withStats((c) => [mean(c), mean(c.map((v) => (v - mean(c)) ** 2))], 1e-7) },
  },
  {
    id: "batchnorm-test-uses-batch-statistics",
    says: "batch's statistics at test time",
    module: { BatchNormalization: BatchStatsAtTest },
  },
  {
    id: "batchnorm-running-stats-in-training",
    says: "running statistics in training",
    module: { BatchNormalization: RunningInTraining },
  },
  {
    id: "batchnorm-replaces-running",
    says: "running statistics replaced by the batch's",
    module: { BatchNormalization: ReplacedRunning },
  },
  { id: "batchnorm-variance-wrong-axis", says: "wrong axis", module: { BatchNormalization: ByRow } },
];
