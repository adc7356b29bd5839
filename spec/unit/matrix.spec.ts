import { describe, expect, it } from "vitest";
import { Matrix, matmul, matmulTransA, matmulTransB } from "../../src/base/matrix.js";
import { expectAllClose, expectThrowsWith } from "../helpers.js";

const A = Matrix.fromArray([
  [1, 2, 3],
  [4, 5, 6],
]); // 2×3
const B = Matrix.fromArray([
  [7, 8],
  [9, 10],
  [11, 12],
]); // 3×2
const ctx = { section: "Matrix (ch. 3 dot products)" };

describe("Matrix holds row-major float64 data and does the products the layers need", () => {
  it("fromArray/toArray round-trip and get/set address (i, j) at i·cols + j", () => {
    expect(A.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect([A.rows, A.cols]).toEqual([2, 3]);
    expect(A.get(1, 2)).toBe(6);
    expect(A.data[1 * 3 + 2]).toBe(6);
  });

  it("A·B is the hand-computed product [[58, 64], [139, 154]]", () => {
    // 1·7+2·9+3·11 = 58, 1·8+2·10+3·12 = 64, 4·7+5·9+6·11 = 139, 4·8+5·10+6·12 = 154
    expectAllClose(A.dot(B), [58, 64, 139, 154], ctx);
  });

  it("the transposed products equal the product with an explicit transpose", () => {
    expectAllClose(matmulTransA(A, A), matmul(A.transpose(), A), ctx);
    expectAllClose(matmulTransB(B, B), matmul(B, B.transpose()), ctx);
    expectAllClose(matmulTransA(A, A), [17, 22, 27, 22, 29, 36, 27, 36, 45], ctx);
  });

  it("row broadcasts (NumPy's x + b, x − mu, x * gamma, xc / std), column sums and means, element-wise maps", () => {
    const r = Matrix.rowVector([10, 20, 30]);
    expectAllClose(A.addRow(r), [11, 22, 33, 14, 25, 36], ctx);
    expectAllClose(A.subRow(r), [-9, -18, -27, -6, -15, -24], ctx);
    expectAllClose(A.mulRow(r), [10, 40, 90, 40, 100, 180], ctx);
    expectAllClose(A.divRow(Matrix.rowVector([1, 2, 4])), [1, 1, 0.75, 4, 2.5, 1.5], ctx);
    expectAllClose(A.sumRows(), [5, 7, 9], ctx);
    expect([A.sumRows().rows, A.sumRows().cols]).toEqual([1, 3]);
    expectAllClose(A.meanRows(), [2.5, 3.5, 4.5], ctx);
    expectAllClose(A.div(A.scale(2)), [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], ctx);
    // x / N is a division, as NumPy's: 7 / 10 is the double nearest 0.7, while 7 · (1/10) is one ulp above it
    expect(Matrix.rowVector([7]).divScalar(10).data[0], "divScalar must divide, not multiply by 1/N").toBe(0.7);
    expect(Matrix.fromArray([[7], [7]]).meanRows().data[0], "meanRows must divide the sum by the row count").toBe(7);
    expect(
      Matrix.fromArray([[3.5], [3.5]])
        .scale(2)
        .meanRows().data[0],
    ).toBe(7);
    expectAllClose(
      A.map((x) => x * x),
      [1, 4, 9, 16, 25, 36],
      ctx,
    );
    expectAllClose(A.mul(A).sub(A).add(A).scale(0.5), [0.5, 2, 4.5, 8, 12.5, 18], ctx);
    expect(
      Array.from(
        Matrix.fromArray([
          [1, 3, 3],
          [9, 0, 1],
        ]).argmaxRows(),
      ),
    ).toEqual([1, 0]);
  });

  it("pickRows copies the chosen rows (repeats allowed, as x[batch_mask]), into a given matrix when asked", () => {
    const X = Matrix.fromArray([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(X.pickRows([2, 0, 2]).toArray()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    const into = Matrix.filled(2, 2, NaN);
    expect(X.pickRows([1, 1], into), "pickRows(idx, into) must return `into`").toBe(into);
    expect(into.toArray()).toEqual([
      [3, 4],
      [3, 4],
    ]);
    expectThrowsWith(() => X.pickRows([0, 1], new Matrix(3, 2)), "Matrix.pickRows", "into", "2×2", "3×2");
    expectThrowsWith(() => X.pickRows([0, 1, 2], X), "Matrix.pickRows", "into", "other than this one");
    expectThrowsWith(() => X.pickRows([3]), "Matrix.pickRows", "indices[0]", "[0, 3)", "3");
  });

  it("shape errors name both shapes", () => {
    expectThrowsWith(() => A.dot(A), "matmul", "2×3", "a 2×3 Matrix");
    expectThrowsWith(() => matmulTransA(A, B), "matmulTransA", "2×3", "3×2");
    expectThrowsWith(() => matmulTransB(A, B), "matmulTransB", "2×3", "3×2");
    expectThrowsWith(() => A.add(B), "Matrix.add", "2×3", "3×2");
    for (const op of ["addRow", "subRow", "mulRow", "divRow"] as const)
      expectThrowsWith(() => A[op](Matrix.rowVector([1, 2])), `Matrix.${op}`, "a 1×3 row", "1×2");
    expectThrowsWith(() => A.div(B), "Matrix.div", "2×3", "3×2");
    expectThrowsWith(() => Matrix.fromArray([[1, 2], [3]]), "values[1]", "length 2");
    expectThrowsWith(() => new Matrix(2, 2, new Float64Array(3)), "data", "length 4", "length 3");
    expectThrowsWith(() => matmul(A, B, new Matrix(3, 3)), "out", "2×2", "3×3");
  });
});
