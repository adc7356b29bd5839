/**
 * The experiment command line (scripts/experiment.ts): --help lists every experiment and flag; an
 * unknown name or a bad flag value is a clear error with exit code 2 (both when the argument
 * parser sees it and when the experiment rejects a value); Ctrl-C stops after the current update,
 * writes what was finished (JSON "complete": false) and exits with 130.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MNIST_EXPERIMENTS } from "../../src/experiments/mnist/index.js";
import { FLAGS, flagsFor, HELP, parseExperimentArgs } from "../../scripts/experiment-args.js";
import { runCli, usageMessage } from "./cli.js";

const usage = usageMessage;

describe("parsing the command line", () => {
  it("names, flags in kebab-case, values checked and typed", () => {
    expect(
      parseExperimentArgs([
        "batchnorm",
        "--epochs",
        "3",
        "--hidden",
        "20,10",
        "--lr=0.05",
        "--seed",
        "7",
        "--out",
        "/tmp/x",
      ]),
    ).toEqual({
      help: false,
      names: ["batchnorm"],
      flags: { epochs: 3, hidden: [20, 10], lr: 0.05, seed: 7 },
      out: "/tmp/x",
    });
    expect(
      parseExperimentArgs(["dropout", "--seed", "abc"]).help === false &&
        parseExperimentArgs(["dropout", "--seed", "abc"]),
    ).toMatchObject({ flags: { seed: "abc" } });
    expect(parseExperimentArgs(["--help"])).toEqual({ help: true });
  });

  it("'all' runs every experiment and hands each only its own flags", () => {
    const p = parseExperimentArgs(["all", "--epochs", "2", "--iterations", "5"]);
    expect(p.help === false && p.names).toEqual(MNIST_EXPERIMENTS.map((e) => e.name));
    expect(flagsFor("optimizer-compare", { epochs: 2, iterations: 5, seed: 1 })).toEqual({ iterations: 5, seed: 1 });
    expect(flagsFor("dropout", { epochs: 2, iterations: 5 })).toEqual({ epochs: 2 });
  });

  it("rejects unknown names, unknown flags, missing and bad values, and flags the experiment does not take", () => {
    expect(usage(["bogus"])).toMatch(/unknown experiment "bogus"; expected one of optimizer-compare, .* or all/);
    expect(usage([])).toMatch(/expected an experiment name/);
    expect(usage(["batchnorm", "--bogus", "1"])).toMatch(/Unknown option '--bogus'/);
    expect(usage(["batchnorm", "--epochs"])).toMatch(/--epochs/);
    expect(usage(["batchnorm", "--epochs", "x"])).toBe('--epochs expects an integer ≥ 1, received "x"');
    expect(usage(["batchnorm", "--epochs", "0"])).toBe('--epochs expects an integer ≥ 1, received "0"');
    expect(usage(["dropout", "--ratio", "1"])).toBe('--ratio expects a number in [0, 1), received "1"');
    expect(usage(["batchnorm", "--hidden", "100,,5"])).toMatch(/--hidden expects comma-separated integers ≥ 1/);
    expect(usage(["optimizer-compare", "--optimizers", "sgd,adamw"])).toMatch(
      /--optimizers expects names from sgd, .*, received "adamw"/,
    );
    expect(usage(["batchnorm", "--trials", "3"])).toMatch(
      /--trials does not apply to batchnorm \(its flags: --epochs .* --seed\)/,
    );
  });

  it("every flag is in --help with its value, and every experiment with its flags", () => {
    for (const [name, f] of Object.entries(FLAGS))
      expect(HELP, `--help should document --${name}`).toContain(`--${name} ${f.value}`);
    for (const e of MNIST_EXPERIMENTS) expect(HELP).toMatch(new RegExp(`${e.name} +Figure ${e.figure}`));
  });
});

const run = runCli;

describe("the command", () => {
  it("--help lists every experiment; bad input exits with 2 and says why", async () => {
    const out = mkdtempSync(join(tmpdir(), "experiment-cli-"));
    const [help, unknown, badValue, rejected] = await Promise.all([
      run(["--help"]),
      run(["optimizer-comapre"]),
      run(["weight-decay", "--epochs", "-3"]),
      // Passes the parser; the experiment itself rejects it (300 samples are not a multiple of 128).
      run(["weight-decay", "--batch-size", "128", "--out", out]),
    ]);
    expect(help.code, help.stderr).toBe(0);
    for (const e of MNIST_EXPERIMENTS) expect(help.stdout).toContain(e.name);
    expect(help.stdout).toContain("--iterations N");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown experiment "optimizer-comapre"');
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/--epochs/);
    expect(rejected.code, rejected.stderr).toBe(2);
    expect(rejected.stderr).toContain("argument 'batchSize' expected a divisor of the training size 300");
  });

  it("--workers 2 deals the comparison's curves to two threads and writes the same JSON and PNG as one thread", async () => {
    const outs = [mkdtempSync(join(tmpdir(), "experiment-cli-")), mkdtempSync(join(tmpdir(), "experiment-cli-"))];
    const size = ["--iterations", "12", "--hidden", "8", "--train-size", "256", "--batch-size", "32"];
    const runs = await Promise.all(
      outs.map((out, k) => run(["optimizer-compare", ...size, "--workers", String(k + 1), "--out", out])),
    );
    runs.forEach((r) => expect(r.code, r.stderr).toBe(0));
    const [one, two] = outs.map((out) => JSON.parse(readFileSync(join(out, "optimizer-compare.json"), "utf8")));
    expect([one.run.workers, two.run.workers]).toEqual([1, 2]);
    delete one.run;
    delete two.run;
    expect(
      two,
      "§6.1.8: each curve is an independent training, so splitting them over workers must not change a number",
    ).toEqual(one);
    expect(one.curves.map((c: { name: string }) => c.name)).toEqual(["SGD", "Momentum", "AdaGrad", "Adam"]);
    expect(
      readFileSync(join(outs[1], "optimizer-compare.png")).equals(readFileSync(join(outs[0], "optimizer-compare.png"))),
      "the two PNGs",
    ).toBe(true);
  });

  it("Ctrl-C (SIGINT) stops after the current update, writes the finished part and exits with 130", async () => {
    const out = mkdtempSync(join(tmpdir(), "experiment-cli-"));
    let sent = false;
    const r = await run(
      ["weight-init-compare", "--iterations", "100000", "--batch-size", "8", "--hidden", "10", "--out", out],
      {
        onStderr: (text, child) => {
          // Once the bar shows an update done (not its first line, "0/300000"): the stop then
          // comes after at least one finished iteration, which the assertions below expect.
          if (!sent && /(?<!\d)[1-9]\d*\/300000 iterations/.test(text)) {
            sent = true;
            child.kill("SIGINT");
          }
        },
      },
    );
    expect(sent, `the progress bar never showed: ${r.stderr}`).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain("stopped early, partial results");
    const json = JSON.parse(readFileSync(join(out, "weight-init-compare.json"), "utf8"));
    expect(json.complete).toBe(false);
    expect(json.run.interrupted).toBe(true);
    const n = json.curves[0].loss.length;
    expect(n, "some iterations finished before the stop").toBeGreaterThan(0);
    expect(n, "and not all of them").toBeLessThan(100000);
    expect(readFileSync(join(out, "weight-init-compare.png")).subarray(1, 4).toString()).toBe("PNG");
  });
});
