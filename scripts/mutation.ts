/**
 * npm run mutation: Stryker's mutation test of the core modules (stryker.config.json). Slow: start
 * it in the background; results land in results/mutation/.
 *
 * StrykerJS 10 refuses to start on Node < 22 (a version guard run when its module loads); this
 * project pins Node 20 (see docs/mutation.md). The guard reads process.version, so this script reports
 * Node 22 to it for the import only — the run itself is what tells whether Stryker works here.
 */
const real = process.version;
Object.defineProperty(process, "version", { value: "v22.0.0", configurable: true });
const { Stryker } = await import("@stryker-mutator/core");
Object.defineProperty(process, "version", { value: real, configurable: true });

// `-- --mutate src/layers.ts` (comma-separated) overrides the config's files to mutate.
const i = process.argv.indexOf("--mutate");
const mutate = i >= 0 && process.argv[i + 1] ? process.argv[i + 1].split(",") : undefined;
const results = await new Stryker({
  configFile: "stryker.config.json",
  ...(mutate ? { mutate } : {}),
}).runMutationTest();
const counts: Record<string, number> = {};
for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
console.log(JSON.stringify(counts));
