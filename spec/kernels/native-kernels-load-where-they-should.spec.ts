/**
 * The native AVX2 kernels (native/, src/kernels/native.ts) are the products' default where they
 * are built. The claims: under CI, where scripts/setup.sh builds them, they are built, current
 * (built from the committed sources) and loaded — their absence is a failure, not a silent fall
 * back to wasm; elsewhere their absence is said out loud (the test is skipped with the reason).
 * They load in worker threads too (runJobs' threads: the addon is context-aware) and give the
 * triple loop's bits there; DLFS_NATIVE=0 turns them off (the products then run on wasm); and the
 * addon refuses arguments that would read or write past an array, before touching memory.
 * Their bits on every shape and path are checked by spec/kernels/products-equal-the-triple-loop.spec.ts
 * and spec/kernels/skipping-zeros-keeps-the-triple-loop-bits.spec.ts, which include them when loaded.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { matmul, matmulTransA, matmulTransB } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { defaultBackend, lastNativePath, setKernelBackend } from "../../src/kernels/gemm.js";
import { NATIVE_ENV, nativeAddon, nativeKernels } from "../../src/kernels/native.js";
import { bundleForNode } from "../../src/runtime/node-bundle.js";
import { runJobs } from "../../src/runtime/parallel.js";
import { tripleLoop } from "./triple-loop.js";
import type { productOnThisThread } from "./parallel-jobs.js";

const status = nativeKernels();
/** Under CI on x86-64, scripts/setup.sh builds the addon (and fails when it cannot). */
const mustBeBuilt = (process.env.CI === "true" || process.env.CI === "1") && process.arch === "x64";
const nativeDir = fileURLToPath(new URL("../../native/", import.meta.url));
const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Skips a test that needs the addon, saying why on the console and in the report (never silently). */
function needsAddon(ctx: { skip: (note?: string) => void }): void {
  if (status.available) return;
  const note = `native AVX2 kernels not in use: ${status.reason}; the products run on the wasm kernels`;
  console.warn(`[spec/kernels] ${note}`);
  ctx.skip(note);
}

