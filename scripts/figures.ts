/**
 * The main job: the chapter's figures. (Until the renderers land, it prints the Figure 6-8
 * optimizer paths and writes them as JSON under out/.)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { optimizerPaths } from "../src/experiments/optimizer-paths.js";

const outDir = resolve(process.argv[2] ?? "out");
mkdirSync(outDir, { recursive: true });
const paths = optimizerPaths(30);
for (const p of paths) {
  const last = p.path[p.path.length - 1]!;
  console.log(`${p.name.padEnd(9)} lr=${String(p.lr).padEnd(4)} start (-7, 2) → after 30 updates (${last[0].toFixed(6)}, ${last[1].toFixed(6)})`);
}
const file = resolve(outDir, "optimizer-paths.json");
writeFileSync(file, JSON.stringify(paths, null, 1));
console.log(`wrote ${file}`);
