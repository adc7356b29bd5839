/**
 * Planted optimizers (§6.1): each the reference class with its update rule written differently,
 * one element at a time. State lives where the reference keeps it (v, h, m, iter), created on
 * the first update with the keys and shapes of params, so checks that read or snapshot it work.
 * The registry (mistakes/registry.ts) names what each one gets wrong.
 */
import { zerosLike, type Params } from "../../src/optimizer.js";
import { powInt } from "../../src/base/pow.js";
import { reference } from "../../conformance/laws/impl.js";

type Step2 = (W: number, s: number, g: number, lr: number, a: number) => [number, number];

function each(params: Params, grads: Params, f: (W: Float64Array, g: Float64Array, key: string) => void): void {
  for (const key of Object.keys(params)) f(params[key].data, grads[key].data, key);
}

/** SGD with W ← step(W, g, lr). */
export function sgdRule(step: (W: number, g: number, lr: number) => number, defaultLr = 0.01): typeof reference.SGD {
  return class extends reference.SGD {
    constructor({ lr = defaultLr }: { lr?: number } = {}) {
      super({ lr });
    }
    override update(params: Params, grads: Params): void {
      each(params, grads, (W, g) => {
        for (let i = 0; i < W.length; i++) W[i] = step(W[i], g[i], this.lr);
      });
    }
  };
}

/** Momentum (or Nesterov) whose [W, v] ← step(W, v, g, lr, α). */
export const momentumRule = (step: Step2): typeof reference.Momentum =>
  stateRule(reference.Momentum, "v", "momentum", step);
export const nesterovRule = (step: Step2): typeof reference.Nesterov =>
  stateRule(reference.Nesterov, "v", "momentum", step);
/** AdaGrad (ρ unused: 0) or RMSprop (ρ = decayRate) whose [W, h] ← step(W, h, g, lr, ρ). */
export const adaGradRule = (step: Step2): typeof reference.AdaGrad =>
  stateRule(reference.AdaGrad, "h", "decayRate", step);
export const rmspropRule = (step: Step2): typeof reference.RMSprop =>
  stateRule(reference.RMSprop, "h", "decayRate", step);

/** `Base` with update written element by element: [W, s] ← step(W, s, g, lr, a), s the state `key`, a the option `option` (0 if none). */
function stateRule<B extends abstract new (...args: never[]) => { lr: number }>(
  Base: B,
  key: "v" | "h",
  option: "momentum" | "decayRate",
  step: Step2,
): B {
  const Ctor = Base as unknown as new (o?: object) => { lr: number };
  return class extends Ctor {
    update(params: Params, grads: Params): void {
      const self = this as unknown as Record<string, Params | number | null | undefined>;
      self[key] ??= zerosLike(params);
      const state = self[key] as Params,
        a = (self[option] as number | undefined) ?? 0;
      each(params, grads, (W, g, k) => {
        const s = state[k].data;
        for (let i = 0; i < W.length; i++) [W[i], s[i]] = step(W[i], s[i], g[i], this.lr, a);
      });
    }
  } as unknown as B;
}

type AdamT = InstanceType<typeof reference.Adam>;

/** The book's Adam moments m, v for one step, and W ← W − lrT·m/(√v + eps), or `wStep` when given. */
function adamMoments(
  opt: AdamT,
  params: Params,
  grads: Params,
  lrT: number,
  b1: number,
  b2: number,
  wStep?: (W: number, m: number, v: number) => number,
): void {
  opt.m ??= zerosLike(params);
  opt.v ??= zerosLike(params);
  each(params, grads, (W, g, k) => {
    const m = opt.m![k].data,
      v = opt.v![k].data;
    for (let i = 0; i < W.length; i++) {
      m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
      v[i] = v[i] + (1 - b2) * (g[i] ** 2 - v[i]);
      W[i] = wStep ? wStep(W[i], m[i], v[i]) : W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
    }
  });
}

/** Adam with the book's moments, whose step size at count t is lrT(opt, t) (and β1/β2 as given). */
export function adamRule(
  lrT: (opt: AdamT, t: number) => number,
  betas: (opt: AdamT) => [number, number] = (o) => [o.beta1, o.beta2],
): typeof reference.Adam {
  return class extends reference.Adam {
    override update(params: Params, grads: Params): void {
      this.iter += 1;
      const [b1, b2] = betas(this);
      adamMoments(this, params, grads, lrT(this, this.iter), b1, b2);
    }
  };
}

/** The book's η_t = η·√(1 − β2^t)/(1 − β1^t). */
export const bookLrT = (o: AdamT, t: number, b1 = o.beta1, b2 = o.beta2): number =>
  (o.lr * Math.sqrt(1 - powInt(b2, t))) / (1 - powInt(b1, t));

/** Adam in the paper's form: m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t), W ← W − lr·m̂/(√v̂ + ε). */
export function adamPaper(eps: number): typeof reference.Adam {
  return class extends reference.Adam {
    override update(params: Params, grads: Params): void {
      this.iter += 1;
      const c1 = 1 - powInt(this.beta1, this.iter),
        c2 = 1 - powInt(this.beta2, this.iter);
      adamMoments(
        this,
        params,
        grads,
        0,
        this.beta1,
        this.beta2,
        (W, m, v) => W - (this.lr * (m / c1)) / (Math.sqrt(v / c2) + eps),
      );
    }
  };
}

/** Adam incrementing iter once per parameter matrix instead of once per update. */
export class AdamIterPerKey extends reference.Adam {
  override update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      this.iter += 1;
      this.m ??= zerosLike(params);
      this.v ??= zerosLike(params);
      adamMoments(
        this,
        { [key]: params[key] },
        { [key]: grads[key] },
        bookLrT(this, this.iter),
        this.beta1,
        this.beta2,
      );
    }
  }
}

/** Adam counting its steps in a private field: a snapshot of the public state loses it. */
export class AdamHiddenIter extends reference.Adam {
  #t = 0;
  override update(params: Params, grads: Params): void {
    this.#t += 1;
    adamMoments(this, params, grads, bookLrT(this, this.#t), this.beta1, this.beta2);
  }
}

/** Adam counting iter after η_t is computed: step t uses the count t − 1 (0 on the first step). */
export class AdamLateIter extends reference.Adam {
  override update(params: Params, grads: Params): void {
    const lrT = bookLrT(this, this.iter);
    this.iter += 1;
    adamMoments(this, params, grads, lrT, this.beta1, this.beta2);
  }
}

/** SGD that builds new matrices: params[key] = W − lr·g replaces the caller's matrix. */
export class SGDNewMatrix extends reference.SGD {
  override update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      const W = params[key],
        g = grads[key];
      params[key] = new reference.Matrix(
        W.rows,
        W.cols,
        W.data.map((w, i) => w - this.lr * g.data[i]),
      );
    }
  }
}

/** SGD that updates only the weights W1, W2, … and leaves the biases. */
export class SGDOnlyWeights extends reference.SGD {
  override update(params: Params, grads: Params): void {
    each(params, grads, (W, g, key) => {
      if (!key.startsWith("W")) return;
      for (let i = 0; i < W.length; i++) W[i] = W[i] - this.lr * g[i];
    });
  }
}

/** Momentum that forgets its velocity between updates (v restarts at 0): it degenerates to SGD. */
export class ForgetfulMomentum extends reference.Momentum {
  override update(params: Params, grads: Params): void {
    this.v = null;
    super.update(params, grads);
  }
}
