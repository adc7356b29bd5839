/**
 * The project's promise for bad input, checked for every optimizer and every one of its
 * hyperparameters (not one per entry point): the Error names the optimizer (and `.update` when
 * the bad value is met there), the argument, what was expected and what was received; and
 * update checks params and grads before any entry moves.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { AdaGrad, Adam, Momentum, Nesterov, RMSprop, SGD, type Optimizer } from "../../src/optimizer.js";
import { messageOf } from "../helpers.js";

const m = (rows: number[][]) => Matrix.fromArray(rows);

// Each optimizer, its hyperparameters, and a value each must refuse.
const OPTIMIZERS: [string, (o?: object) => Optimizer, [string, number, string][]][] = [
  ["SGD", (o) => new SGD(o), [["lr", 0, "a number > 0"]]],
  [
    "Momentum",
    (o) => new Momentum(o),
    [
      ["lr", -1, "a number > 0"],
      ["momentum", 1, "a number in [0, 1)"],
    ],
  ],
  [
    "Nesterov",
    (o) => new Nesterov(o),
    [
      ["lr", 0, "a number > 0"],
      ["momentum", -0.1, "a number in [0, 1)"],
    ],
  ],
  ["AdaGrad", (o) => new AdaGrad(o), [["lr", -0.5, "a number > 0"]]],
  [
    "RMSprop",
    (o) => new RMSprop(o),
    [
      ["lr", 0, "a number > 0"],
      ["decayRate", 1, "a number in [0, 1)"],
    ],
  ],
  [
    "Adam",
    (o) => new Adam(o),
    [
      ["lr", -2, "a number > 0"],
      ["beta1", 1, "a number in [0, 1)"],
      ["beta2", 2, "a number in [0, 1)"],
    ],
  ],
];

describe("each optimizer's errors name the optimizer, the argument, the expected and the received", () => {
  for (const [name, make, hyper] of OPTIMIZERS) {
    it(`${name}: a bad hyperparameter at construction, or set later and met by update, or an unknown option`, () => {
      for (const [arg, bad, expected] of hyper) {
        expect(messageOf(() => make({ [arg]: bad }))).toBe(
          `${name}: argument '${arg}' expected ${expected}, received ${bad}`,
        );
        const opt = make();
        (opt as unknown as Record<string, number>)[arg] = bad;
        expect(messageOf(() => opt.update({ W: m([[1]]) }, { W: m([[1]]) }))).toBe(
          `${name}.update: argument '${arg}' expected ${expected}, received ${bad}`,
        );
      }
      expect(messageOf(() => make({ zzz: 1 }))).toMatch(
        new RegExp(
          `^${name}: argument 'options\\.zzz' expected a known option \\(${hyper.map((h) => h[0]).join(", ")}\\)`,
        ),
      );
    });
  }
});

describe("update refuses params and grads that are not objects of matching matrices, changing nothing", () => {
  const opt = () => new SGD({ lr: 0.1 });

  it("params or grads null, or not an object at all (a number has no keys: it would update nothing)", () => {
    const W = m([[1, 2]]);
    expect(messageOf(() => opt().update(null as never, { W }))).toBe(
      "SGD.update: argument 'params' expected an object of Matrix by key, received null",
    );
    expect(messageOf(() => opt().update(5 as never, {}))).toBe(
      "SGD.update: argument 'params' expected an object of Matrix by key, received 5",
    );
    expect(messageOf(() => opt().update({ W }, null as never))).toBe(
      "SGD.update: argument 'grads' expected an object of Matrix by key, received null",
    );
    expect(messageOf(() => opt().update({}, "g" as never))).toBe(
      "SGD.update: argument 'grads' expected an object of Matrix by key, received \"g\"",
    );
  });

  it("a parameter that is not a Matrix is named by its key", () => {
    expect(messageOf(() => opt().update({ W: [[1, 2]] } as never, { W: m([[1, 2]]) }))).toBe(
      "SGD.update: argument 'params.W' expected a Matrix, received an array of length 1",
    );
  });

  it("a missing gradient lists the parameters and the keys grads has (or none)", () => {
    const params = { W: m([[1]]), b: m([[2]]) };
    expect(messageOf(() => opt().update(params, {}))).toBe(
      "SGD.update: argument 'grads' expected a gradient for every parameter (W, b), received no grads.W (keys: none)",
    );
    expect(messageOf(() => opt().update(params, { b: m([[0]]), c: m([[0]]) }))).toBe(
      "SGD.update: argument 'grads' expected a gradient for every parameter (W, b), received no grads.W (keys: b, c)",
    );
  });

  it("a gradient of another row count (same columns), or a Matrix look-alike, is refused with W unchanged", () => {
    const params = { W: m([[1, 2]]) };
    const taller = m([
      [1, 1],
      [1, 1],
    ]);
    expect(messageOf(() => opt().update(params, { W: taller }))).toBe(
      "SGD.update: argument 'grads.W' expected a 1×2 Matrix like params.W, received a 2×2 Matrix",
    );
    const lookalike = { rows: 1, cols: 2, data: new Float64Array([1, 1]) };
    expect(messageOf(() => opt().update(params, { W: lookalike as never }))).toBe(
      "SGD.update: argument 'grads.W' expected a 1×2 Matrix like params.W, received a 1×2 Matrix",
    );
    expect(Array.from(params.W.data)).toEqual([1, 2]);
  });
});

describe("a stateful optimizer's state fixes the keys and shapes of later updates, and the error lists them", () => {
  it("a new key lists the first update's keys and the new ones; a new column count is refused like a new row count", () => {
    const opt = new Momentum();
    opt.update({ W: m([[1, 2]]), b: m([[3]]) }, { W: m([[0, 0]]), b: m([[0]]) });
    expect(messageOf(() => opt.update({ W: m([[1, 2]]), c: m([[3]]) }, { W: m([[0, 0]]), c: m([[0]]) }))).toBe(
      "Momentum.update: argument 'params' expected the keys of the first update (W, b), which keyed the state v, " +
        'received new key "c" (keys: W, c)',
    );
    expect(messageOf(() => opt.update({ W: m([[1, 2, 3]]), b: m([[3]]) }, { W: m([[0, 0, 0]]), b: m([[0]]) }))).toBe(
      "Momentum.update: argument 'params.W' expected shape 1×2, as in the first update (v.W has that shape), received 1×3",
    );
  });

  it("fewer keys are listed, or 'none' when params is empty", () => {
    const opt = new AdaGrad();
    const three = { W: m([[1]]), b: m([[2]]), c: m([[3]]) };
    opt.update(three, { W: m([[1]]), b: m([[1]]), c: m([[1]]) });
    const first = "expected the keys of the first update (W, b, c), which keyed the state h";
    expect(messageOf(() => opt.update({ W: m([[1]]), b: m([[2]]) }, { W: m([[1]]), b: m([[1]]) }))).toBe(
      `AdaGrad.update: argument 'params' ${first}, received keys W, b`,
    );
    expect(messageOf(() => opt.update({}, {}))).toBe(`AdaGrad.update: argument 'params' ${first}, received keys none`);
  });
});
