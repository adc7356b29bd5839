/**
 * Where node_modules cannot be written (a shared or read-only install, a Docker image), the worker
 * bundles (src/runtime/node-bundle.ts) go to a cache folder, $XDG_CACHE_HOME or the OS temp folder,
 * and the experiment runs as usual. The unwritable node_modules/.cache is made in a copy of the
 * project (a file where the folder should be: root may write anywhere, but not into a file).
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fallbackBundleDir } from "../../src/runtime/node-bundle.js";
import { runCli, tempProject } from "./cli.js";

describe("worker bundles fall back to a cache folder", () => {
  it("with node_modules/.cache unwritable, an experiment runs and its bundle is in $XDG_CACHE_HOME/dlfs-workers/", async () => {
    const { dir, nodeModules } = tempProject();
    try {
      writeFileSync(join(nodeModules, ".cache"), "a file where the bundle folder would go");
      const xdg = join(dir, "xdg-cache");
      const out = join(dir, "out");
      const r = await runCli(
        [
          "optimizer-compare",
          "--iterations",
          "2",
          "--hidden",
          "4",
          "--train-size",
          "64",
          "--batch-size",
          "32",
          "--workers",
          "1",
          "--out",
          out,
        ],
        { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: xdg }, timeoutMs: 120_000 },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(join(out, "optimizer-compare.json"))).toBe(true);
      const projects = readdirSync(join(xdg, "dlfs-workers"));
      expect(projects.length, "one folder for this project").toBe(1);
      const files = readdirSync(join(xdg, "dlfs-workers", projects[0]));
      expect(
        files.filter((f) => f.endsWith(".mjs")).length,
        `bundles in the fallback folder: ${files.join(", ")}`,
      ).toBeGreaterThan(0);
      expect(files, "a node_modules link lets the bundle's packages resolve").toContain("node_modules");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it("the fallback folder is $XDG_CACHE_HOME/dlfs-workers/<project>, or the OS temp folder's without it", () => {
    const saved = process.env.XDG_CACHE_HOME;
    try {
      process.env.XDG_CACHE_HOME = "/somewhere/cache";
      expect(fallbackBundleDir()).toMatch(/^\/somewhere\/cache\/dlfs-workers\/[0-9a-f]{16}$/);
      delete process.env.XDG_CACHE_HOME;
      expect(fallbackBundleDir().startsWith(join(tmpdir(), "dlfs-workers"))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
