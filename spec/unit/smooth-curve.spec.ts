import { describe, expect, it } from "vitest";
import { kaiser, smoothCurve } from "../../src/util.js";
import { expectAllClose, expectThrowsWith } from "../helpers.js";
import fixture from "../fixtures/smooth-curve.json" with { type: "json" };

// Numbers from NumPy running the book's smooth_curve verbatim: spec/fixtures/make-smooth-curve.py.
const section = "book common/util.py smooth_curve (Figures 6-9, 6-15)";

describe("smoothCurve is the book's smooth_curve (NumPy fixture)", () => {
  it("the window is np.kaiser(11, 2)", () => {
    expectAllClose(kaiser(11, 2), fixture.kaiser_11_2, {
      section,
      what: "Kaiser window",
      atol: 1e-15,
      mistake: "β = 2 and length 11; I0 is the modified Bessel function of order 0 (not J0)",
    });
  });

  for (const c of fixture.cases) {
    it(`matches NumPy on ${c.name} (${c.x.length} in → ${c.y.length} out)`, () => {
      const y = smoothCurve(c.x);
      expect(y.length, `${section}: output length for an input of ${c.x.length}`).toBe(c.y.length);
      expectAllClose(y, c.y, {
        section,
        what: `smoothCurve(${c.name})`,
        atol: 1e-14,
        mistake:
          "the ends are reflected without repeating the end point (x[10:0:-1], x[-1:-11:-1]), " +
          "the window is normalised to sum 1, and y is trimmed by 5 on each side",
      });
    });
  }

  it("rejects an empty or non-finite curve, naming the argument", () => {
    expectThrowsWith(() => smoothCurve([]), "smoothCurve", "'x'", "empty");
    expectThrowsWith(() => smoothCurve([1, NaN, 2]), "smoothCurve", "'x'", "NaN");
  });
});
