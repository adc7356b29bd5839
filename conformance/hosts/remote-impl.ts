/**
 * The contract (conformance/contract.ts) in front of an implementation that lives in a host
 * process: classes whose instances forward construction, method calls and attribute access over
 * the protocol, so every check runs unchanged. Options objects become the host's keyword
 * arguments (the host renames them to the callee's spelling), labels travel as integer arrays,
 * and the check's seeded generator feeds the implementation's random draws through callbacks.
 */
import { CAPABILITIES, CAPABILITY_NAMES, capabilityOf, type Adapter, type Capability } from "../contract.js";
import { NotProvided } from "../engine.js";
import type { Matrix } from "../../src/base/matrix.js";
import { encodeArray, HostBridge, HostCallError, Labels, REMOTE } from "./bridge.js";

/** What a host says after loading an implementation (the hello answer). */
export interface HelloAnswer {
  protocol: number;
  host: string;
  modules?: string[];
  resolved: Record<string, { target: string; how: string }>;
  stubbed?: string[];
  warnings?: string[];
  /** Modules that define contract names but did not load (raised, exited or hung at import). */
  importFailures?: string[];
  output?: string;
}

interface RngLike {
  uniform(): number;
  normal(): number;
  permutation?(n: number): ArrayLike<number>;
}

/** Methods per contract class; every other property is an attribute of the host object. */
const METHODS: Record<string, string[]> = {
  optimizer: ["update"],
  layer: ["forward", "backward"],
  SoftmaxWithLoss: ["forward", "backward"],
  network: ["predict", "loss", "gradient", "numericalGradient", "accuracy"],
};
const KIND: Record<string, string> = {
  SGD: "optimizer",
  Momentum: "optimizer",
  Nesterov: "optimizer",
  AdaGrad: "optimizer",
  RMSprop: "optimizer",
  Adam: "optimizer",
  Affine: "layer",
  Relu: "layer",
  Sigmoid: "layer",
  Tanh: "layer",
  BatchNormalization: "layer",
  Dropout: "layer",
  SoftmaxWithLoss: "SoftmaxWithLoss",
  MultiLayerNet: "network",
  MultiLayerNetExtend: "network",
};
const CLASSES = Object.keys(KIND);
const FUNCTIONS = [
  "sigmoid",
  "relu",
  "tanh",
  "leakyRelu",
  "elu",
  "softmax",
  "crossEntropyError",
  "meanSquaredError",
  "numericalGradient",
];
/** Arguments that are class labels, by method. */
const LABEL_ARG: Record<string, number> = {
  loss: 1,
  gradient: 1,
  accuracy: 1,
  numericalGradient: 1,
  crossEntropyError: 1,
};

function asLabels(t: unknown): unknown {
  if (t instanceof Int32Array || Array.isArray(t)) return new Labels(t as ArrayLike<number>);
  return t;
}

/**
 * The draws of one call are recorded; once a Dropout layer is frozen, the next calls replay them
 * in the same order, so the implementation's masks stay fixed (the contract's `freeze`).
 */
interface DrawRecord {
  current: Float64Array[];
  last: Float64Array[];
  replay: boolean;
  at: number;
}

function newRecord(): DrawRecord {
  return { current: [], last: [], replay: false, at: 0 };
}

function beginCall(record: DrawRecord): void {
  if (record.current.length) record.last = record.current;
  record.current = [];
  record.at = 0;
}

function drawSource(rng: RngLike, record: DrawRecord) {
  return (kind: string, shape: number[]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    if (record.replay) {
      const d = record.last[record.at++];
      if (d && d.length === n) return d;
    }
    const out = new Float64Array(n);
    if (kind === "permutation" && rng.permutation) out.set(rng.permutation(n));
    else for (let i = 0; i < n; i++) out[i] = kind === "normal" ? rng.normal() : rng.uniform();
    record.current.push(out);
    return out;
  };
}

/**
 * A part of a contract name the implementation lacks (an option, an option value). Inside a
 * property check it skips the case (it carries fast-check's precondition footprint); the runner
 * reports a check that could run no case as not provided.
 */
export class PartNotProvided extends NotProvided {
  readonly footprint = Symbol.for("fast-check/PreconditionFailure");
  constructor(message: string) {
    super(message);
    notProvidedSeen.add(message);
  }
}

/** What the implementation could not take during the current check (cleared by the runner). */
export const notProvidedSeen = new Set<string>();

/**
 * The reason a check could not run, from what was not provided during it: messages that differ
 * only in their numbers (one per generated case: `{"constant":0.1…}`, `{"constant":0.57…}`, …) are
 * one reason, given once with its first example and the count of the others.
 */
export function notProvidedReason(messages: Iterable<string>): string {
  const groups = new Map<string, { first: string; n: number }>();
  for (const m of messages) {
    const shape = m.replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, "#");
    const g = groups.get(shape);
    if (g) g.n++;
    else groups.set(shape, { first: m, n: 1 });
  }
  return [...groups.values()]
    .map(({ first, n }) => (n > 1 ? `${first} (and ${n - 1} more case${n > 2 ? "s" : ""} alike)` : first))
    .join("; ");
}

