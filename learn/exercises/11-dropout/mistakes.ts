/** Planted mistakes of exercise 11: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { Matrix } from "../../../src/base/matrix.js";
import { Dropout } from "./solution.js";

class NoMaskBackward extends Dropout {
  override backward(dout: Matrix): Matrix {
    return dout.clone();
  }
}

class Inverted extends Dropout {
  override forward(x: Matrix, train = true): Matrix {
    if (!train) return x.clone();
    return super.forward(x, true).scale(1 / (1 - this.dropoutRatio));
  }
}

class ScaledTwice extends Dropout {
  override forward(x: Matrix, train = true): Matrix {
    if (!train) return super.forward(x, false);
    return super.forward(x, true).scale(1 / (1 - this.dropoutRatio));
  }
}

class MaskOnce extends Dropout {
  override forward(x: Matrix, train = true): Matrix {
    if (!train || this.mask === null) return super.forward(x, train);
    return new Matrix(
      x.rows,
      x.cols,
      x.data.map((v, i) => v * this.mask![i]),
    );
  }
}

export const mistakes: PlantedMistake[] = [
  {
    id: "dropout-backward-without-mask",
    says: "dropout backward without the mask",
    module: { Dropout: NoMaskBackward },
  },
  { id: "dropout-inverted", says: "inverted dropout", module: { Dropout: Inverted } },
  { id: "dropout-scaled-in-training", says: "inverted dropout", module: { Dropout: ScaledTwice } },
  { id: "dropout-reuses-one-mask", says: "the same mask again", module: { Dropout: MaskOnce } },
];
