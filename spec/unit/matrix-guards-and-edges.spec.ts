/**
 * src/base/matrix.ts's guards and edges the mutation run reaches: every constructor and
 * operation names itself and its argument on bad input, the boundaries of sliceRows and
 * pickRows, `out` and `into` that would alias an operand, the product kernel switch, ties in
 * argmaxRows, and copies that do not share data.
 */
import { describe, expect, it } from "vitest";
import {
  Matrix,
  matmul,
  matmulTransA,
  matmulTransB,
  setProductKernel,
  tripleLoop,
  type ProductKernel,
} from "../../src/base/matrix.js";
import { messageOf } from "../helpers.js";

const m = (rows: number[][]) => Matrix.fromArray(rows);

describe("construction refuses what is not a matrix, naming the argument", () => {
  it("rows and cols must be integers ≥ 0; data must hold rows·cols entries", () => {
    expect(messageOf(() => new Matrix(-1, 2))).toBe("Matrix: argument 'rows' expected an integer ≥ 0, received -1");
    expect(messageOf(() => new Matrix(1.5, 2))).toBe("Matrix: argument 'rows' expected an integer ≥ 0, received 1.5");
    expect(messageOf(() => new Matrix(2, -1))).toBe("Matrix: argument 'cols' expected an integer ≥ 0, received -1");
    expect(messageOf(() => new Matrix(2, 0.5))).toBe("Matrix: argument 'cols' expected an integer ≥ 0, received 0.5");
    expect(messageOf(() => new Matrix(1, 2, new Float64Array(3)))).toBe(
      "Matrix: argument 'data' expected a Float64Array of length 2 (1×2), received length 3",
    );
    const empty = new Matrix(0, 0);
    expect([empty.rows, empty.cols, empty.data.length]).toEqual([0, 0, 0]);
    const z = Matrix.zeros(2, 1);
    expect([z.rows, z.cols, Array.from(z.data)]).toEqual([2, 1, [0, 0]]);
  });

  it("a size too large to allocate is named with its entry count and gigabytes, not a bare RangeError", () => {
    expect(messageOf(() => new Matrix(1e6, 1e6))).toMatch(
      /^Matrix: argument 'rows×cols' expected a size that can be allocated, received 1000000×1000000 = 1000000000000 entries \(8\.00e\+3 GB\): ./,
    );
  });

  it("fromArray: not an array, a row that is not an array, a non-number; [] is 0×0", () => {
    expect(messageOf(() => Matrix.fromArray("12" as never))).toBe(
      "Matrix.fromArray: argument 'values' expected an array of rows (number[][]), received \"12\"",
    );
    expect(messageOf(() => Matrix.fromArray([[1, 2], 3] as never))).toBe(
      "Matrix.fromArray: argument 'values[1]' expected a row of length 2 like values[0], received 3",
    );
    expect(messageOf(() => Matrix.fromArray([[1, "2"]] as never))).toBe(
      "Matrix.fromArray: argument 'values[0][1]' expected a number, received \"2\"",
    );
    const e = Matrix.fromArray([]);
    expect([e.rows, e.cols]).toEqual([0, 0]);
  });

  it("filled and rowVector: values must be numbers; a Float64Array row is copied, not shared", () => {
    expect(messageOf(() => Matrix.filled(1, 1, null as never))).toBe(
      "Matrix.filled: argument 'value' expected a number, received null",
    );
    expect(Array.from(Matrix.filled(1, 3, 2.5).data)).toEqual([2.5, 2.5, 2.5]);
    expect(messageOf(() => Matrix.rowVector(null as never))).toBe(
      "Matrix.rowVector: argument 'values' expected an array of numbers, received null",
    );
    expect(messageOf(() => Matrix.rowVector(3 as never))).toBe(
      "Matrix.rowVector: argument 'values' expected an array of numbers, received 3",
    );
    expect(messageOf(() => Matrix.rowVector(["1"] as never))).toBe(
      "Matrix.rowVector: argument 'values[0]' expected a number, received \"1\"",
    );
    const src = new Float64Array([1, 2]);
    const r = Matrix.rowVector(src);
    src[0] = 9;
    expect([r.rows, r.cols, ...r.data]).toEqual([1, 2, 1, 2]);
  });
});

