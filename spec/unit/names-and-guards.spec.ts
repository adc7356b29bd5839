import { describe, expect, it } from "vitest";
import { elu, leakyRelu, relu, sigmoid } from "../../src/functions.js";
import { initStd } from "../../src/init.js";
import { createOptimizer, OPTIMIZER_NAMES } from "../../src/optimizer.js";
import { expectThrowsWith } from "../helpers.js";

// Gaps the mutation run found (mutants of these lines survived): each assertion below kills one.
describe("activations away from 0 keep their book shapes", () => {
  it("sigmoid(2) = 1/(1 + e⁻²) ≈ 0.8808 and sigmoid(−2) = 1 − sigmoid(2)", () => {
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(sigmoid(-2)).toBeCloseTo(1 - 0.8807970779778823, 15);
  });
  it("leaky ReLU and ELU pass positive inputs unchanged; ReLU(0) = 0", () => {
    expect(leakyRelu(3)).toBe(3);
    expect(leakyRelu(3, 0.2)).toBe(3);
    expect(elu(0.5)).toBe(0.5);
    expect(relu(0)).toBe(0);
  });
});

describe("every optimizer name builds the optimizer it names, with the given lr", () => {
  const expected: Record<string, string> = {
    sgd: "SGD",
    momentum: "Momentum",
    nesterov: "Nesterov",
    adagrad: "AdaGrad",
    rmsprop: "RMSprop",
    adam: "Adam",
  };
  for (const name of OPTIMIZER_NAMES)
    it(`'${name}' and '${name.toUpperCase()}' give ${expected[name]}`, () => {
      expect(createOptimizer(name, { lr: 0.5 }).name).toBe(expected[name]);
      expect(createOptimizer(name.toUpperCase()).name).toBe(expected[name]);
      expect(createOptimizer(name, { lr: 0.5 }).lr).toBe(0.5);
    });
});

describe("initStd: names are case-insensitive, constants draw nothing, bad values are named", () => {
  it("'HE' and 'Xavier' work like 'he' and 'xavier'; 'zeros' and { constant } need no std", () => {
    expect(initStd("HE" as never, 50, 10)).toBeCloseTo(0.2, 15);
    expect(initStd("Xavier" as never, 100, 10)).toBeCloseTo(0.1, 15);
    expect(initStd("zeros", 5, 5)).toBeNull();
    expect(initStd({ constant: 0.3 }, 5, 5)).toBeNull();
  });
  it("a negative std, null, or an object without 'constant' is refused with the choices listed", () => {
    expectThrowsWith(() => initStd(-1, 5, 5), "initStd", "'weightInitStd'", "≥ 0", "-1");
    expectThrowsWith(() => initStd(null as never, 5, 5), "initStd", "'weightInitStd'", "'he'", "null");
    expectThrowsWith(() => initStd({ std: 1 } as never, 5, 5), "initStd", "{ constant: c }", "object");
  });
});
