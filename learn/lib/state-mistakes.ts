/**
 * Planted state mistakes for the optimizer exercises, made from a correct optimizer class: the
 * update rule stays right, the state is kept wrong. Learn mode's multi-key check must name them.
 */
import type { Params } from "../../src/optimizer.js";
import type { LearnerOptimizer } from "./optimizer-checks.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OptimizerClass = new (...args: any[]) => LearnerOptimizer;

/** State shared by every key: the correct update run key by key under one name, so all keys use one state matrix. */
export function sharedBetweenKeys<T extends OptimizerClass>(Base: T): T {
  return class extends Base {
    override update(params: Params, grads: Params): void {
      for (const key of Object.keys(params)) super.update({ shared: params[key] }, { shared: grads[key] });
    }
  };
}
