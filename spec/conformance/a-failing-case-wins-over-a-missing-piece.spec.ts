/**
 * A property check draws many cases; some may reach for a piece the implementation under test does
 * not have (an activation it does not offer, an option its constructor lacks: the proxies of
 * conformance/hosts throw NotProvided for those). Such a case is skipped. A case that breaks the law
 * still fails the check: one unlucky draw of a missing piece must never turn a failure into
 * "not provided" (and so a red gate into a green one). A check whose every case reaches for the
 * missing piece is "not provided", never failed.
 */
import { describe, expect, it } from "vitest";
import { CAPABILITY_NAMES, type Adapter } from "../../conformance/contract.js";
import { NotProvided, runChecks } from "../../conformance/engine.js";
import { reference, type Impl } from "../../conformance/laws/impl.js";
import { loadChecks } from "../../conformance/sources.js";
import type { Matrix } from "../../src/base/matrix.js";
import type { MultiLayerNetOptions } from "../../src/multi-layer-net.js";

const checks = await loadChecks();
const CHECK = "network-gradient-weight-decay";

/** A MultiLayerNet that has no tanh, and whose gradient may leave out weight decay's λW. */
function netWithoutTanh(dropsWeightDecay: boolean): Impl["MultiLayerNet"] {
  return class extends reference.MultiLayerNet {
    constructor(opts: MultiLayerNetOptions) {
      if (opts.activation === "tanh")
        throw new NotProvided("MultiLayerNet: activation 'tanh' is not provided by the implementation");
      super(opts);
    }
    override gradient(x: Matrix, t: Parameters<InstanceType<Impl["MultiLayerNet"]>["gradient"]>[1]) {
      const grads = super.gradient(x, t);
      if (dropsWeightDecay)
        for (const key of Object.keys(grads))
          if (key.startsWith("W")) {
            const g = grads[key].data,
              W = this.params[key].data;
            for (let i = 0; i < g.length; i++) g[i] -= this.weightDecayLambda * W[i];
          }
      return grads;
    }
  } as Impl["MultiLayerNet"];
}

async function statusOf(impl: Impl, seed: number) {
  const adapter: Adapter = { name: "test", provides: [...CAPABILITY_NAMES], impl };
  const { results } = await runChecks(adapter, checks, { filter: (c) => c.id === CHECK, numRuns: 10, seed });
  expect(results).toHaveLength(1);
  return results[0];
}

describe("a failing case wins over a case that reaches for a missing piece", () => {
  it("a net without tanh whose gradient drops λW fails the weight-decay gradient check on every seed", async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const r = await statusOf({ ...reference, MultiLayerNet: netWithoutTanh(true) }, seed);
      expect(r.status, `seed ${seed}: ${r.needs?.join(", ") ?? r.message}`).toBe("fail");
    }
  });

  it("a correct net without tanh passes on the cases it can run (tanh cases skipped), never fails", async () => {
    for (const seed of [1, 2, 3]) {
      const r = await statusOf({ ...reference, MultiLayerNet: netWithoutTanh(false) }, seed);
      expect(r.status, `seed ${seed}: ${r.message ?? ""}`).not.toBe("fail");
    }
  });

  it("a check whose every case reaches for the missing piece is not provided", async () => {
    const Never = class {
      constructor() {
        throw new NotProvided("MultiLayerNet: nothing is provided");
      }
    } as unknown as Impl["MultiLayerNet"];
    const r = await statusOf({ ...reference, MultiLayerNet: Never }, 1);
    expect(r.status).toBe("not provided");
  });
});
