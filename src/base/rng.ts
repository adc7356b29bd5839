/**
 * Rng: the only source of randomness in src. Built on seedrandom's Alea generator, so the same
 * seed gives the same draws on every machine and every run. Pass an Rng to whatever needs
 * randomness; nothing in src reaches for Math.random.
 */
import seedrandom from "seedrandom";
import { Matrix } from "./matrix.js";
import { checkInteger, describe, fail } from "./validate.js";

export class Rng {
  readonly seed: string;
  private readonly prng: seedrandom.PRNG;
  private spare: number | null = null;

  constructor(seed: number | string) {
    if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed))))
      fail("Rng", "seed", "a finite number or a string", describe(seed));
    this.seed = String(seed);
    this.prng = seedrandom.alea(this.seed);
  }

  /** Uniform in [0, 1) with 53 bits of precision. */
  uniform(): number {
    return this.prng.double();
  }

  /** Standard normal N(0, 1) by the Box–Muller transform (the pair's second value is kept). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u1 = 1 - this.prng.double(); // (0, 1]: log stays finite
    const u2 = this.prng.double();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Integer in [0, n). */
  randint(n: number): number {
    checkInteger("Rng.randint", "n", n, 1);
    return Math.floor(this.prng.double() * n);
  }

  /** `size` indices drawn from [0, n) with replacement (NumPy's random.choice(n, size)). */
  choice(n: number, size: number): Int32Array {
    checkInteger("Rng.choice", "n", n, 1);
    checkInteger("Rng.choice", "size", size, 0);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = Math.floor(this.prng.double() * n);
    return out;
  }

  /** A random permutation of 0..n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    checkInteger("Rng.permutation", "n", n, 0);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.prng.double() * (i + 1));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** A rows×cols matrix of N(0, 1) draws scaled by `std` (NumPy's std * randn(rows, cols)). */
  randn(rows: number, cols: number, std = 1): Matrix {
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = std * this.normal();
    return m;
  }

  /** A rows×cols matrix of uniform [0, 1) draws (NumPy's rand(rows, cols)). */
  rand(rows: number, cols: number): Matrix {
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = this.prng.double();
    return m;
  }
}
