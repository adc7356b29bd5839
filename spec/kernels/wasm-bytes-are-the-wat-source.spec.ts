/**
 * src/kernels/gemm-wasm-bytes.ts is generated from src/kernels/gemm.wat; the products run those bytes. If someone
 * edits the .wat and forgets `npm run build:wasm` (or edits the bytes by hand), the code that
 * runs is no longer the code that is read and reviewed: this spec catches that.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { BYTES_FILE, assembleGemm, bytesModule } from "../../scripts/build-wasm.js";

describe("the committed WebAssembly is src/kernels/gemm.wat assembled", () => {
  it("src/kernels/gemm-wasm-bytes.ts equals what `npm run build:wasm` writes from src/kernels/gemm.wat", async () => {
    const want = bytesModule(await assembleGemm());
    const got = readFileSync(BYTES_FILE, "utf8");
    expect(
      got === want,
      "src/kernels/gemm-wasm-bytes.ts is not src/kernels/gemm.wat assembled. Usual mistake: the .wat was edited without running " +
        "`npm run build:wasm` (or the generated file was edited by hand); run it and commit both files.",
    ).toBe(true);
  });
});
