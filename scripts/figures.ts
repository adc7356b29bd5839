/**
 * The main job: renders every registered figure (src/figures/index.ts) into out/ (or the folder
 * given as the first argument) as <name>.png with the numbers it was drawn from beside it as
 * <name>.json, and prints where they are.
 *
 *   npm run figures            # into out/
 *   npm run figures -- /tmp/f  # elsewhere
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { FIGURES } from "../src/figures/index.js";
import { formatJson } from "../src/figures/registry.js";
import { renderEnvironment } from "../src/render/canvas.js";

const outDir = resolve(process.argv[2] ?? "out");
mkdirSync(outDir, { recursive: true });
const env = renderEnvironment();
console.log(
  `Rendering ${FIGURES.length} figures into ${outDir} (canvas ${env.canvas}, Cairo ${env.cairo}, font ${env.fontFile})`,
);
for (const fig of FIGURES) {
  const t0 = performance.now();
  const data = JSON.parse(JSON.stringify(fig.data()));
  const png = fig.render(data);
  writeFileSync(join(outDir, `${fig.name}.json`), `${formatJson(data)}\n`);
  writeFileSync(join(outDir, `${fig.name}.png`), png);
  const ms = (performance.now() - t0).toFixed(0);
  console.log(`  ${join(outDir, fig.name)}.png  ${fig.bookFigure} — ${fig.title} (${ms} ms)`);
}
console.log(`Done: ${FIGURES.length} PNGs with their JSON numbers in ${outDir}`);
