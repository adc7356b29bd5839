/**
 * Scratch workspaces for checking one section on its own: every file of the layout with the
 * reference solution in each section, except the exercise's, which is its stub, its solution or
 * a given text (a planted mistake). What the checks of that exercise see is then that section alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PY_FILES } from "./layout.js";
import { assemble } from "./workspace.js";

export function writeVariant(dir: string, id: string, section: "stub" | "solution" | { text: string }): void {
  mkdirSync(join(dir, "common"), { recursive: true });
  writeFileSync(join(dir, "common", "__init__.py"), "");
  for (const f of PY_FILES) {
    const file = join(dir, f.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      assemble(f.path, (other) => (other === id ? section : "solution")),
    );
  }
}
