/**
 * Pixel-stable CI: the canvas this process loaded was compiled against the system's Cairo (the
 * Debian packages scripts/setup.sh installs), not downloaded prebuilt with a Cairo, Pango and
 * FreeType of its own, which would draw other pixels than the goldens' for reasons unrelated to the code.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canvasLib } from "../../src/render/canvas.js";
import { ROOT, isCI } from "../../tools/golden-lib.js";

/** The libcairo files mapped into a process, from its /proc/<pid>/maps text. */
function cairoLibraries(maps: string): string[] {
  return [...new Set(maps.split("\n").map((l) => l.trim().split(/\s+/)[5] ?? "").filter((f) => /\/libcairo\.so/.test(f)))];
}

function systemCairoVersion(): string | null {
  try {
    return execFileSync("pkg-config", ["--modversion", "cairo"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

describe("canvas links the system Cairo", () => {
  it("the libcairo mapped into this process is the system's, not one bundled in node_modules", (ctx) => {
    expect(canvasLib.cairoVersion).toBeTruthy(); // canvas is loaded
    if (!existsSync("/proc/self/maps")) {
      if (isCI()) expect.fail("no /proc/self/maps: CI runs on Linux");
      return ctx.skip("not Linux: no /proc/self/maps to read");
    }
    const libs = cairoLibraries(readFileSync("/proc/self/maps", "utf8"));
    expect(libs.length, "canvas is loaded, so some libcairo must be mapped").toBeGreaterThan(0);
    for (const lib of libs)
      expect(lib, `libcairo loaded from ${lib}: a prebuilt canvas (bundled Cairo). Rebuild it: npm_config_build_from_source=true npm rebuild canvas (scripts/setup.sh does)`).toMatch(/^\/(usr\/)?lib(64)?\//);
  });

  it("canvas's Cairo version is the one pkg-config reports for the system", (ctx) => {
    const system = systemCairoVersion();
    if (system === null) {
      if (isCI()) expect.fail("pkg-config cannot find cairo: scripts/setup.sh installs libcairo2-dev and pkg-config");
      return ctx.skip("pkg-config or the Cairo headers are not installed");
    }
    expect(canvasLib.cairoVersion, `canvas was built with Cairo ${canvasLib.cairoVersion}, the system has ${system}: a prebuilt canvas?`).toBe(system);
  });

  it("a prebuilt layout (libcairo beside canvas.node) is what the check rejects", () => {
    const prebuilt = "7f5e33d13000-7f5e33d5a000 r-xp 00000000 08:01 1234 /repo/node_modules/canvas/build/Release/libcairo.so.2\n";
    const system = "7f5e33d13000-7f5e33d5a000 r-xp 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libcairo.so.2.11600.0\n";
    expect(cairoLibraries(prebuilt)[0]).not.toMatch(/^\/(usr\/)?lib(64)?\//);
    expect(cairoLibraries(system)[0]).toMatch(/^\/(usr\/)?lib(64)?\//);
  });

  it("scripts/setup.sh forces canvas to build from source before npm ci", () => {
    const setup = readFileSync(join(ROOT, "scripts", "setup.sh"), "utf8");
    const force = setup.indexOf("export npm_config_build_from_source=true"), install = setup.indexOf("npm ci ");
    expect(force, "setup.sh exports npm_config_build_from_source=true").toBeGreaterThan(-1);
    expect(force, "…before it runs npm ci").toBeLessThan(install);
  });
});
