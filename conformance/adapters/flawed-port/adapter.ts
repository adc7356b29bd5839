/**
 * Example adapter 2: maps the snake_case port in ./dl_port.ts to the contract. It provides part
 * of two capabilities — optimizers (no Nesterov or RMSprop) and layers (Affine and ReLU only) —
 * so every check of those it lacks is reported "not provided", not failed.
 *
 * The port has two planted flaws; FLAWS lists them with the checks each must fail and the registry
 * entry (mistakes/registry.ts) whose numbers the failures' hints must name. The spec
 * spec/conformance/conformance.spec.ts asserts that the failed checks are exactly these.
 */
import type { Adapter, OptimizerLike } from "../../contract.js";
import { ada_grad, adam, affine_layer, momentum_sgd, relu_layer, sgd } from "./dl_port.js";

class SGD extends sgd {
  constructor({ lr }: { lr?: number } = {}) {
    super(lr);
  }
}
class Momentum extends momentum_sgd {
  constructor({ lr, momentum }: { lr?: number; momentum?: number } = {}) {
    super(lr, momentum);
  }
}
class AdaGrad extends ada_grad {
  constructor({ lr }: { lr?: number } = {}) {
    super(lr);
  }
}
class Adam extends adam {
  constructor({ lr, beta1, beta2 }: { lr?: number; beta1?: number; beta2?: number } = {}) {
    super(lr, beta1, beta2);
  }
}

const BY_NAME: Record<string, new (o?: { lr?: number }) => OptimizerLike> = {
  sgd: SGD,
  momentum: Momentum,
  adagrad: AdaGrad,
  adam: Adam,
};

function createOptimizer(
  name: string,
  options: { lr?: number; momentum?: number; beta1?: number; beta2?: number } = {},
): OptimizerLike {
  const C = BY_NAME[name.toLowerCase()];
  if (!C)
    throw new Error(
      `createOptimizer: argument 'name' expected one of ${Object.keys(BY_NAME).join(", ")}, received ${JSON.stringify(name)}`,
    );
  return new C(options);
}

/** The planted mistakes and the checks each must fail (and no others). */
export const FLAWS = [
  {
    where: "dl_port.ts ada_grad",
    mistake: "ε inside the square root: lr·g/√(h + 1e-7)",
    fails: [
      "adagrad-h-accumulates",
      "book-path-adagrad",
      "worked-two-keys-adagrad",
      "worked-defaults-adagrad",
      "worked-create-defaults-adagrad",
    ],
    named: "adagrad-eps-inside-sqrt",
  },
  {
    where: "dl_port.ts relu_layer",
    mistake: "ReLU mask x < 0 instead of x ≤ 0: the gradient passes at x = 0",
    fails: ["relu-gradient", "worked-relu"],
    named: "relu-backward-passes-zero",
  },
] as const;

const adapter: Adapter = {
  name: "flawed snake_case port (conformance/adapters/flawed-port)",
  provides: ["optimizers", "layers"],
  impl: {
    SGD,
    Momentum,
    AdaGrad,
    Adam,
    createOptimizer,
    OPTIMIZER_NAMES: Object.keys(BY_NAME),
    Affine: affine_layer,
    Relu: relu_layer,
  },
};

export default adapter;
