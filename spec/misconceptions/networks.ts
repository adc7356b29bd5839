/**
 * Planted mistakes in weight decay (§6.4.1), which lives in the networks' loss and gradient
 * (src/multi-layer-net.ts).
 */
import { reference, type Impl } from "../laws/impl.js";
import type { Misconception } from "./misconception.js";

type Mat = InstanceType<Impl["Matrix"]>;
type Labels = Parameters<InstanceType<Impl["MultiLayerNet"]>["loss"]>[1];
type Net = InstanceType<Impl["MultiLayerNetExtend"]>;
const N = "src/multi-layer-net.ts";

/** ½λΣ‖b‖² over the biases (what "decay on biases" adds to the loss). */
function biasTerm(net: Net): number {
  let s = 0;
  for (const [key, p] of Object.entries(net.params)) if (key.startsWith("b")) for (const v of p.data) s += v * v;
  return 0.5 * net.weightDecayLambda * s;
}

/** Applies `patch` to the loss/gradient of both network classes. */
function networks(patch: { loss?: (net: Net, base: number) => number; gradient?: (net: Net, grads: Record<string, Mat>) => void }): Pick<Impl, "MultiLayerNet" | "MultiLayerNetExtend"> {
  class Extend extends reference.MultiLayerNetExtend {
    override loss(x: Mat, t: Labels, train = false) {
      const base = super.loss(x, t, train);
      return patch.loss ? patch.loss(this, base) : base;
    }
    override gradient(x: Mat, t: Labels) {
      const grads = super.gradient(x, t);
      patch.gradient?.(this, grads);
      return grads;
    }
  }
  class Plain extends reference.MultiLayerNet {
    override loss(x: Mat, t: Labels, train = false) {
      const base = super.loss(x, t, train);
      return patch.loss ? patch.loss(this, base) : base;
    }
    override gradient(x: Mat, t: Labels) {
      const grads = super.gradient(x, t);
      patch.gradient?.(this, grads);
      return grads;
    }
  }
  return { MultiLayerNetExtend: Extend, MultiLayerNet: Plain };
}

export const networkMisconceptions: Misconception[] = [
  {
    id: "weight-decay-on-biases", module: N, mistake: "weight decay applied to the biases too: loss + ½λΣb², db + λb",
    killedBy: ["weight-decay-exact"],
    impl: { ...reference, ...networks({
      loss: (net, base) => base + biasTerm(net),
      gradient: (net, grads) => {
        for (const [key, g] of Object.entries(grads)) if (key.startsWith("b")) for (let i = 0; i < g.data.length; i++) g.data[i] += net.weightDecayLambda * net.params[key]!.data[i]!;
      },
    }) },
  },
  {
    id: "weight-decay-missing-from-gradient", module: N, mistake: "weight decay in the loss but missing from the gradient (dW without + λW)",
    killedBy: ["network-gradient-weight-decay", "weight-decay-exact"],
    impl: { ...reference, ...networks({
      gradient: (net, grads) => {
        for (const [key, g] of Object.entries(grads)) if (key.startsWith("W")) for (let i = 0; i < g.data.length; i++) g.data[i] -= net.weightDecayLambda * net.params[key]!.data[i]!;
      },
    }) },
  },
];
