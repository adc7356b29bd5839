/**
 * Python learn mode's command line as a learner meets it, in a throw-away workspace (the mirror
 * of learn-command-guides-a-learner.spec.ts): the first failure, a hint in Python's words, a
 * passing SGD moving on to Momentum, a planted mistake named, status, the solution unlocked,
 * reset; an error shown at the learner's file and line; an endless loop, sys.exit and a crash of
 * Python contained; the teacher's matrix over two students. One Python host serves every run.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../learn/cli.js";
import { PythonChecks, pythonHere } from "../../learn/lib/python/run.js";
import { ensurePyWorkspace, sectionSource, sections } from "../../learn/lib/python/workspace.js";
import { applyPatch } from "../../mistakes/python.js";
import { entryById } from "../../mistakes/registry.js";
import { learner } from "./learner.js";

const checks = new PythonChecks({ checkSeconds: 1.5 }); // short for the endless loop, with room for a loaded machine
const runner = pythonHere(checks);
const { workspace, learn, folder, cleanUp } = learner(runner, {
  prefix: ["--python"],
  leaf: "ws",
  tmp: "learn-py-spec-",
});
beforeAll(() => void checks.warm(), 60_000);
afterAll(() => {
  checks.stop();
  cleanUp();
});

/** Replaces one exercise's section of the learner's file with `text`. */
function writeSection(ws: string, file: string, id: string, text: string): void {
  const path = join(ws, file);
  const now = readFileSync(path, "utf8");
  const at = sections(now).get(id)!;
  writeFileSync(path, now.slice(0, at.start) + text.replace(/\n*$/, "\n\n") + now.slice(at.end));
}
const OPT = "common/optimizer.py";

describe("Python learn mode from a new learner's side", () => {
  const ws = workspace();

  it("a first run sets up the book's common/ layout, fails on exercise 01 and says why in Python's words", async () => {
    const r = await learn(ws, "--once");
    expect(r.code).toBe(1);
    for (const f of ["optimizer", "init_weight", "layers", "weight_decay", "hyperparameter"])
      expect(existsSync(join(ws, "common", `${f}.py`)), `common/${f}.py set up`).toBe(true);
    expect(r.out).toContain("01 · SGD — book §6.1.2");
    expect(r.out).toContain("common/optimizer.py");
    expect(r.out).toContain("expected [0.95, -1.9]");
    expect(r.out).toContain("received [1, -2]");
    expect(r.out).toContain("update() must change params[key] in place (params[key] -= …)");
    expect(r.out).not.toContain(".data");
    expect(r.out).not.toContain("02 · Momentum");
    expect(r.out).toContain("npm run learn -- --python hint");
  });

  it("hints are graded and written for Python", async () => {
    const h1 = await learn(ws, "hint");
    expect(h1.out).toContain("Hint 1 of 3 for 01 · SGD — Nudge");
    const h2 = await learn(ws, "hint", "sgd");
    expect(h2.out).toContain("Hint 2 of 3 for 01 · SGD — The equation");
    expect(h2.out).toContain("self.lr");
  });

  it("a correct SGD passes, unlocks its solution, and the run moves on to Momentum's failure", async () => {
    expect((await learn(ws, "solution", "01")).code, "locked before it passes").toBe(1);
    writeSection(ws, OPT, "01-sgd", sectionSource("01-sgd", "solution"));
    const r = await learn(ws, "--once");
    expect(r.code).toBe(1);
    expect(r.out).toContain("✓ 01 · SGD — book §6.1.2: all 4 checks pass.");
    expect(r.out).toContain("02 · Momentum — book §6.1.4");
    const status = await learn(ws, "status");
    expect(status.out).toMatch(/✓ 01-sgd/);
    expect(status.out).toMatch(/✗ 02-momentum.*← current/);
    const sol = await learn(ws, "solution", "1");
    expect(sol.code).toBe(0);
    expect(sol.out).toContain("params[key] -= self.lr * grads[key]");
  });

  it("a planted mistake in Momentum is named from the registry's numbers", async () => {
    const planted = applyPatch(
      sectionSource("02-momentum", "solution"),
      "momentum-without-decay",
      entryById("momentum-without-decay").python!,
    );
    writeSection(ws, OPT, "02-momentum", planted);
    const r = await learn(ws, "--once");
    expect(r.out).not.toContain("01 · SGD"); // passed and unchanged: not run again
    expect(r.out).toContain("Your numbers are exactly what this mistake gives: Momentum without the decay");
  });

  it("an error is shown at the learner's file and line, not the host's", async () => {
    const broken = sectionSource("02-momentum", "solution").replace(
      "params[key] += self.v[key]",
      "params[key] += self.v[key] / 0 + undefined_name",
    );
    writeSection(ws, OPT, "02-momentum", broken);
    const line =
      readFileSync(join(ws, OPT), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("undefined_name")) + 1;
    const r = await learn(ws, "--once");
    expect(r.out).toContain("Your code raised NameError: name 'undefined_name' is not defined");
    expect(r.out).toContain(`common/optimizer.py, line ${line}, in update`);
    expect(r.out).not.toContain("host.py");
  });

  it("an endless loop, sys.exit and a crash of Python are reported and contained", async () => {
    const body = (code: string) =>
      sectionSource("02-momentum", "solution").replace(
        "        if self.v is None:",
        `        ${code}\n        if self.v is None:`,
      );
    writeSection(ws, OPT, "02-momentum", body("while True: pass"));
    const loop = await learn(ws, "--once");
    expect(loop.out).toContain("did not return within 1.5 s: is there an endless loop? It was stopped here:");
    expect(loop.out).toContain("common/optimizer.py, line");
    writeSection(ws, OPT, "02-momentum", body("import sys; sys.exit(3)"));
    expect((await learn(ws, "--once")).out).toContain("Your code called sys.exit()");
    writeSection(ws, OPT, "02-momentum", body("import os; os._exit(7)"));
    const crash = await learn(ws, "--once");
    expect(crash.out).toContain("Python stopped while running your code (exit code 7)");
    writeSection(ws, OPT, "02-momentum", sectionSource("02-momentum", "solution"));
    const healed = await learn(ws, "--once");
    expect(healed.out, "the next run starts a fresh host").toContain("✓ 02 · Momentum");
  });

  it("reset puts the stub section back, keeps the whole old file, and clears that exercise's progress", async () => {
    const mine = readFileSync(join(ws, OPT), "utf8");
    const r = await learn(ws, "reset", "sgd");
    expect(r.code).toBe(0);
    const now = readFileSync(join(ws, OPT), "utf8");
    expect(now).toContain(sectionSource("01-sgd", "stub").trimEnd());
    expect(now).toContain(sectionSource("02-momentum", "solution").trimEnd()); // the other sections are kept
    expect(readFileSync(join(ws, "backup", "optimizer.1.py"), "utf8")).toBe(mine);
    expect((await learn(ws, "status")).out).toMatch(/· 01-sgd.*← current/);
  });
});

