/**
 * The Python fixture ports are what their MANIFEST.json says, checked without the host: the faithful
 * port passes spec/fixtures/python/selfcheck.py (hand-worked values, the book's printed examples,
 * the Figure 6-8 fixture), and each flawed or variant port fails the selfcheck exactly where its
 * planted differences are.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonInterpreter } from "../../conformance/hosts/python/interpreter.js";

const ROOT = resolve(import.meta.dirname, "../..");
const PORTS = join(ROOT, "spec/fixtures/python");
const pythonReady = pythonInterpreter().numpy;

function selfcheck(port: string): { code: number | null; failed: string[]; out: string } {
  const r = spawnSync(pythonInterpreter().command, [join(PORTS, "selfcheck.py"), join(PORTS, port)], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  return { code: r.status, failed: [...out.matchAll(/^FAIL (.*) \(§[^)]*\)$/gm)].map((m) => m[1]), out };
}

describe.skipIf(!pythonReady)("the Python fixture ports against hand-worked values (python3 and NumPy)", () => {
  it("the faithful port passes every selfcheck", () => {
    const r = selfcheck("faithful");
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^\d+ passed, 0 failed/m);
  });

  it("each port fails exactly the selfchecks its MANIFEST's planted differences touch", () => {
    const predicted: Record<string, string[]> = {
      "flawed-weight-decay": [
        "MultiLayerNet gradient W1 equals the numerical gradient (lambda 0.1)",
        "MultiLayerNet gradient W2 equals the numerical gradient (lambda 0.1)",
        "MultiLayerNet gradient W3 equals the numerical gradient (lambda 0.1)",
        "weight decay adds lambda W to the W gradient",
      ],
      "variant-legacy": ["Nesterov lr 0.1 (W first, with the old v)"],
      "variant-deviations": [
        "Dropout at test time: x * (1 - ratio)",
        "Dropout in training: each unit 0 or x (no rescaling)",
        "Dropout backward reuses the mask",
        "AdaGrad lr 0.1: h 4 then 8",
        "Adam lr 0.001, bias correction folded into lr_t",
        "Figure 6-8 path AdaGrad(lr=1.5)",
        "Figure 6-8 path Adam(lr=0.3)",
      ],
      "flawed-mistakes": [
        "BatchNorm running mean 0.9*0 + 0.1*2",
        "BatchNorm test mode uses the running statistics",
        "BatchNorm running mean after two steps: 0.9*0.2 + 0.1*2",
        "Dropout at test time: x * (1 - ratio)",
        "Momentum lr 0.1: v -0.2 then -0.38",
        "AdaGrad lr 0.1: h 4 then 8",
        "Figure 6-8 path Momentum(lr=0.1)",
        "MultiLayerNet gradient W1 equals the numerical gradient (lambda 0.1)",
        "MultiLayerNet gradient W2 equals the numerical gradient (lambda 0.1)",
        "MultiLayerNet gradient W3 equals the numerical gradient (lambda 0.1)",
        "weight decay adds lambda W to the W gradient",
      ],
    };
    for (const [port, fails] of Object.entries(predicted)) {
      const r = selfcheck(port);
      expect(r.code, `${port}\n${r.out}`).toBe(1);
      expect(r.failed.sort(), port).toEqual([...fails].sort());
      const manifest = JSON.parse(readFileSync(join(PORTS, port, "MANIFEST.json"), "utf8")) as {
        planted: { id: string }[];
      };
      expect(manifest.planted.length, port).toBeGreaterThan(0);
    }
  }, 120_000);
});
