/**
 * Learn mode's command line as a learner meets it, in a throw-away workspace: the first failure,
 * graded hints, a locked solution, an answer that passes and moves on to the next exercise,
 * status, unlocking, reset; and clear usage errors with exit code 2. Checks run in this process
 * (runHere) except one run through the real child process.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../learn/catalogue.js";
import { runHere } from "../../learn/lib/run-checks.js";
import { runInChild } from "../../learn/lib/run-in-child.js";
import { ensureWorkspace, stubForWorkspace } from "../../learn/lib/workspace.js";
import { learner } from "./learner.js";

const { workspace, learn, folder, cleanUp } = learner(runHere);
afterAll(cleanUp);

describe("learn mode from a new learner's side", () => {
  const ws = workspace();

  it("a first run sets up every stub, fails on exercise 01 and says why in plain words", async () => {
    const r = await learn(ws, "--once");
    expect(r.code).toBe(1);
    for (const ex of EXERCISES) expect(existsSync(join(ws, `${ex.id}.ts`)), `${ex.id}.ts set up`).toBe(true);
    expect(r.out).toContain("01 · SGD — book §6.1.2");
    expect(r.out).toContain("First failure: two hand-worked steps, lr 0.1");
    expect(r.out).toContain("expected [0.95, -1.9]");
    expect(r.out).toContain("received [1, -2]");
    expect(r.out).toContain("W did not change");
    expect(r.out).not.toContain("02 · Momentum"); // stops at the first failing exercise
  });

  it("hints are graded: a nudge first, then the equation", async () => {
    const h1 = await learn(ws, "hint");
    expect(h1.out).toContain("Hint 1 of 3 for 01 · SGD — Nudge");
    const h2 = await learn(ws, "hint", "sgd");
    expect(h2.out).toContain("Hint 2 of 3 for 01 · SGD — The equation");
    expect(h2.out).toContain("W ← W − η · ∂L/∂W");
  });

  it("the solution stays locked before the exercise passes", async () => {
    const r = await learn(ws, "solution", "01-sgd");
    expect(r.code).toBe(1);
    expect(r.err).toContain("unlocks once your");
    expect(r.out).not.toContain("W[i] - this.lr");
  });

  it("a correct SGD passes, unlocks its solution, and the run moves on to Momentum's failure", async () => {
    writeFileSync(join(ws, "01-sgd.ts"), stubForWorkspace("01-sgd", ws, "solution.ts"));
    const r = await learn(ws, "--once");
    expect(r.code).toBe(1);
    expect(r.out).toContain("✓ 01 · SGD — book §6.1.2: all 4 checks pass.");
    expect(r.out).toContain("02 · Momentum — book §6.1.4");
    const progress = JSON.parse(readFileSync(join(ws, "progress.json"), "utf8"));
    expect(progress.exercises["01-sgd"].status).toBe("passed");
    expect(progress.exercises["02-momentum"].status).toBe("failed");
    const status = await learn(ws, "status");
    expect(status.out).toMatch(/✓ 01-sgd/);
    expect(status.out).toMatch(/✗ 02-momentum.*← current/);
    expect(status.out).toMatch(/· 03-adagrad/);
    const sol = await learn(ws, "solution", "1");
    expect(sol.code).toBe(0);
    expect(sol.out).toContain("W[i] = W[i] - this.lr * g[i]");
  });

  it("reset puts the stub back, keeps the learner's file and clears that exercise's progress", async () => {
    const mine = readFileSync(join(ws, "01-sgd.ts"), "utf8");
    const r = await learn(ws, "reset", "sgd");
    expect(r.code).toBe(0);
    expect(readFileSync(join(ws, "01-sgd.ts"), "utf8")).toBe(stubForWorkspace("01-sgd", ws));
    expect(readFileSync(join(ws, "backup", "01-sgd.1.ts"), "utf8")).toBe(mine);
    const status = await learn(ws, "status");
    expect(status.out).toMatch(/· 01-sgd.*← current/);
    expect((await learn(ws, "solution", "01-sgd")).code).toBe(1);
  });

  it("check runs one exercise against the stub or the reference solution without touching progress", async () => {
    const before = readFileSync(join(ws, "progress.json"), "utf8");
    expect((await learn(ws, "check", "adam", "--target", "solution")).code).toBe(0);
    const stub = await learn(ws, "check", "adam", "--target=stub");
    expect(stub.code).toBe(1);
    expect(stub.out).toContain("04 · Adam");
    expect(readFileSync(join(ws, "progress.json"), "utf8")).toBe(before);
  });
});

describe("check and solution agree", () => {
  it("`check adam` passing on the learner's file unlocks `solution 04` at once; a failing check locks it again", async () => {
    const ws = workspace();
    ensureWorkspace(ws);
    expect((await learn(ws, "solution", "04")).code, "locked before any check").toBe(1);
    writeFileSync(join(ws, "04-adam.ts"), stubForWorkspace("04-adam", ws, "solution.ts"));
    expect((await learn(ws, "check", "adam")).code).toBe(0);
    const unlocked = await learn(ws, "solution", "04");
    expect(unlocked.err).toBe("");
    expect(unlocked.code).toBe(0);
    expect(unlocked.out).toContain("Reference solution of 04 · Adam");
    writeFileSync(join(ws, "04-adam.ts"), stubForWorkspace("04-adam", ws));
    expect((await learn(ws, "check", "adam")).code).toBe(1);
    const locked = await learn(ws, "solution", "04");
    expect(locked.code).toBe(1);
    expect(locked.err).toContain("unlocks once your");
  });
});

describe("a workspace that cannot be used is a clear error, not a stack", () => {
  it("LEARN_DIR pointing at a file, or below one, exits 2 and says what to do", async () => {
    const dir = folder("learn-spec-");
    const file = join(dir, "a-file");
    writeFileSync(file, "not a folder");
    for (const ws of [file, join(file, "sub")]) {
      const r = await learn(ws, "status");
      expect(r.code, `LEARN_DIR=${ws}`).toBe(2);
      expect(r.err).toContain(`cannot use ${ws} as the workspace (LEARN_DIR=${ws})`);
      expect(r.err).toContain("Set LEARN_DIR to a folder you can write");
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(readFileSync(file, "utf8"), "the file is left alone").toBe("not a folder");
  });
});

describe("usage errors exit with code 2 and say what is wrong", () => {
  const ws = workspace();
  const cases: [string[], string][] = [
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["solution"], "'solution' needs an exercise name"],
    [["reset", "lstm"], "no exercise called 'lstm'"],
    [["hint", "1", "2"], "takes one exercise name"],
    [["--fast"], "unknown option '--fast'"],
    [["check", "sgd", "--target", "mine"], "--target expects one of workspace, stub, solution"],
    [["status", "--once"], "--once goes with the plain run"],
  ];
  for (const [argv, says] of cases)
    it(`learn ${argv.join(" ")}`, async () => {
      const r = await learn(ws, ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain(says);
      expect(r.err).toContain("npm run learn -- --help");
    });

  it("--help documents every command and option", async () => {
    const r = await learn(ws, "--help");
    expect(r.code).toBe(0);
    for (const word of [
      "--once",
      "status",
      "hint [name]",
      "solution <name>",
      "reset <name>",
      "check <name>",
      "--target",
      "LEARN_DIR",
      "LEARN_TARGET",
      "Exit codes",
    ])
      expect(r.out).toContain(word);
    for (const ex of EXERCISES) expect(r.out).toContain(ex.id);
  });
});

describe("the workspace copies", () => {
  it("every relative import of every workspace file points at a file that exists", () => {
    const ws = workspace();
    ensureWorkspace(ws);
    for (const ex of EXERCISES) {
      const text = readFileSync(join(ws, `${ex.id}.ts`), "utf8");
      const specs = [...text.matchAll(/from\s+"(\.[^"]+)"/g)].map((m) => m[1]);
      expect(specs.length, `${ex.id} imports something`).toBeGreaterThan(0);
      for (const s of specs)
        expect(existsSync(resolve(dirname(join(ws, `${ex.id}.ts`)), s).replace(/\.js$/, ".ts")), `${ex.id}: ${s}`).toBe(
          true,
        );
    }
  });

  it("the real child process runs a workspace file and reports the stub's failure", async () => {
    const ws = workspace();
    ensureWorkspace(ws);
    const run = await runInChild([{ id: "01-sgd", file: join(ws, "01-sgd.ts") }]);
    expect(run.problem).toBeUndefined();
    expect(run.results).toHaveLength(1);
    expect(run.results[0].passed).toBe(false);
    expect(run.results[0].checks[0].message).toContain("W did not change");
  });
});