/** Turns a host error into what the check sees: NotProvided, or an Error that says what happened in the host. */
function rethrow(e: unknown, what: string): never {
  if (e instanceof HostCallError) {
    if (e.kind === "not provided") throw new PartNotProvided(`${what}: ${e.message}`);
    const where =
      e.kind === "timeout"
        ? `${what} ${e.message}`
        : e.kind === "exit"
          ? `${what} ${e.message}`
          : `${what} raised ${e.message}`;
    const tb = e.traceback ? `\n${e.traceback.trimEnd()}` : "";
    const out = e.output ? `\n(its output: ${JSON.stringify(e.output.slice(-300))})` : "";
    const err = new Error(`${where}${tb}${out}`) as Error & { hostKind?: string };
    err.hostKind = e.kind;
    throw err;
  }
  throw e;
}

export interface RemoteImpl {
  adapter: Adapter;
  /** How each contract name was resolved, and what was not found. */
  resolution: { name: string; target?: string; how?: string }[];
}

/** Builds the adapter for an implementation the host has loaded. */
export function remoteAdapter(bridge: HostBridge, hello: HelloAnswer, name: string): RemoteImpl {
  const resolved = hello.resolved;
  const rngs = new WeakMap<object, { fn: unknown; record: DrawRecord }>();
  /** Layers handed out by a network share its draw record (freezing one freezes the network's masks). */
  const layerOwner = new WeakMap<object, DrawRecord>();

  function makeRemote(handle: number, className: string, kind?: string): object {
    const local: Record<string, unknown> = {};
    const methods = new Set(
      METHODS[kind ?? ""] ?? ["forward", "backward", "update", "predict", "loss", "gradient", "accuracy"],
    );
    const target = {} as Record<string | symbol, unknown>;
    const proxy: object = new Proxy(target, {
      get(_t, key) {
        if (key === REMOTE) return handle;
        if (typeof key !== "string" || key === "then" || key === "toJSON") return undefined;
        if (key in local) return local[key];
        if (methods.has(key)) return (...args: unknown[]) => callMethod(proxy, handle, className, key, args, kind);
        if (key === "layers" && kind === "network") {
          const v = get(handle, className, key);
          const record = rngs.get(proxy)?.record;
          if (record && v && typeof v === "object")
            for (const layer of Object.values(v as object))
              if (layer && typeof layer === "object") layerOwner.set(layer, record);
          return v && typeof v === "object" ? new Map(Object.entries(v as object)) : v;
        }
        return get(handle, className, key);
      },
      set(_t, key, value) {
        if (typeof key !== "string") return false;
        if (key === "freeze" && /dropout/i.test(className)) {
          local.freeze = value;
          const record = rngs.get(proxy)?.record ?? layerOwner.get(proxy);
          if (record) record.replay = Boolean(value);
          return true;
        }
        try {
          bridge.request({ op: "set", target: handle, attr: key, value: bridge.encode(value, true) });
        } catch (e) {
          rethrow(e, `${className}.${key} = …`);
        }
        return true;
      },
      ownKeys() {
        try {
          return (bridge.request({ op: "attrs", target: handle }) as string[]).filter((k) => typeof k === "string");
        } catch (e) {
          rethrow(e, `${className} attributes`);
        }
      },
      getOwnPropertyDescriptor(_t, key) {
        if (typeof key !== "string") return undefined;
        return { configurable: true, enumerable: true, writable: true, value: get(handle, className, key) };
      },
      has(_t, key) {
        return (
          typeof key === "string" && (methods.has(key) || key in local || get(handle, className, key) !== undefined)
        );
      },
    });
    if (/dropout/i.test(className)) local.freeze = false;
    return proxy;
  }

  function get(handle: number, className: string, key: string): unknown {
    try {
      const v = bridge.request({ op: "get", target: handle, attr: key }, true);
      return v === null ? null : v;
    } catch (e) {
      rethrow(e, `${className}.${key}`);
    }
  }

  function callMethod(
    proxy: object,
    handle: number,
    className: string,
    method: string,
    args: unknown[],
    kind?: string,
  ): unknown {
    const msg: Record<string, unknown> = {
      op: "call",
      target: handle,
      method: method === "numericalGradient" ? "numerical_gradient" : method,
    };
    const a = [...args];
    // forward(x, train), predict(x, train), loss(x, t, train): the flag goes by name, the host finds the callee's spelling.
    const lossLayer = kind === "SoftmaxWithLoss" || /softmax.*loss/i.test(className);
    const trainAt = lossLayer ? -1 : method === "forward" || method === "predict" ? 1 : method === "loss" ? 2 : -1;
    if (trainAt >= 0 && a.length > trainAt) {
      if (a[trainAt] !== undefined) msg.train = Boolean(a[trainAt]);
      a.length = trainAt;
    }
    if (lossLayer && method === "forward" && a.length > 1) a[1] = asLabels(a[1]);
    if (method in LABEL_ARG && a.length > LABEL_ARG[method]) a[LABEL_ARG[method]] = asLabels(a[LABEL_ARG[method]]);
    if (method === "backward" && a.length === 1 && a[0] === undefined) a.length = 0;
    const r = rngs.get(proxy);
    if (r) {
      beginCall(r.record);
      msg.rng = bridge.encode(r.fn);
      // Frozen masks travel with the call (no callback round trips).
      if (r.record.replay && r.record.last.length)
        msg.draws = r.record.last.map((d) => ({ $array: encodeArray(d, [d.length], "f8") }));
    }
    msg.args = bridge.encode(a);
    try {
      return bridge.request(msg);
    } catch (e) {
      rethrow(e, `${className}.${method}`);
    }
  }

  bridge.makeRemote = (h, cls) => makeRemote(h, cls);
  const impl: Record<string, unknown> = {};
  for (const c of CLASSES) {
    if (!resolved[c]) continue;
    const kind = KIND[c];
    const cls = function (this: unknown, ...args: unknown[]) {
      const msg: Record<string, unknown> = { op: "new", name: c };
      let rng: RngLike | undefined;
      let a = args;
      let kwargs: Record<string, unknown> = {};
      if (kind === "optimizer") {
        kwargs = Object.fromEntries(Object.entries((args[0] ?? {}) as object).filter(([, v]) => v !== undefined));
        a = [];
      } else if (kind === "network") {
        const { rng: r, ...rest } = (args[0] ?? {}) as Record<string, unknown>;
        rng = r as RngLike;
        kwargs = Object.fromEntries(Object.entries(rest).filter(([k, v]) => v !== undefined && k !== "reuseBuffers"));
        if (kwargs.weightInitStd !== null && typeof kwargs.weightInitStd === "object")
          throw new PartNotProvided(
            `${c}: the weight init ${JSON.stringify(kwargs.weightInitStd)} (a constant fill) is not provided; the book's ${c} takes a number or a name`,
          );
        a = [];
      } else if (c === "Dropout") {
        const [ratio, r, options] = args as [number, RngLike, { inverted?: boolean } | undefined];
        rng = r;
        if (options?.inverted) kwargs.inverted = true;
        a = ratio === undefined ? [] : [ratio];
      } else {
        while (a.length && a[a.length - 1] === undefined) a = a.slice(0, -1);
      }
      const record = newRecord();
      const fn = rng ? drawSource(rng, record) : undefined;
      if (fn) msg.rng = bridge.encode(fn);
      msg.args = bridge.encode(a, true);
      msg.kwargs = bridge.encode(kwargs, true);
      let made: { $obj?: number; dropped?: string[] };
      try {
        made = bridge.request(msg) as typeof made;
      } catch (e) {
        rethrow(e, `${c}(…)`);
      }
      const handle = made.$obj;
      if (typeof handle !== "number") throw new Error(`${c}(…): the host answered without an object handle`);
      if (c === "Dropout" && kwargs.inverted && made.dropped?.includes("inverted")) {
        bridge.request({ op: "release", handles: [handle] });
        throw new PartNotProvided(
          `Dropout with the option "inverted" (inverted dropout) is not provided: ${resolved.Dropout.target} takes no such argument`,
        );
      }
      const proxy = makeRemote(handle, c, kind);
      bridge.remember(handle, proxy);
      if (fn) rngs.set(proxy, { fn, record });
      return proxy;
    } as unknown as new (...args: unknown[]) => object;
    impl[c] = cls;
  }
  for (const f of FUNCTIONS) {
    if (!resolved[f]) continue;
    impl[f] = (...args: unknown[]) => {
      const a = [...args];
      if (f in LABEL_ARG && a.length > LABEL_ARG[f]) a[LABEL_ARG[f]] = asLabels(a[LABEL_ARG[f]]);
      while (a.length && a[a.length - 1] === undefined) a.pop();
      try {
        return bridge.request({ op: "call", target: f, args: bridge.encode(a) });
      } catch (e) {
        rethrow(e, f);
      }
    };
  }
  // §6.2 lives inside the book's networks (their weight_init_std): with a network, the §6.2 checks
  // that build one apply; those that call initStd/initWeight are reported not provided by name.
  const hasNetwork = impl.MultiLayerNet !== undefined || impl.MultiLayerNetExtend !== undefined;
  const provides = CAPABILITY_NAMES.filter(
    (cap: Capability) =>
      !CAPABILITIES[cap].support &&
      (CAPABILITIES[cap].exports.some((n) => impl[n] !== undefined) || (cap === "init" && hasNetwork)),
  );
  const resolution = [...CLASSES, ...FUNCTIONS].map((n) => ({ name: n, ...(resolved[n] ?? {}) }));
  void capabilityOf;
  return { adapter: { name, provides, impl: impl as Adapter["impl"] }, resolution };
}

export type { Matrix };

/** The check's generator as a draw callback (uniform, normal, permutation) for one host call. */
export function drawsFrom(rng: RngLike): (kind: string, shape: number[]) => Float64Array {
  return drawSource(rng, newRecord());
}
