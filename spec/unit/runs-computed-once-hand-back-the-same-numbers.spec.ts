/**
 * spec/run-once.ts, the once-per-test-run cache the golden suite and the claims share their
 * MNIST runs through: it computes a key once and hands back the same numbers, bit for bit (NaN,
 * ±Infinity and −0 included), and refuses what JSON would change on the way.
 */
import { describe, expect, it } from "vitest";
import { decodeExact, encodeExact, sharedRun } from "../run-once.js";

describe("shared runs hand back the same numbers", () => {
  it("NaN, ±Infinity, −0 and ordinary doubles survive the trip exactly", () => {
    const value = { loss: [NaN, Infinity, -Infinity, -0, 0, 0.1 + 0.2, 5e-324, -1.7976931348623157e308], acc: null };
    const back = decodeExact(encodeExact(value, "k")) as typeof value;
    expect(back.loss.map((x) => (Object.is(x, -0) ? "-0" : String(x)))).toEqual(
      value.loss.map((x) => (Object.is(x, -0) ? "-0" : String(x))),
    );
    expect(back.acc).toBeNull();
  });

  it("typed arrays, maps and class instances are refused with the place they were found", () => {
    expect(() => encodeExact({ runs: [{ W: new Float64Array(2) }] }, "k")).toThrow(
      /sharedRun\("k"\): argument 'compute' expected to return plain data .* received a Float64Array at result\.runs\[0\]\.W/,
    );
    expect(() => encodeExact(new Map(), "k")).toThrow(/received a Map at result/);
  });

  it("a key is computed once per test run, and each call gets its own copy", () => {
    let calls = 0;
    const key = `spec unit ${process.pid} ${Date.now()}`;
    const a = sharedRun(key, () => ({ calls: ++calls, v: [-0] }));
    a.v.push(1);
    const b = sharedRun(key, () => ({ calls: ++calls, v: [-0] }));
    expect(calls).toBe(1);
    expect(Object.is(b.v[0], -0)).toBe(true);
    expect(b.v.length).toBe(1);
  });
});
