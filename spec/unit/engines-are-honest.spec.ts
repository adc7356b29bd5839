/**
 * package.json's `engines` admits only Node versions on which `npm test` can run: every version it
 * admits is admitted by each dependency that declares engines (and by vite, which vitest runs on).
 * Stryker (npm run mutation only) needs Node ≥ 22 and is left out on purpose.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../tools/golden-lib.js";

type Version = [number, number, number];
const parse = (v: string): Version => {
  const [a = 0, b = 0, c = 0] = v.split(".").map(Number);
  return [a, b, c];
};
const cmp = (x: Version, y: Version) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

/** The subset of npm ranges the engines fields here use: `||` of space-separated ^, ~, >=, >, <=, < or exact versions. */
function satisfies(v: Version, range: string): boolean {
  return range.split("||").some((alt) =>
    alt
      .replace(/(>=|<=|>|<|\^|~)\s+/g, "$1")
      .trim()
      .split(/\s+/)
      .every((c) => {
        const m = /^(>=|<=|>|<|\^|~)?v?([\d.]+)$/.exec(c);
        if (!m) throw new Error(`engines range ${JSON.stringify(range)}: cannot read ${JSON.stringify(c)}`);
        const w = parse(m[2]),
          d = cmp(v, w);
        switch (m[1]) {
          case ">=":
            return d >= 0;
          case ">":
            return d > 0;
          case "<=":
            return d <= 0;
          case "<":
            return d < 0;
          case "^":
            return d >= 0 && v[0] === w[0];
          case "~":
            return d >= 0 && v[0] === w[0] && v[1] === w[1];
          default:
            return d === 0;
        }
      }),
  );
}

const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));

describe("package.json engines are honest", () => {
  it("every Node version engines admits is admitted by each tool npm test runs on (vitest 4, vite, canvas, tsx, …)", () => {
    const pkg = json(join(ROOT, "package.json"));
    const ours: string = pkg.engines.node;
    // A dependency not installed here (a devDependency added since the last npm ci) is npm ci's to report, not this check's.
    const names = [...Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }), "vite"].filter(
      (n) => !n.startsWith("@stryker-mutator/") && existsSync(join(ROOT, "node_modules", n, "package.json")),
    );
    const candidates: Version[] = [];
    for (let major = 18; major <= 26; major++)
      for (let minor = 0; minor <= 30; minor++) candidates.push([major, minor, 0]);
    const refused: string[] = [];
    for (const v of candidates.filter((c) => satisfies(c, ours)))
      for (const name of names) {
        const theirs = json(join(ROOT, "node_modules", name, "package.json")).engines?.node as string | undefined;
        if (theirs && !satisfies(v, theirs)) refused.push(`Node ${v.join(".")}: ${name} wants ${theirs}`);
      }
    expect(refused, `engines.node is ${JSON.stringify(ours)}, but it admits versions a dependency refuses`).toEqual([]);
    expect(
      satisfies([20, 19, 0], ours) && satisfies([22, 12, 0], ours),
      "Node 20.19 and 22.12 (the CI jobs' lines) are admitted",
    ).toBe(true);
  });

  it("the range reader agrees with npm on the forms used here", () => {
    expect(satisfies([20, 19, 0], "^20.19.0 || >=22.12.0")).toBe(true);
    expect(satisfies([21, 0, 0], "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies([22, 11, 9], "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies([23, 1, 0], "^20.0.0 || ^22.0.0 || >=24.0.0")).toBe(false);
    expect(satisfies([20, 9, 0], "^18.12.0 || >= 20.9.0")).toBe(true);
    expect(satisfies([20, 8, 0], "^18.12.0 || >= 20.9.0")).toBe(false);
  });
});
