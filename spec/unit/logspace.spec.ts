import { describe, expect, it } from "vitest";
import { logspace } from "../../src/experiments/mnist/common.js";
import { pythonStr } from "../../src/render/python-str.js";
import { expectAllClose, expectThrowsWith } from "../helpers.js";
import fixture from "../fixtures/logspace.json" with { type: "json" };

// Numbers from NumPy and Python: spec/fixtures/make-logspace.py.
describe("the weight scales of Figures 6-18/6-19: np.logspace(0, −4, 16)", () => {
  it("equal NumPy's within one ulp (V8's ** vs glibc's pow), integer powers exactly", () => {
    const w = logspace(0, -4, 16);
    expectAllClose(w, fixture["logspace_0_-4_16"], {
      section: "§6.3.2 batch_norm_test: weight_scale_list = np.logspace(0, -4, num=16)",
      what: "logspace(0, −4, 16)",
      atol: 0,
      rtol: 2.3e-16,
      mistake: "linspace steps not k·(stop − start)/(num − 1) + start, or the last scale not exactly 10^stop",
    });
    expect([w[0], w[15]], "the ends are exact powers of ten").toEqual([1, 0.0001]);
  });

  it("rejects a count below 1", () => {
    expectThrowsWith(() => logspace(0, -4, 0), "logspace", "'num'", "integer ≥ 1", "0");
  });
});

describe('pythonStr is Python\'s str(float), as in the titles "W:" + str(w)', () => {
  for (const [repr, str] of Object.entries(fixture.str))
    it(`${repr} → ${str}`, () => expect(pythonStr(Number.parseFloat(repr))).toBe(str));
});
