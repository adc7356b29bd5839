/**
 * The corners of layers.ts the mutation run found untested: every layer's errors name the layer
 * and the argument; backward before forward is a named usage error for each layer (not a
 * TypeError); BatchNorm's and Dropout's constructor checks and defaults; the book's strict
 * `rand > ratio` and its exact number of draws; a frozen mask reused only for the same size; and
 * ReLU's public mask as the book's boolean x <= 0.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import {
  Affine,
  BatchNormalization,
  Dropout,
  Relu,
  Sigmoid,
  SoftmaxWithLoss,
  Tanh,
  type Layer,
} from "../../src/layers.js";
import { messageOf } from "../helpers.js";

const m = (rows: number[][]) => Matrix.fromArray(rows);

const gamma = () => Matrix.filled(1, 2, 1),
  beta = () => new Matrix(1, 2);
const LAYERS: [string, () => Layer][] = [
  ["Relu", () => new Relu()],
  ["Sigmoid", () => new Sigmoid()],
  ["Tanh", () => new Tanh()],
  ["Affine", () => new Affine(new Matrix(2, 2), new Matrix(1, 2))],
  ["BatchNormalization", () => new BatchNormalization(gamma(), beta())],
  ["Dropout", () => new Dropout(0.5, new Rng(1))],
];

describe("every layer names itself and the argument in its errors", () => {
  for (const [name, make] of LAYERS)
    it(`${name}: x not a Matrix, backward before forward, dout not a Matrix or of another row count`, () => {
      expect(messageOf(() => make().forward([[1, 2]] as never))).toBe(
        `${name}.forward: argument 'x' expected a Matrix (N×D mini-batch), received an array of length 1`,
      );
      expect(messageOf(() => make().backward(new Matrix(2, 2) as never))).toBe(
        `${name}.backward: backward called before forward; call forward(x) first`,
      );
      const layer = make();
      layer.forward(
        m([
          [1, -2],
          [3, 4],
        ]),
        true,
      );
      expect(messageOf(() => layer.backward({ rows: 2, cols: 2 } as never))).toBe(
        `${name}.backward: argument 'dout' expected a 2×2 Matrix, received a 2×2 Matrix`,
      );
      expect(messageOf(() => layer.backward(new Matrix(3, 2) as never))).toBe(
        `${name}.backward: argument 'dout' expected shape 2×2 (the forward output's), received 3×2`,
      );
    });

  it("SoftmaxWithLoss: x not a Matrix, 0 rows, backward before forward or with y or t cleared, dout not a number", () => {
    expect(messageOf(() => new SoftmaxWithLoss().forward(5 as never, [0]))).toBe(
      "SoftmaxWithLoss.forward: argument 'x' expected a Matrix (N×D mini-batch), received 5",
    );
    expect(messageOf(() => new SoftmaxWithLoss().forward(new Matrix(0, 2), []))).toBe(
      "SoftmaxWithLoss.forward: argument 'x' expected a Matrix of at least 1 row (the loss is a mean over rows), received a 0×2 Matrix",
    );
    const before = "SoftmaxWithLoss.backward: backward called before forward; call forward(x, t) first";
    expect(messageOf(() => new SoftmaxWithLoss().backward())).toBe(before);
    for (const cleared of ["y", "t"] as const) {
      const s = new SoftmaxWithLoss();
      s.forward(m([[1, 2]]), [0]);
      s[cleared] = null;
      expect(
        messageOf(() => s.backward()),
        `${cleared} cleared`,
      ).toBe(before);
    }
    const s = new SoftmaxWithLoss();
    s.forward(m([[1, 2]]), [0]);
    expect(messageOf(() => s.backward(NaN))).toBe(
      "SoftmaxWithLoss.backward: argument 'dout' expected a finite number, received NaN",
    );
  });

  it("Affine refuses a W that is not a Matrix and a b with more than one row", () => {
    expect(messageOf(() => new Affine([[1]] as never, new Matrix(1, 1)))).toBe(
      "Affine: argument 'W' expected a Matrix (in×out), received an array of length 1",
    );
    expect(messageOf(() => new Affine(new Matrix(2, 2), new Matrix(2, 2)))).toBe(
      "Affine: argument 'b' expected a 1×2 Matrix (one bias per column of W 2×2), received a 2×2 Matrix",
    );
  });
});

describe("BatchNormalization's checks and defaults (§6.3)", () => {
  it("gamma and beta must be 1×D rows of one width; momentum is in [0, 1], 1 included", () => {
    expect(messageOf(() => new BatchNormalization(new Matrix(2, 2), beta()))).toBe(
      "BatchNormalization: argument 'gamma' expected a 1×D Matrix, received a 2×2 Matrix",
    );
    for (const b of [new Matrix(2, 2), new Matrix(1, 3), [0, 0]])
      expect(messageOf(() => new BatchNormalization(gamma(), b as never))).toMatch(
        /^BatchNormalization: argument 'beta' expected a 1×2 Matrix \(same as gamma\), received /,
      );
    expect(messageOf(() => new BatchNormalization(gamma(), beta(), 1.5))).toBe(
      "BatchNormalization: argument 'momentum' expected a number in [0, 1], received 1.5",
    );
    // momentum 1 keeps the running statistics at their start (0): allowed, at construction and in forward
    const bn = new BatchNormalization(gamma(), beta(), 1);
    bn.forward(
      m([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(bn.runningMean!.toArray()).toEqual([[0, 0]]);
  });

  it("forward trains by default: x̂ uses the batch's μ and σ² (here ±1/√(1 + ε)), not the running 0 and 0", () => {
    const bn = new BatchNormalization(Matrix.filled(1, 1, 1), new Matrix(1, 1));
    const y = bn.forward(m([[1], [3]]));
    expect(y.data[0]).toBeCloseTo(-1 / Math.sqrt(1 + 1e-6), 12);
    expect(y.data[1]).toBeCloseTo(1 / Math.sqrt(1 + 1e-6), 12);
  });

  it("x of another width, or a single row in training, is refused naming x", () => {
    const bn = new BatchNormalization(gamma(), beta());
    expect(messageOf(() => bn.forward(new Matrix(2, 3)))).toBe(
      "BatchNormalization.forward: argument 'x' expected 2 columns (one per gamma entry), received a 2×3 Matrix",
    );
    expect(messageOf(() => bn.forward(new Matrix(1, 2)))).toMatch(
      /^BatchNormalization\.forward: argument 'x' expected a mini-batch of at least 2 rows in training mode/,
    );
  });

  it("running statistics: a given runningVar without runningMean, or a 2-row runningMean, is refused", () => {
    expect(messageOf(() => new BatchNormalization(gamma(), beta(), 0.9, null, new Matrix(1, 2)))).toBe(
      "BatchNormalization: argument 'runningMean' expected a 1×2 Matrix (one entry per gamma column; or null for both running statistics), received null",
    );
    expect(messageOf(() => new BatchNormalization(gamma(), beta(), 0.9, new Matrix(2, 2), new Matrix(1, 2)))).toMatch(
      /^BatchNormalization: argument 'runningMean' expected a 1×2 Matrix .* received a 2×2 Matrix$/,
    );
  });
});

describe("Dropout as the book draws it (§6.4.3)", () => {
  it("refuses an rng without uniform() and a typo'd option, naming Dropout", () => {
    expect(messageOf(() => new Dropout(0.5, undefined as never))).toBe(
      "Dropout: argument 'rng' expected an Rng (seeded generator), received undefined",
    );
    expect(messageOf(() => new Dropout(0.5, { normal: () => 0 } as never))).toBe(
      "Dropout: argument 'rng' expected an Rng (seeded generator), received object",
    );
    expect(messageOf(() => new Dropout(0.5, new Rng(1), { invert: true } as never))).toMatch(
      /^Dropout: argument 'options\.invert' expected a known option \(inverted\)/,
    );
  });

  it("keeps a unit only when rand > ratio, strictly: a draw equal to the ratio drops it", () => {
    const draws = [0.5, 0.25, 0.75, 0.5];
    let k = 0;
    const stub = { uniform: () => draws[k++] };
    const d = new Dropout(0.5, stub as never);
    expect(Array.from(d.forward(m([[1, 2, 3, 4]])).data)).toEqual([0, 0, 3, 0]);
  });

  it("draws exactly one uniform number per entry (np.random.rand(*x.shape)), so later draws stay in step", () => {
    const rng = new Rng(7),
      twin = new Rng(7);
    new Dropout(0.3, rng).forward(new Matrix(2, 3), true);
    for (let i = 0; i < 6; i++) twin.uniform();
    expect(rng.uniform()).toBe(twin.uniform());
  });

  it("trains by default; a frozen mask is reused for the same size and redrawn for another", () => {
    const d = new Dropout(0.5, new Rng(3));
    const x = m([[1, 2, 3, 4, 5, 6, 7, 8]]);
    const y = d.forward(x);
    expect(Array.from(y.data)).toEqual(Array.from(x.data, (v, i) => v * d.mask![i]));
    d.freeze = true;
    expect(Array.from(d.forward(x).data)).toEqual(Array.from(y.data));
    d.forward(new Matrix(2, 8));
    expect(d.mask!.length, "a frozen mask of another size must be drawn anew").toBe(16);
  });
});

describe("ReLU's mask is the book's boolean x <= 0", () => {
  it("1 where x ≤ 0 and 0 where x > 0", () => {
    const r = new Relu();
    r.forward(m([[-1, 0, 2]]));
    expect(Array.from(r.mask!)).toEqual([1, 1, 0]);
  });
});
