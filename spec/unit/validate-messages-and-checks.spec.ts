/**
 * src/base/validate.ts, the checks every public entry point uses: the message format (where,
 * argument, expected, received), how each kind of value is described, each check's boundary,
 * the non-finite scan in every one of its four lanes and its tail, and the "did you mean" guess
 * for a typo'd option.
 */
import { describe as group, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import {
  checkChoice,
  checkFinite,
  checkInteger,
  checkNonNegative,
  checkNumber,
  checkOptions,
  checkPositive,
  checkRange,
  checkRows,
  describe,
  fail,
} from "../../src/base/validate.js";
import { messageOf } from "../helpers.js";

group("messages: where, the argument, the expected and the received", () => {
  it("fail writes 'where: argument 'arg' expected E, received R'", () => {
    expect(messageOf(() => fail("f", "x", "E", "R"))).toBe("f: argument 'x' expected E, received R");
  });

  it("describe: null, undefined, numbers, strings quoted, matrices by shape, arrays by length, else the type", () => {
    expect(describe(null)).toBe("null");
    expect(describe(undefined)).toBe("undefined");
    expect(describe(-1.5)).toBe("-1.5");
    expect(describe("a")).toBe('"a"');
    expect(describe(new Matrix(2, 3))).toBe("a 2×3 Matrix");
    expect(describe({ rows: 1 })).toBe("object");
    expect(describe({ cols: 1 })).toBe("object");
    expect(describe([1, 2])).toBe("an array of length 2");
    expect(describe(true)).toBe("boolean");
    expect(describe(() => 0)).toBe("function");
  });
});

group("each check's boundary", () => {
  it("checkNumber refuses non-numbers and ±∞, NaN", () => {
    for (const [v, r] of [
      ["1", '"1"'],
      [Infinity, "Infinity"],
      [-Infinity, "-Infinity"],
      [NaN, "NaN"],
    ] as const)
      expect(messageOf(() => checkNumber("f", "v", v))).toBe(`f: argument 'v' expected a finite number, received ${r}`);
    expect(checkNumber("f", "v", -0)).toBe(-0);
  });

  it("checkPositive: 0 refused, the smallest positive number accepted", () => {
    expect(messageOf(() => checkPositive("f", "v", 0))).toBe("f: argument 'v' expected a number > 0, received 0");
    expect(checkPositive("f", "v", Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
  });

  it("checkNonNegative: 0 accepted, −1e-300 refused", () => {
    expect(checkNonNegative("f", "v", 0)).toBe(0);
    expect(messageOf(() => checkNonNegative("f", "v", -1e-300))).toBe(
      "f: argument 'v' expected a number ≥ 0, received -1e-300",
    );
  });

  it("checkRange: lo included; hi excluded unless closedHigh; below lo refused either way", () => {
    expect(checkRange("f", "v", 0, 0, 1)).toBe(0);
    expect(messageOf(() => checkRange("f", "v", 1, 0, 1))).toBe(
      "f: argument 'v' expected a number in [0, 1), received 1",
    );
    expect(checkRange("f", "v", 1, 0, 1, true)).toBe(1);
    expect(checkRange("f", "v", 0, 0, 1, true)).toBe(0);
    expect(messageOf(() => checkRange("f", "v", 1.5, 0, 1, true))).toBe(
      "f: argument 'v' expected a number in [0, 1], received 1.5",
    );
    expect(messageOf(() => checkRange("f", "v", -0.5, 0, 1, true))).toBe(
      "f: argument 'v' expected a number in [0, 1], received -0.5",
    );
  });

  it("checkInteger: min included (default 1), non-integers refused", () => {
    expect(checkInteger("f", "v", 1)).toBe(1);
    expect(checkInteger("f", "v", 0, 0)).toBe(0);
    expect(messageOf(() => checkInteger("f", "v", 0))).toBe("f: argument 'v' expected an integer ≥ 1, received 0");
    expect(messageOf(() => checkInteger("f", "v", 2.5, 0))).toBe(
      "f: argument 'v' expected an integer ≥ 0, received 2.5",
    );
  });

  it("checkRows: 'row' for 1, 'rows' otherwise, with the reason", () => {
    expect(messageOf(() => checkRows("f", "x", new Matrix(0, 2), 1, "why"))).toBe(
      "f: argument 'x' expected a Matrix of at least 1 row (why), received a 0×2 Matrix",
    );
    expect(messageOf(() => checkRows("f", "x", new Matrix(1, 2), 2, "why"))).toBe(
      "f: argument 'x' expected a Matrix of at least 2 rows (why), received a 1×2 Matrix",
    );
    const ok = new Matrix(2, 2);
    expect(checkRows("f", "x", ok, 2, "why")).toBe(ok);
  });

  it("checkChoice: case-insensitive, returns the lower-case name, lists every choice", () => {
    expect(checkChoice("f", "name", "ReLU", ["relu", "tanh"])).toBe("relu");
    expect(messageOf(() => checkChoice("f", "name", "elu", ["relu", "tanh"]))).toBe(
      "f: argument 'name' expected one of 'relu', 'tanh', received \"elu\"",
    );
    expect(messageOf(() => checkChoice("f", "name", 1, ["relu"]))).toBe(
      "f: argument 'name' expected one of 'relu', received 1",
    );
  });
});

group("checkFinite finds a non-finite entry wherever it is: each of the four lanes, and the tail", () => {
  it("a NaN, +∞ or −∞ at every index of a 2×5 matrix is named with its row and column", () => {
    for (const bad of [NaN, Infinity, -Infinity])
      for (let i = 0; i < 10; i++) {
        const x = new Matrix(2, 5);
        x.data[i] = bad;
        expect(messageOf(() => checkFinite("f", "x", x))).toBe(
          `f: argument 'x' expected finite numbers only, received ${bad} at [${Math.floor(i / 5)}, ${i % 5}] of a 2×5 Matrix`,
        );
      }
  });

  it("finite matrices pass and are returned, including huge entries and an empty matrix", () => {
    const x = Matrix.fromArray([[1e308, -1e308, 0, -0, 5]]);
    expect(checkFinite("f", "x", x)).toBe(x);
    const empty = new Matrix(0, 3);
    expect(checkFinite("f", "x", empty)).toBe(empty);
  });
});

group("checkOptions: unknown keys are errors naming the closest known option", () => {
  const known = ["lr", "momentum", "decayRate"];
  it("undefined means no options; null, arrays and non-objects are refused with the known keys", () => {
    expect(checkOptions("f", "options", undefined, known)).toBeUndefined();
    for (const [v, r] of [
      [null, "null"],
      [[1], "an array of length 1"],
      [3, "3"],
    ] as const)
      expect(messageOf(() => checkOptions("f", "options", v, known))).toBe(
        `f: argument 'options' expected an options object with keys among lr, momentum, decayRate, received ${r}`,
      );
  });

  it("a key one edit away, or a part of a known key, is guessed; a far one is not; the note follows", () => {
    expect(messageOf(() => checkOptions("f", "options", { momentun: 1 }, known))).toBe(
      "f: argument 'options.momentun' expected a known option (lr, momentum, decayRate); did you mean `momentum`?, received unknown key \"momentun\"",
    );
    // "decay" is part of "decayRate" (distance 1 by inclusion, though 4 edits away)
    expect(messageOf(() => checkOptions("f", "options", { decay: 1 }, known))).toContain("did you mean `decayRate`?");
    // "DecayRat" differs from "decayRate" only in case and one letter
    expect(messageOf(() => checkOptions("f", "options", { DecayRat: 1 }, known))).toContain(
      "did you mean `decayRate`?",
    );
    // "zzzzzz": 6 letters, every known key at least 5 edits away > max(2, 6/3): no guess
    expect(messageOf(() => checkOptions("f", "options", { zzzzzz: 1 }, known, " (a note)"))).toBe(
      "f: argument 'options.zzzzzz' expected a known option (lr, momentum, decayRate) (a note), received unknown key \"zzzzzz\"",
    );
    // 3 edits from "momentum" (9 letters: max(2, 3) = 3): still guessed
    expect(messageOf(() => checkOptions("f", "options", { momxntxmx: 1 }, known))).toContain(
      "did you mean `momentum`?",
    );
    // "lrxyz": 3 edits from "lr", over max(2, 5/3) = 2: no guess (its first 4 letters alone would be 2 edits away)
    expect(messageOf(() => checkOptions("f", "options", { lrxyz: 1 }, known))).not.toContain("did you mean");
    // no known keys: nothing to guess
    expect(messageOf(() => checkOptions("f", "options", { a: 1 }, []))).toBe(
      "f: argument 'options.a' expected a known option (), received unknown key \"a\"",
    );
    expect(checkOptions("f", "options", { lr: 1, momentum: 0.9 }, known)).toBeUndefined();
  });
});
