/**
 * docs/architecture.md: which top-level folder may import which. Reads every .ts file's relative
 * imports (static `from "…"`, side-effect `import "…"`, dynamic `import("…")`) and checks each edge
 * against the table below, which is the document's table. A new edge that is right belongs in both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** docs/architecture.md's table: each folder → the other folders it may import. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  src: [],
  conformance: ["src"],
  mistakes: ["src", "conformance"],
  tools: ["src"],
  learn: ["src", "conformance", "mistakes"],
  scripts: ["src", "conformance", "mistakes", "tools", "learn"],
  spec: ["src", "conformance", "mistakes", "tools", "learn", "scripts"],
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']*)["']/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === "node_modules"
        ? []
        : tsFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** Every import that leaves `folder` for another top-level folder: "file → target". */
function crossings(folder: string): { from: string; to: string; file: string; target: string }[] {
  const out: { from: string; to: string; file: string; target: string }[] = [];
  for (const file of tsFiles(join(root, folder))) {
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = relative(root, normalize(join(dirname(file), m[1])));
      const to = target.split(sep)[0];
      if (to !== folder) out.push({ from: folder, to, file: relative(root, file), target });
    }
  }
  return out;
}

describe("docs/architecture.md: each folder imports only the folders its table allows", () => {
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${folder}/ imports ${allowed.length ? allowed.map((f) => `${f}/`).join(", ") : "nothing outside itself"}`, () => {
      const bad = crossings(folder)
        .filter((c) => !allowed.includes(c.to))
        .map((c) => `${c.file} imports ${c.target}`);
      expect(
        bad,
        `imports that docs/architecture.md does not allow for ${folder}/ (fix the import, or the table in both places)`,
      ).toEqual([]);
    });
  }

  it("the scan sees imports: spec/unit/rng.spec.ts → src/base/rng.js, and learn's stubs → src/", () => {
    const spec = crossings("spec").map((c) => `${c.file} → ${c.target}`);
    expect(spec).toContain(`${join("spec", "unit", "rng.spec.ts")} → ${join("src", "base", "rng.js")}`);
    expect(crossings("learn").some((c) => c.file.endsWith("stub.ts") && c.to === "src")).toBe(true);
  });

  it("nothing outside spec/ imports from spec/", () => {
    const bad = Object.keys(MAY_IMPORT)
      .filter((f) => f !== "spec")
      .flatMap(crossings)
      .filter((c) => c.to === "spec");
    expect(bad.map((c) => `${c.file} imports ${c.target}`)).toEqual([]);
  });
});
