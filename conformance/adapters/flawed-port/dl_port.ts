/**
 * A small, deliberately flawed port of the book's optimizer.py and layers.py, written the way a
 * Python programmer might: snake_case names, positional constructor arguments, plain number[]
 * rows. It is NOT the reference and shares no code with it; its adapter (./adapter.ts) maps it to
 * the contract. Its two mistakes are real ones (see FLAWS): the suite must catch exactly those.
 */

export interface Tensor {
  rows: number;
  cols: number;
  data: Float64Array;
  clone(): Tensor;
}

/** A rows×cols tensor over `data`. */
export function tensor(rows: number, cols: number, data: Float64Array): Tensor {
  return { rows, cols, data, clone: () => tensor(rows, cols, Float64Array.from(data)) };
}
export type ParamDict = Record<string, Tensor>;

/** A tensor of zeros shaped like t (optimizer state has the same keys and shapes as the params). */
export function zeros_like(t: Tensor): Tensor {
  return tensor(t.rows, t.cols, new Float64Array(t.data.length));
}

/** W ← W − lr·g */
export class sgd {
  constructor(public lr = 0.01) {}
  update(params: ParamDict, grads: ParamDict): void {
    for (const k of Object.keys(params)) {
      const w = params[k].data,
        g = grads[k].data;
      for (let i = 0; i < w.length; i++) w[i] = w[i] - this.lr * g[i];
    }
  }
}

/** v ← αv − lr·g; W ← W + v */
export class momentum_sgd {
  v: ParamDict | null = null;
  constructor(
    public lr = 0.01,
    public momentum = 0.9,
  ) {}
  update(params: ParamDict, grads: ParamDict): void {
    if (this.v === null) {
      this.v = {};
      for (const k of Object.keys(params)) this.v[k] = zeros_like(params[k]);
    }
    for (const k of Object.keys(params)) {
      const w = params[k].data,
        g = grads[k].data,
        v = this.v[k].data;
      for (let i = 0; i < w.length; i++) {
        v[i] = this.momentum * v[i] - this.lr * g[i];
        w[i] = w[i] + v[i];
      }
    }
  }
}

/** h ← h + g²; W ← W − lr·g/√(h + 1e-7)   FLAW 1: ε inside the square root. */
export class ada_grad {
  h: ParamDict | null = null;
  constructor(public lr = 0.01) {}
  update(params: ParamDict, grads: ParamDict): void {
    if (this.h === null) {
      this.h = {};
      for (const k of Object.keys(params)) this.h[k] = zeros_like(params[k]);
    }
    for (const k of Object.keys(params)) {
      const w = params[k].data,
        g = grads[k].data,
        h = this.h[k].data;
      for (let i = 0; i < w.length; i++) {
        h[i] = h[i] + g[i] * g[i];
        w[i] = w[i] - (this.lr * g[i]) / Math.sqrt(h[i] + 1e-7);
      }
    }
  }
}

/** Adam with the book's folded bias correction. */
export class adam {
  iter = 0;
  m: ParamDict | null = null;
  v: ParamDict | null = null;
  constructor(
    public lr = 0.001,
    public beta1 = 0.9,
    public beta2 = 0.999,
  ) {}
  update(params: ParamDict, grads: ParamDict): void {
    if (this.m === null || this.v === null) {
      this.m = {};
      this.v = {};
      for (const k of Object.keys(params)) {
        this.m[k] = zeros_like(params[k]);
        this.v[k] = zeros_like(params[k]);
      }
    }
    this.iter += 1;
    const lr_t = (this.lr * Math.sqrt(1 - this.beta2 ** this.iter)) / (1 - this.beta1 ** this.iter);
    for (const k of Object.keys(params)) {
      const w = params[k].data,
        g = grads[k].data,
        m = this.m[k].data,
        v = this.v[k].data;
      for (let i = 0; i < w.length; i++) {
        m[i] = m[i] + (1 - this.beta1) * (g[i] - m[i]);
        v[i] = v[i] + (1 - this.beta2) * (g[i] ** 2 - v[i]);
        w[i] = w[i] - (lr_t * m[i]) / (Math.sqrt(v[i]) + 1e-7);
      }
    }
  }
}

/** out = max(0, x); backward passes dout where the mask says so.  FLAW 2: mask is x < 0, so x = 0 passes. */
export class relu_layer {
  mask: boolean[] = [];
  forward(x: Tensor): Tensor {
    this.mask = Array.from(x.data, (v) => v < 0);
    return tensor(
      x.rows,
      x.cols,
      Float64Array.from(x.data, (v, i) => (this.mask[i] ? 0 : v)),
    );
  }
  backward(dout: Tensor): Tensor {
    return tensor(
      dout.rows,
      dout.cols,
      Float64Array.from(dout.data, (v, i) => (this.mask[i] ? 0 : v)),
    );
  }
}

/** out = x·W + b; dW = xᵀ·dout, db = Σ_rows dout, dx = dout·Wᵀ */
export class affine_layer {
  x: Tensor | null = null;
  dW: Tensor | null = null;
  db: Tensor | null = null;
  constructor(
    public W: Tensor,
    public b: Tensor,
  ) {}
  forward(x: Tensor): Tensor {
    this.x = x;
    const n = x.rows,
      d = this.W.rows,
      m = this.W.cols,
      out = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = this.b.data[j];
        for (let k = 0; k < d; k++) s += x.data[i * d + k] * this.W.data[k * m + j];
        out[i * m + j] = s;
      }
    return tensor(n, m, out);
  }
  backward(dout: Tensor): Tensor {
    const x = this.x!,
      n = x.rows,
      d = this.W.rows,
      m = this.W.cols;
    const dW = new Float64Array(d * m),
      db = new Float64Array(m),
      dx = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        const g = dout.data[i * m + j];
        db[j] += g;
        for (let k = 0; k < d; k++) {
          dW[k * m + j] += x.data[i * d + k] * g;
          dx[i * d + k] += g * this.W.data[k * m + j];
        }
      }
    this.dW = tensor(d, m, dW);
    this.db = tensor(1, m, db);
    return tensor(n, d, dx);
  }
}
