/**
 * Broken Dropout layers (§6.4.3). `HookedDropout` is the book's Dropout written with one hook
 * per decision (how the mask is drawn, how training and test scale, which mask backward uses);
 * it behaves exactly like the reference (the teeth spec checks that it passes every dropout law),
 * and each broken variant overrides one hook.
 */
import type { Matrix } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M } = reference;

export class HookedDropout extends reference.Dropout {
  /** Keep a unit when rand > ratio (one draw per unit). */
  protected drawMask(rows: number, cols: number): Uint8Array {
    const mask = new Uint8Array(rows * cols);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.uniform() > this.dropoutRatio ? 1 : 0;
    return mask;
  }
  protected trainScale(): number {
    return this.inverted ? 1 / (1 - this.dropoutRatio) : 1;
  }
  protected testScale(): number {
    return this.inverted ? 1 : 1 - this.dropoutRatio;
  }
  /** The mask backward multiplies by: the forward's. */
  protected backwardMask(rows: number, cols: number): Uint8Array {
    (void rows, cols);
    return this.mask!;
  }
  override forward(x: Matrix, train = true): Matrix {
    const out = new M(x.rows, x.cols);
    if (!train) {
      const s = this.testScale();
      for (let i = 0; i < out.data.length; i++) out.data[i] = x.data[i] * s;
      return out;
    }
    if (!(this.freeze && this.mask && this.mask.length === x.data.length)) this.mask = this.drawMask(x.rows, x.cols);
    const s = this.trainScale();
    for (let i = 0; i < out.data.length; i++) if (this.mask![i]) out.data[i] = x.data[i] * s;
    return out;
  }
  override backward(dout: Matrix): Matrix {
    const mask = this.backwardMask(dout.rows, dout.cols),
      s = this.trainScale();
    const dx = new M(dout.rows, dout.cols);
    for (let i = 0; i < dx.data.length; i++) if (mask[i]) dx.data[i] = dout.data[i] * s;
    return dx;
  }
}

/** Backward draws a fresh mask instead of reusing the forward's. */
export class DropoutMaskNotReused extends HookedDropout {
  protected override backwardMask(rows: number, cols: number): Uint8Array {
    return this.drawMask(rows, cols);
  }
}

/** The book's dropout scaling kept units by 1/(1 − ratio) in training while still scaling at test. */
export class DropoutScaledInTraining extends HookedDropout {
  protected override trainScale(): number {
    return 1 / (1 - this.dropoutRatio);
  }
}

/** The book's dropout returning x unchanged at test time. */
export class DropoutTestIdentity extends HookedDropout {
  protected override testScale(): number {
    return 1;
  }
}

/** The keep test written the wrong way round: keep when rand < ratio. */
export class DropoutKeepsBelowRatio extends HookedDropout {
  protected override drawMask(rows: number, cols: number): Uint8Array {
    const mask = new Uint8Array(rows * cols);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.uniform() < this.dropoutRatio ? 1 : 0;
    return mask;
  }
}

/** One keep/drop decision per example (row), shared by all its units. */
export class DropoutMaskPerRow extends HookedDropout {
  protected override drawMask(rows: number, cols: number): Uint8Array {
    const mask = new Uint8Array(rows * cols);
    for (let i = 0; i < rows; i++) mask.fill(this.rng.uniform() > this.dropoutRatio ? 1 : 0, i * cols, (i + 1) * cols);
    return mask;
  }
}

/** The `inverted` option accepted but ignored: always the book's scaling. */
export class DropoutInvertedIgnored extends HookedDropout {
  protected override trainScale(): number {
    return 1;
  }
  protected override testScale(): number {
    return 1 - this.dropoutRatio;
  }
}

/** Inverted dropout in place of the book's: kept units scaled by 1/(1 − ratio) in training, x as it is at test. */
export class DropoutInvertedAlways extends HookedDropout {
  protected override trainScale(): number {
    return 1 / (1 - this.dropoutRatio);
  }
  protected override testScale(): number {
    return 1;
  }
}

/** Backward passing dout through unmasked (the forward's mask not applied). */
export class DropoutBackwardWithoutMask extends HookedDropout {
  protected override backwardMask(rows: number, cols: number): Uint8Array {
    return new Uint8Array(rows * cols).fill(1);
  }
}

/** One mask drawn on the first training forward and reused for every later one. */
export class DropoutReusesOneMask extends HookedDropout {
  override forward(x: Matrix, train = true): Matrix {
    if (train && this.mask && this.mask.length === x.data.length) {
      const frozen = this.freeze;
      this.freeze = true;
      try {
        return super.forward(x, true);
      } finally {
        this.freeze = frozen;
      }
    }
    return super.forward(x, train);
  }
}