describe("element access and copies", () => {
  it("set writes (i, j) at i·cols + j; clone and copyFrom copy data, copyFrom keeps its identity", () => {
    const a = new Matrix(2, 3);
    a.set(1, 2, 7);
    expect(a.data[5]).toBe(7);
    const c = a.clone();
    c.set(0, 0, 1);
    expect(a.get(0, 0)).toBe(0);
    const target = new Matrix(2, 3);
    expect(target.copyFrom(a)).toBe(target);
    expect(target.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 7],
    ]);
    expect(target.data).not.toBe(a.data);
    expect(messageOf(() => target.copyFrom(new Matrix(3, 2)))).toBe(
      "Matrix.copyFrom: argument 'B' expected shape 2×3 (same as A), received 3×2",
    );
  });

  it("map calls f once per entry, in order", () => {
    const seen: number[] = [];
    const y = m([[1, 2, 3]]).map((v) => {
      seen.push(v);
      return -v;
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(Array.from(y.data)).toEqual([-1, -2, -3]);
  });

  it("transpose moves (i, j) to (j, i)", () => {
    expect(
      m([
        [1, 2, 3],
        [4, 5, 6],
      ])
        .transpose()
        .toArray(),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });

  it("sum adds every entry; argmaxRows takes the first of equal maxima, as NumPy", () => {
    expect(
      m([
        [1, -2],
        [3.5, 4],
      ]).sum(),
    ).toBe(6.5);
    expect(
      Array.from(
        m([
          [2, 2, 1],
          [1, 3, 3],
          [0, 0, 5],
        ]).argmaxRows(),
      ),
    ).toEqual([0, 1, 2]);
  });
});

describe("sliceRows and pickRows at their boundaries", () => {
  const X = m([[1], [2], [3]]);
  it("sliceRows(start, end): start ∈ [0, rows], end ∈ [start, rows]; empty slices allowed", () => {
    expect(X.sliceRows(3, 3).rows).toBe(0);
    expect(X.sliceRows(0, 0).rows).toBe(0);
    expect(X.sliceRows(1, 3).toArray()).toEqual([[2], [3]]);
    const Y = m([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Y.sliceRows(1, 2).toArray()).toEqual([[3, 4]]);
    expect(messageOf(() => X.sliceRows(-1, 2))).toBe(
      "Matrix.sliceRows: argument 'start' expected an integer in [0, 3], received -1",
    );
    expect(messageOf(() => X.sliceRows(1, 4))).toBe(
      "Matrix.sliceRows: argument 'end' expected an integer in [start 1, 3], received 4",
    );
    expect(messageOf(() => X.sliceRows(4, 4))).toBe(
      "Matrix.sliceRows: argument 'start' expected an integer in [0, 3], received 4",
    );
    expect(messageOf(() => X.sliceRows(0.5, 2))).toBe(
      "Matrix.sliceRows: argument 'start' expected an integer in [0, 3], received 0.5",
    );
    expect(messageOf(() => X.sliceRows(2, 1))).toBe(
      "Matrix.sliceRows: argument 'end' expected an integer in [start 2, 3], received 1",
    );
    expect(messageOf(() => X.sliceRows(0, 1.5))).toBe(
      "Matrix.sliceRows: argument 'end' expected an integer in [start 0, 3], received 1.5",
    );
  });

  it("pickRows: a negative or NaN index, an `into` that is not a Matrix or has other columns", () => {
    expect(messageOf(() => X.pickRows([-1]))).toBe(
      "Matrix.pickRows: argument 'indices[0]' expected a row index in [0, 3), received -1",
    );
    expect(messageOf(() => X.pickRows([0, NaN]))).toBe(
      "Matrix.pickRows: argument 'indices[1]' expected a row index in [0, 3), received NaN",
    );
    expect(messageOf(() => X.pickRows([0], { rows: 1, cols: 1 } as never))).toBe(
      "Matrix.pickRows: argument 'into' expected a 1×1 Matrix other than this one, received a 1×1 Matrix",
    );
    expect(messageOf(() => X.pickRows([0], new Matrix(1, 2)))).toBe(
      "Matrix.pickRows: argument 'into' expected a 1×1 Matrix other than this one, received a 1×2 Matrix",
    );
    expect(X.pickRows([2, 0]).toArray()).toEqual([[3], [1]]);
  });
});

describe("element-wise operations name themselves and refuse a B that is not a Matrix of A's shape", () => {
  const A = m([[1, 2]]);
  it("add, sub, mul, div: other shape or not a Matrix", () => {
    for (const op of ["add", "sub", "mul", "div"] as const) {
      expect(messageOf(() => A[op](new Matrix(2, 2)))).toBe(
        `Matrix.${op}: argument 'B' expected shape 1×2 (same as A), received 2×2`,
      );
      expect(messageOf(() => A[op](new Matrix(1, 3)))).toBe(
        `Matrix.${op}: argument 'B' expected shape 1×2 (same as A), received 1×3`,
      );
      expect(messageOf(() => A[op]([1, 2] as never))).toBe(
        `Matrix.${op}: argument 'B' expected a Matrix of shape 1×2, received an array of length 2`,
      );
    }
    expect(Array.from(A.sub(m([[0.5, 4]])).data)).toEqual([0.5, -2]);
    expect(Array.from(A.divScalar(4).data)).toEqual([0.25, 0.5]);
  });

  it("row broadcasts refuse a row with two rows or a non-Matrix", () => {
    const B = m([
      [1, 2],
      [3, 4],
    ]);
    expect(messageOf(() => B.addRow(B))).toBe(
      "Matrix.addRow: argument 'r' expected a 1×2 row to broadcast over a 2×2 Matrix, received a 2×2 Matrix",
    );
    expect(messageOf(() => B.mulRow([1, 2] as never))).toBe(
      "Matrix.mulRow: argument 'r' expected a 1×2 row to broadcast over a 2×2 Matrix, received an array of length 2",
    );
  });
});

describe("products: `out`, its aliasing, and the kernel switch", () => {
  const A = m([
    [1, 2],
    [3, 4],
  ]);
  const B = m([
    [5, 6],
    [7, 8],
  ]);
  it("each product writes into a given `out` and returns it; out may not be A or B, nor a non-Matrix", () => {
    // A·B = [[19, 22], [43, 50]]; Aᵀ·B = [[26, 30], [38, 44]]; A·Bᵀ = [[17, 23], [39, 53]]
    for (const [f, name, expected] of [
      [matmul, "matmul", [19, 22, 43, 50]],
      [matmulTransA, "matmulTransA", [26, 30, 38, 44]],
      [matmulTransB, "matmulTransB", [17, 23, 39, 53]],
    ] as const) {
      const out = Matrix.filled(2, 2, NaN);
      expect(f(A, B, out)).toBe(out);
      expect(Array.from(out.data)).toEqual(expected);
      for (const alias of [A, B])
        expect(messageOf(() => f(A, B, alias))).toBe(
          `${name}: argument 'out' expected a Matrix whose data is not A's or B's (the product cannot overwrite its own operands), received A or B itself`,
        );
      expect(messageOf(() => f(A, B, {} as never))).toBe(
        `${name}: argument 'out' expected a 2×2 Matrix, received object`,
      );
      expect(messageOf(() => f(A, B, new Matrix(2, 3)))).toBe(
        `${name}: argument 'out' expected shape 2×2, received 2×3`,
      );
      expect(messageOf(() => f(A, B, new Matrix(3, 2)))).toBe(
        `${name}: argument 'out' expected shape 2×2, received 3×2`,
      );
    }
  });

  it("setProductKernel runs the products on the kernel given, null restores the default, and a non-function is refused", () => {
    let calls = 0;
    const counting: ProductKernel = (...args) => {
      calls++;
      tripleLoop(...args);
    };
    try {
      setProductKernel(counting);
      expect(Array.from(matmul(A, B).data)).toEqual([19, 22, 43, 50]);
      expect(calls).toBe(1);
      setProductKernel(null);
      expect(Array.from(matmulTransB(A, B).data)).toEqual([17, 23, 39, 53]);
      expect(calls).toBe(1);
      expect(messageOf(() => setProductKernel("gemm" as never))).toBe(
        "setProductKernel: argument 'kernel' expected a ProductKernel function or null, received \"gemm\"",
      );
    } finally {
      setProductKernel(null);
    }
  });

  it("each product names B and both shapes when they do not fit", () => {
    const C = new Matrix(3, 2);
    expect(messageOf(() => matmul(C, C))).toBe(
      "matmul: argument 'B' expected 2 rows to multiply a 3×2 A, received a 3×2 Matrix",
    );
    expect(messageOf(() => matmulTransA(C, new Matrix(2, 2)))).toBe(
      "matmulTransA: argument 'B' expected 3 rows to match Aᵀ of a 3×2 A, received a 2×2 Matrix",
    );
    expect(messageOf(() => matmulTransB(C, new Matrix(2, 3)))).toBe(
      "matmulTransB: argument 'B' expected 2 columns to match a 3×2 A, received a 2×3 Matrix",
    );
  });

  it("tripleLoop is the definition: entry (i, j) = Σ_p L(i, p)·R(p, j) with the strides given", () => {
    const c = new Float64Array(4);
    tripleLoop(A.data, 2, 1, B.data, 2, 1, c, 2, 2, 2);
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
    tripleLoop(A.data, 1, 2, B.data, 1, 2, c, 2, 2, 2); // Aᵀ·Bᵀ = (B·A)ᵀ = [[23, 31], [34, 46]]
    expect(Array.from(c)).toEqual([23, 31, 34, 46]);
  });
});
