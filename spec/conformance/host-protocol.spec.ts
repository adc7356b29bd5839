/**
 * The host protocol carries float64 arrays exactly: every bit pattern (−0, subnormals, NaN with
 * its payload, ±∞, the extremes) and every shape (empty, one row, one column) comes back from the
 * Python host bit for bit, scalars and integer arrays the same way. Shared arrays changed in place
 * travel by their bytes, not their values: 0 → −0 is a change on either side.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostBridge, Labels } from "../../conformance/hosts/bridge.js";
import { HOST_PY } from "../../conformance/isolation/runner.js";
import { pythonInterpreter } from "../../conformance/hosts/python/interpreter.js";
import { Matrix } from "../../src/base/matrix.js";

let bridge: HostBridge;
beforeAll(() => {
  bridge = new HostBridge({ command: [pythonInterpreter().command, HOST_PY] });
  bridge.start();
  bridge.request({ op: "hello", version: 1 });
}, 60_000);
afterAll(() => bridge?.stop());

function bits(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
}

/** A NaN whose payload is not the default quiet NaN's. */
function nanWithPayload(): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setUint32(0, 0x7ff80000 | 0x1234, true);
  v.setUint32(4, 0x7ff80000 | 0xabcd);
  v.setUint32(0, 0xdeadbeef, true);
  return v.getFloat64(0, true);
}

const SPECIAL = [
  -0,
  0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308 / 2,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  NaN,
  nanWithPayload(),
  Infinity,
  -Infinity,
  1 / 3,
  -0.1,
  Number.EPSILON,
  1e308 * 10,
];

describe("host protocol: arrays and numbers travel exactly", () => {
  it("every special float64 comes back bit for bit in an array", () => {
    const m = new Matrix(1, SPECIAL.length, Float64Array.from(SPECIAL));
    const before = bits(m.data);
    const back = bridge.request({ op: "echo", value: bridge.encode(m) }) as Matrix;
    expect(bits(back.data)).toBe(before);
    expect([back.rows, back.cols]).toEqual([1, SPECIAL.length]);
  });

  it("shapes survive: empty, one row, one column, odd sizes", () => {
    for (const [rows, cols] of [
      [0, 3],
      [3, 0],
      [0, 0],
      [1, 7],
      [5, 1],
      [3, 5],
      [1, 1],
    ]) {
      const data = Float64Array.from({ length: rows * cols }, (_, i) => SPECIAL[i % SPECIAL.length]);
      const back = bridge.request({ op: "echo", value: bridge.encode(new Matrix(rows, cols, data)) }) as Matrix;
      expect([back.rows, back.cols], `${rows}×${cols}`).toEqual([rows, cols]);
      expect(bits(back.data), `${rows}×${cols}`).toBe(bits(data));
    }
  });

  it("scalars keep −0, NaN and ±∞; nested lists and dicts keep their structure", () => {
    const back = bridge.request({
      op: "echo",
      value: bridge.encode([-0, NaN, Infinity, -Infinity, 5e-324, 0.1, { W: 2 }]),
    }) as unknown[];
    expect(Object.is(back[0], -0)).toBe(true);
    expect(back[1]).toBeNaN();
    expect(back.slice(2, 6)).toEqual([Infinity, -Infinity, 5e-324, 0.1]);
    expect(back[6]).toEqual({ W: 2 });
  });

  it("integer arrays (labels) travel exactly: negative, beyond 32 bits, up to 2^53 − 1, fractions truncated", () => {
    const values = [
      0,
      1,
      -1,
      7,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 40 + 3,
      -(2 ** 53 - 1),
      2 ** 53 - 1,
      3.7,
      -3.7,
    ];
    const back = bridge.request({ op: "echo", value: bridge.encode(new Labels(values)) }) as { data: Float64Array };
    expect(Array.from(back.data)).toEqual([
      0,
      1,
      -1,
      7,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 40 + 3,
      -(2 ** 53 - 1),
      2 ** 53 - 1,
      3,
      -3,
    ]);
  });

  it("a malformed request is answered with a protocol error, and the host keeps serving", () => {
    expect(() =>
      bridge.request({
        op: "echo",
        value: { $array: { dtype: "f8", shape: [2, 2], data: Buffer.alloc(8).toString("base64") } },
      }),
    ).toThrow(/array of shape \[2, 2\] carries 1 values/);
    expect(() => bridge.request({ op: "no-such-op" })).toThrow(/unknown op/);
    expect(bridge.request({ op: "echo", value: 1.5 })).toBe(1.5);
  });
});

describe("host protocol: shared arrays changed in place travel by their bytes", () => {
  // An optimizer whose update flips the sign of every parameter in place: +0 becomes −0, equal as a value.
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "host-protocol-"));
    mkdirSync(join(dir, "common"));
    writeFileSync(
      join(dir, "common", "optimizer.py"),
      "class SGD:\n    def __init__(self, lr=0.01):\n        self.lr = lr\n\n    def update(self, params, grads):\n        for key in params:\n            params[key] *= -1.0\n",
    );
    bridge.reset();
    bridge.request({ op: "hello", version: 1, dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const signs = (a: Float64Array) => Array.from(a, (x) => (Object.is(x, -0) ? "-0" : String(x)));
  const newSGD = () =>
    (bridge.encode(bridge.request({ op: "new", name: "SGD", args: [], kwargs: {} })) as { $obj: number }).$obj;

  it("the host turning +0 into −0 in place reaches the runner's matrix", () => {
    const target = newSGD();
    const W = new Matrix(1, 2, Float64Array.of(0, 0));
    const dW = new Matrix(1, 2, Float64Array.of(1, 1));
    bridge.request({
      op: "call",
      target,
      method: "update",
      args: bridge.encode([{ W }, { W: dW }]),
    });
    expect(signs(W.data)).toEqual(["-0", "-0"]);
  });

  it("the runner turning +0 into −0 in a shared array reaches the host", () => {
    const target = newSGD();
    const v = new Matrix(1, 2, Float64Array.of(0, 0));
    bridge.request({ op: "set", target, attr: "v", value: bridge.encode(v, true) });
    v.data[1] = -0;
    // The host's answer carries its own bytes back into v: +0 if the change never reached it.
    const back = bridge.request({ op: "get", target, attr: "v" }, true) as Matrix;
    expect(back).toBe(v);
    expect(signs(v.data)).toEqual(["0", "-0"]);
  });
});