describe("the teacher's view", () => {
  it("--report DIR writes the students × exercises matrix", async () => {
    const dir = folder("learn-py-class-");
    ensurePyWorkspace(join(dir, "ada"));
    ensurePyWorkspace(join(dir, "bob"));
    const sgd = join(dir, "bob", OPT);
    const text = readFileSync(sgd, "utf8");
    const at = sections(text).get("01-sgd")!;
    writeFileSync(sgd, text.slice(0, at.start) + sectionSource("01-sgd", "solution") + "\n\n" + text.slice(at.end));
    cpSync(join(dir, "ada"), join(dir, "not-a-student", "x"), { recursive: true }); // no common/ at its top: skipped
    const out = join(dir, "report");
    let printed = "";
    const io: Io = { out: (t) => (printed += `${t}\n`), err: (t) => (printed += t), env: {}, color: false, tty: false };
    expect(await main(["--python", "--report", dir, "--out", out], io, runner)).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(m.rows.map((r: { name: string }) => r.name)).toEqual(["ada", "bob"]);
    expect(m.columns).toHaveLength(12);
    expect(m.rows[0].cells["01-sgd"]).toBe("fail");
    expect(m.rows[1].cells["01-sgd"]).toBe("pass");
    expect(m.rows[1].cells["02-momentum"]).toBe("fail");
    expect(printed).toContain("students × exercises");
  });
});

describe("usage", () => {
  it("--lang takes python or typescript, and --report needs --python", async () => {
    const ws = workspace();
    let err = "";
    const io: Io = { out: () => {}, err: (t) => (err += t), env: { LEARN_DIR: ws }, color: false, tty: false };
    expect(await main(["--lang", "rust"], io, runner)).toBe(2);
    expect(err).toContain("--lang expects python or typescript, received 'rust'");
    expect(await main(["--report", ws], io, runner)).toBe(2);
    expect(err).toContain("--report goes with --python");
  });
});
