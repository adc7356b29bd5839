/**
 * `npm run experiment` writes <name>.json and <name>.png as a pair: both under temporary names,
 * then renamed, so a run killed or failing while writing never leaves a new JSON beside an old PNG
 * (or the reverse), and the JSON names the SHA-256 of the PNG it was drawn with.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutputs } from "../../scripts/experiment-output.js";
import { runCli } from "./cli.js";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("the JSON and the PNG are written as a pair", () => {
  it("a failure while writing the pair replaces neither file and leaves no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "experiment-pair-"));
    const png = join(dir, "x.png"),
      json = join(dir, "x.json");
    writeFileSync(png, "old png");
    writeFileSync(json, "old json");
    // The PNG's new bytes are written fine; the JSON's write then fails (not a string or bytes).
    expect(() =>
      writeOutputs([
        [png, Buffer.from("new png")],
        [json, 42 as unknown as string],
      ]),
    ).toThrow();
    expect(readFileSync(png, "utf8"), "the PNG was replaced although its JSON could not be written").toBe("old png");
    expect(readFileSync(json, "utf8")).toBe("old json");
    expect(readdirSync(dir).sort(), "temporary files must be removed after a failed write").toEqual([
      "x.json",
      "x.png",
    ]);
    writeOutputs([
      [png, Buffer.from("new png")],
      [json, "new json"],
    ]);
    expect([readFileSync(png, "utf8"), readFileSync(json, "utf8")]).toEqual(["new png", "new json"]);
    expect(readdirSync(dir).sort()).toEqual(["x.json", "x.png"]);
  });

  it("a run's JSON names the SHA-256 of its PNG, and nothing temporary is left in --out", async () => {
    const out = mkdtempSync(join(tmpdir(), "experiment-pair-"));
    const r = await runCli([
      "optimizer-compare",
      "--iterations",
      "3",
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
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, "optimizer-compare.json"), "utf8"));
    expect(json.figures, "the JSON should list the PNG it belongs to").toEqual([
      { file: "optimizer-compare.png", sha256: sha256(readFileSync(join(out, "optimizer-compare.png"))) },
    ]);
    expect(readdirSync(out).sort()).toEqual(["optimizer-compare.json", "optimizer-compare.png"]);
  }, 60_000);
});
