/**
 * Networks built from broken pieces. The reference nets construct their layers from their own
 * module, so patching `impl.BatchNormalization` alone does not reach inside a net: these helpers
 * return MultiLayerNet/MultiLayerNetExtend classes that swap layers (or patch the instance) right
 * after the reference constructor has run.
 */
import type { Layer, MultiLayerNetExtendOptions, MultiLayerNetOptions } from "../../src/index.js";
import { reference, type Impl } from "../../conformance/laws/impl.js";

type Net = InstanceType<Impl["MultiLayerNetExtend"]>;
export type NetPatch = (net: Net, opts: MultiLayerNetExtendOptions) => void;

/** MultiLayerNetExtend and MultiLayerNet classes that apply `patch` to every new instance. */
export function patchedNets(patch: NetPatch): Pick<Impl, "MultiLayerNet" | "MultiLayerNetExtend"> {
  class PatchedNetExtend extends reference.MultiLayerNetExtend {
    constructor(opts: MultiLayerNetExtendOptions) {
      super(opts);
      patch(this, opts);
    }
  }
  class PatchedNet extends PatchedNetExtend {
    constructor(opts: MultiLayerNetOptions) {
      super({ ...opts, useBatchnorm: false, useDropout: false });
    }
  }
  return { MultiLayerNetExtend: PatchedNetExtend, MultiLayerNet: PatchedNet };
}

/** A patch replacing each layer for which `swap` returns a substitute (same name, same place). */
export function swapLayers(swap: (layer: Layer) => Layer | undefined): NetPatch {
  return (net) => {
    for (const [name, layer] of net.layers) {
      const replacement = swap(layer);
      if (replacement) net.layers.set(name, replacement);
    }
  };
}

/** BatchNorm layers of a net rebuilt as `Broken` around the same γ and β (shared with net.params). */
export function withBatchNorm(Broken: Impl["BatchNormalization"]): Partial<Impl> {
  return {
    BatchNormalization: Broken,
    ...patchedNets(
      swapLayers((l) =>
        l instanceof reference.BatchNormalization ? new Broken(l.gamma, l.beta, l.momentum) : undefined,
      ),
    ),
  };
}

/** Dropout layers of a net rebuilt as `Broken` with the same ratio, generator and mode. */
export function withDropout(Broken: Impl["Dropout"]): Partial<Impl> {
  return {
    Dropout: Broken,
    ...patchedNets(
      swapLayers((l) =>
        l instanceof reference.Dropout ? new Broken(l.dropoutRatio, l.rng, { inverted: l.inverted }) : undefined,
      ),
    ),
  };
}
