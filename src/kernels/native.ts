/**
 * The native product kernels: an N-API addon (native/addon.c, native/gemm-avx2.c) that computes
 * the products four doubles per instruction with AVX2, multiply then add, never fused, so every
 * entry is still the triple loop's sum, bit for bit. scripts/setup.sh builds it from source
 * (native/build.sh); this module loads it once per thread and says why when it cannot:
 *   - turned off: DLFS_NATIVE=0 in the environment (the products then run on the wasm kernels);
 *   - not built: no native/build/dlfs_gemm.node (run `bash native/build.sh` or scripts/setup.sh);
 *   - it does not load (built for another Node, another platform);
 *   - the CPU lacks AVX2 (checked at run time by the addon itself).
 * src/kernels/gemm.ts falls back to the wasm kernels in every such case; `nativeKernels()` tells
 * which, and the benchmark prints it.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ProductKernel } from "../base/matrix.js";

/** The addon's exports (native/addon.c). */
export interface NativeAddon {
  readonly avx2: boolean;
  /** C (n×m) = L·R in place, arguments as src/base/matrix.ts's ProductKernel, then sparse: 0 never, 1 auto, 2 always. Returns 1 (dense) or 2 (sparse). */
  gemm(...args: [...Parameters<ProductKernel>, sparse: 0 | 1 | 2]): number;
}

/** Where native/build.sh writes the addon. */
export const NATIVE_ADDON_PATH = fileURLToPath(new URL("../../native/build/dlfs_gemm.node", import.meta.url));

/** The environment variable that turns the native kernels off ("0", "off" or "false"). */
export const NATIVE_ENV = "DLFS_NATIVE";

/** Whether the native kernels are in use in this thread, and if not, why. */
export interface NativeStatus {
  available: boolean;
  /** "AVX2 addon loaded (native/build/dlfs_gemm.node)", or why not. */
  reason: string;
  /** Why not, as a word: for specs and the benchmark's JSON. */
  cause: "loaded" | "turned-off" | "not-built" | "load-failed" | "no-avx2";
}

function load(): { addon: NativeAddon | null; status: NativeStatus } {
  const off = (process.env[NATIVE_ENV] ?? "").trim().toLowerCase();
  if (off === "0" || off === "off" || off === "false")
    return {
      addon: null,
      status: {
        available: false,
        cause: "turned-off",
        reason: `turned off by ${NATIVE_ENV}=${process.env[NATIVE_ENV]}`,
      },
    };
  if (!existsSync(NATIVE_ADDON_PATH))
    return {
      addon: null,
      status: {
        available: false,
        cause: "not-built",
        reason: "not built (no native/build/dlfs_gemm.node: run `bash native/build.sh` or `bash scripts/setup.sh`)",
      },
    };
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(NATIVE_ADDON_PATH) as NativeAddon;
  } catch (e) {
    return {
      addon: null,
      status: {
        available: false,
        cause: "load-failed",
        reason: `native/build/dlfs_gemm.node did not load (${(e as Error).message.split("\n")[0]}): rebuild it with \`bash native/build.sh\``,
      },
    };
  }
  if (!addon.avx2)
    return { addon: null, status: { available: false, cause: "no-avx2", reason: "this CPU has no AVX2" } };
  return {
    addon,
    status: { available: true, cause: "loaded", reason: "AVX2 addon loaded (native/build/dlfs_gemm.node)" },
  };
}

const loaded = load();

/** The addon, or null when it is turned off, not built, does not load, or the CPU lacks AVX2. */
export const nativeAddon: NativeAddon | null = loaded.addon;

/** Whether this thread's products can run on the native kernels, and why not. */
export function nativeKernels(): NativeStatus {
  return { ...loaded.status };
}
