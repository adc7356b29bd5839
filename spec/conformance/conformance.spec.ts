/**
 * The conformance runner tells the reference from a flawed port: the reference adapter passes every
 * check, and the flawed snake_case port fails exactly the checks its two planted flaws predict,
 * with everything it does not provide reported "not provided" rather than failed.
 */
import { describe, expect, it } from "vitest";
import { CAPABILITY_NAMES } from "../../conformance/contract.js";
import { AdapterError, checkAdapter, loadAdapter, moduleFormatWarning, runChecks } from "../../conformance/engine.js";
import { loadChecks } from "../../conformance/sources.js";
import { buildReport, toJson, toMarkdown, toText } from "../../conformance/report.js";
import { FLAWS } from "../../conformance/adapters/flawed-port/adapter.js";
import { planted } from "../../mistakes/registry.js";

const checks = await loadChecks();
/** A few runs per property: the props specs run the laws in full; this proves the adapter path. */
const FAST = { numRuns: 4 };

describe("conformance: an adapter is tested on what it provides", () => {
  it("the reference adapter passes every check, with nothing reported not provided", async () => {
    const adapter = await loadAdapter("conformance/adapters/reference.ts");
    const { results, warnings } = await runChecks(adapter, checks, FAST);
    expect(warnings).toEqual([]);
    const notPassed = results
      .filter((r) => r.status !== "pass")
      .map((r) => `${r.id}: ${r.status}\n${r.message ?? r.needs?.join(", ")}`);
    expect(notPassed, notPassed.join("\n\n")).toEqual([]);
    expect(results.length).toBe(checks.length);
  });

  it("the flawed snake_case port fails exactly the checks its planted flaws predict", async () => {
    const adapter = await loadAdapter("conformance/adapters/flawed-port/adapter.ts");
    const { results } = await runChecks(adapter, checks, { ...FAST, catalogue: planted });
    const failed = results
      .filter((r) => r.status === "fail")
      .map((r) => r.id)
      .sort();
    const predicted = FLAWS.flatMap((f) => f.fails).sort();
    expect(
      failed,
      `failed checks; messages:\n${results
        .filter((r) => r.status === "fail")
        .map((r) => r.message)
        .join("\n\n")}`,
    ).toEqual(predicted);
    // Everything it does not provide (init, batchnorm, …; Nesterov, Sigmoid, …) is "not provided", never failed.
    for (const r of results.filter((x) => x.status === "not provided"))
      expect(r.needs?.length, r.id).toBeGreaterThan(0);
    const passed = results.filter((r) => r.status === "pass").map((r) => r.id);
    expect(passed).toEqual(
      expect.arrayContaining(["book-path-sgd", "book-path-momentum", "book-path-adam", "affine-gradient"]),
    );

    // The report groups by book section and shows each failure with its likely mistake.
    const report = buildReport(adapter.name, adapter.provides, results, []);
    expect(report.totals).toEqual({
      pass: passed.length,
      fail: predicted.length,
      notProvided: results.length - passed.length - predicted.length,
    });
    const text = toText(report);
    expect(text).toMatch(
      /§6\.1 Updating parameters\n[\s\S]*FAIL {2}book-path-adagrad[\s\S]*expected -2\.2055873182321\d*, received/,
    );
    expect(text.indexOf("§6.1 Updating parameters")).toBeLessThan(text.indexOf("Supporting pieces"));
    expect(toMarkdown(report)).toContain("### FAIL `relu-gradient`");
    // Each failure's hint names the registry entry whose numbers it received: ε inside the root is
    // a variant (a correct convention, not the book's), the ReLU mask a mistake.
    for (const flaw of FLAWS)
      for (const id of flaw.fails) {
        const r = results.find((x) => x.id === id)!;
        expect(
          r.evidence?.named.map((n) => n.id),
          `${id}: ${r.message}`,
        ).toEqual([flaw.named]);
      }
    expect(results.find((r) => r.id === "book-path-adagrad")!.message).toContain(
      "Hint: differs from the book: ε inside the square root",
    );
    expect(toMarkdown(report)).toMatch(
      /Hint: your numbers are exactly what this mistake gives: ReLU's backward mask is x < 0/,
    );
    expect(toMarkdown(report)).not.toMatch(/Usual mistake:|Likely mistake:/);
    expect(JSON.parse(toJson(report)).totals.fail).toBe(predicted.length);
  });

  it("a bad adapter is refused with a message naming what is wrong", () => {
    expect(() => checkAdapter(null)).toThrow(AdapterError);
    expect(() => checkAdapter({ name: "x", provides: ["optimisers"], impl: {} })).toThrow(
      /unknown capability "optimisers"; known: matrix/,
    );
    expect(() => checkAdapter({ name: "x", provides: [...CAPABILITY_NAMES] })).toThrow(/'impl' expected an object/);
  });

  it("an adapter that would load as CommonJS (a second copy of src) is warned about", () => {
    expect(moduleFormatWarning("conformance/adapters/reference.ts")).toBeNull();
    expect(moduleFormatWarning("/no-package-here/adapter.mts")).toBeNull();
    expect(moduleFormatWarning("/no-package-here/adapter.ts")).toMatch(/loaded as CommonJS .* Name it \.mts/);
  });

  it("loading a missing adapter file is an AdapterError naming the path", async () => {
    await expect(loadAdapter("conformance/adapters/no-such-adapter.ts")).rejects.toThrow(
      /no-such-adapter\.ts: no such file/,
    );
  });
});