describe("the native AVX2 kernels are built, current and loaded where they should be, and fall back when they cannot", () => {
  it("are loaded and the products' default (under CI, where scripts/setup.sh builds them, their absence fails)", (ctx) => {
    if (mustBeBuilt && (status.cause === "not-built" || status.cause === "load-failed"))
      expect.fail(
        `CI=${process.env.CI}: the native kernels must be built by scripts/setup.sh and loaded, but: ${status.reason}. ` +
          "Run `bash native/build.sh` to see the compiler's message; the products would silently run on the slower wasm kernels.",
      );
    needsAddon(ctx);
    expect(defaultBackend, "with the addon loaded, the products run on it by default").toBe("native");
  });

  it("were built from the committed sources (native/build/sources.sha256 matches native/*.c, *.h, build.sh)", (ctx) => {
    needsAddon(ctx);
    const recorded = readFileSync(`${nativeDir}build/sources.sha256`, "utf8").trim();
    const now = ["addon.c", "gemm-avx2.c", "gemm-avx2.h", "build.sh"]
      .map(
        (f) =>
          `${createHash("sha256")
            .update(readFileSync(nativeDir + f))
            .digest("hex")}  ${f}`,
      )
      .join("\n");
    expect(
      recorded === now,
      `native/build/dlfs_gemm.node was built from other sources than the ones in native/ (recorded:\n${recorded}\nnow:\n${now}).\n` +
        "Usual mistake: a kernel edited without rebuilding; run `bash native/build.sh`.",
    ).toBe(true);
  });

  it("give the triple loop's bits on a shape past the net's first layer (131×785·785×101: full tiles and every edge), all three products, dense and sparse", (ctx) => {
    needsAddon(ctx);
    const rng = new Rng(16);
    const [n, k, m] = [131, 785, 101];
    const A = rng.randn(n, k),
      B = rng.randn(k, m),
      At = rng.randn(k, n),
      Bt = rng.randn(m, k);
    const cases = [
      ["matmul", () => matmul(A, B), tripleLoop("matmul", A, B, n, k, m)],
      ["matmulTransA", () => matmulTransA(At, B), tripleLoop("matmulTransA", At, B, n, k, m)],
      ["matmulTransB", () => matmulTransB(A, Bt), tripleLoop("matmulTransB", A, Bt, n, k, m)],
    ] as const;
    try {
      for (const sparse of ["never", "always"] as const) {
        setKernelBackend("native", { sparse });
        for (const [kind, product, want] of cases)
          expect(
            bits(product().data).equals(bits(want)),
            `${kind} ${n}×${k}·${k}×${m} on the native kernels (sparse '${sparse}', path ${lastNativePath}) differs from the triple loop (Rng seed 16)`,
          ).toBe(true);
      }
    } finally {
      setKernelBackend("default");
    }
  });

  it("load in worker threads too (context-aware addon) and give the same bits there as in this thread", async (ctx) => {
    needsAddon(ctx);
    const args = { n: 37, k: 50, m: 21, seed: 3 };
    const jobs = [0, 1].map(() => ({
      module: new URL("./parallel-jobs.ts", import.meta.url),
      fn: "productOnThisThread",
      args,
    }));
    const results = await runJobs<ReturnType<typeof productOnThisThread>>(jobs, { workers: 2 });
    const rng = new Rng(args.seed);
    const A = rng.randn(args.n, args.k),
      B = rng.randn(args.k, args.m);
    const want = tripleLoop("matmul", A, B, args.n, args.k, args.m);
    for (const r of results) {
      expect(r.native, `worker thread ${r.threadId}: the addon must load there as here`).toEqual({
        available: true,
        cause: "loaded",
      });
      expect(r.backend, `worker thread ${r.threadId}: products on the native kernels`).toBe("native");
      expect(bits(r.c).equals(bits(want)), `worker thread ${r.threadId}: a product differs from the triple loop`).toBe(
        true,
      );
    }
  });

  it(`${NATIVE_ENV}=0 turns them off: the products run on wasm, and nativeKernels() says why`, async () => {
    const entry = await bundleForNode(
      [
        `import { nativeKernels } from ${JSON.stringify(fileURLToPath(new URL("../../src/kernels/native.ts", import.meta.url)))};`,
        `import { kernelBackend } from ${JSON.stringify(fileURLToPath(new URL("../../src/kernels/gemm.ts", import.meta.url)))};`,
        "console.log(JSON.stringify({ ...nativeKernels(), backend: kernelBackend() }));",
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, [fileURLToPath(entry)], {
      encoding: "utf8",
      env: { ...process.env, [NATIVE_ENV]: "0" },
    });
    expect(run.status, run.stderr).toBe(0);
    const got = JSON.parse(run.stdout) as { available: boolean; cause: string; reason: string; backend: string };
    expect(got).toMatchObject({ available: false, cause: "turned-off", backend: "wasm" });
    expect(got.reason).toContain(`${NATIVE_ENV}=0`);
  });

  it("the addon reads views at an offset and SharedArrayBuffers, and refuses arrays too short for the sizes and strides, and non-Float64Arrays, before reading or writing", (ctx) => {
    needsAddon(ctx);
    const g = nativeAddon!.gemm;
    const a = new Float64Array(6),
      b = new Float64Array(6),
      c = new Float64Array(4);
    expect(g(a, 3, 1, b, 2, 1, c, 2, 3, 2, 0)).toBe(1); // 2×3·3×2 fits exactly
    // an operand on a SharedArrayBuffer (loadMnist({ shared: true })), seen through a view at an offset
    const shared = new Float64Array(new SharedArrayBuffer(10 * 8), 16, 6);
    shared.set([1, 2, 3, 4, 5, 6]);
    g(shared, 3, 1, Float64Array.from([1, 0, 0, 1, 1, 1]), 2, 1, c, 2, 3, 2, 1);
    expect(Array.from(c), "[[1,2,3],[4,5,6]]·[[1,0],[0,1],[1,1]]").toEqual([4, 5, 10, 11]);
    expect(() => g(a, 3, 1, b, 2, 1, c, 2, 4, 2, 0)).toThrow(/a is too short/);
    expect(() => g(a, 3, 1, b, 3, 1, c, 2, 3, 2, 0)).toThrow(/b is too short/);
    expect(() => g(a, 3, 1, b, 2, 1, new Float64Array(3), 2, 3, 2, 0)).toThrow(/c is shorter than n·m/);
    expect(() => g(new Float32Array(6) as never, 3, 1, b, 2, 1, c, 2, 3, 2, 0)).toThrow(/Float64Arrays/);
    expect(() => g(a, -1, 1, b, 2, 1, c, 2, 3, 2, 0)).toThrow(/integers in \[0, 2\^31\)/);
    expect(() => g(a, 3, 1, b, 2, 1, c, 2, 3, 2, 3 as 0)).toThrow(/sparse 0, 1 or 2/);
    expect(existsSync(`${nativeDir}build/dlfs_gemm.node`)).toBe(true);
  });

  it("refuses to be chosen where it is not loaded, naming nativeKernels()", () => {
    if (nativeAddon) expect(() => setKernelBackend("native")).not.toThrow();
    else expect(() => setKernelBackend("native")).toThrow(/native kernels are not loaded: see nativeKernels\(\)/);
    setKernelBackend("default");
  });
});
