/**
 * The matrix report on Python ports (spec/fixtures/python: faithful, flawed-weight-decay,
 * variant-legacy), once the Python host is present: every cell is the status the port's own run
 * gave, the flawed ports fail exactly what their MANIFEST.json plants (matrix-report.spec.ts: the
 * rendering, merging and the TypeScript adapters).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Matrix } from "../../conformance/matrix-report.js";
import { FAST, ROOT, runMatrix } from "./matrix-cli.js";
import { pythonInterpreter } from "../../conformance/hosts/python/interpreter.js";

const HOST = join(ROOT, "conformance/hosts/python/host.py");
const hostReady = existsSync(HOST) && pythonInterpreter().numpy;

describe.skipIf(!hostReady)(
  "the command on Python ports (needs conformance/hosts/python/host.py, python3 and NumPy)",
  () => {
    it("faithful passes every applicable check; the flawed ports fail exactly what their MANIFEST plants, every other cell as faithful's", async () => {
      const out = mkdtempSync(join(tmpdir(), "matrix-py-"));
      const dirs = ["faithful", "flawed-weight-decay", "variant-legacy"].map((d) =>
        join(ROOT, "spec/fixtures/python", d),
      );
      const run = await runMatrix([...dirs, "--out", out, "--jobs", "2", ...FAST]);
      const m = JSON.parse(readFileSync(join(out, "matrix.json"), "utf8")) as Matrix;
      expect(
        m.rows.map((r) => [r.name, r.status, r.error ?? ""]),
        run.stderr,
      ).toEqual([
        ["faithful", "pass", ""],
        ["flawed-weight-decay", "fail", ""],
        ["variant-legacy", "fail", ""],
      ]);
      expect(run.code).toBe(1);
      const [faithful, weightDecay, legacy] = m.rows;
      const statuses = Object.values(faithful.cells);
      expect(
        statuses.filter((s) => s === "fail" || s === "missing"),
        JSON.stringify(faithful.messages, null, 2),
      ).toEqual([]);
      expect(statuses.filter((s) => s === "pass").length).toBeGreaterThan(30);
      const expectRow = (row: typeof faithful, fails: string[]) => {
        const expected = { ...faithful.cells };
        for (const id of fails) expected[id] = "fail";
        expect(row.cells, JSON.stringify(row.messages, null, 2)).toEqual(expected);
      };
      // MANIFEST weight-decay-gradient-half: MultiLayerNet only (MultiLayerNetExtend is right).
      // main's worked example worked-weight-decay (λW against the same net with λ = 0) catches it too.
      expectRow(weightDecay, ["network-gradient-weight-decay", "worked-weight-decay"]);
      // MANIFEST nesterov-pre-2021: the Nesterov rule and the Nesterov path; matplotlib-at-import changes nothing.
      // main's multi-key and worked Nesterov examples catch it too.
      expectRow(legacy, [
        "nesterov-formula",
        "book-path-nesterov",
        "optimizer-state-multi-key",
        "worked-two-keys-nesterov",
        "worked-defaults-nesterov",
      ]);
    }, 300_000);
  },
);
