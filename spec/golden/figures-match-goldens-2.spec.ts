/**
 * Shard 2 of 2 of the golden suite (spec/golden/golden-suite.ts): the second half of the registered
 * figures against golden/<name>.png and golden/<name>.json. Two files so vitest runs them on both cores.
 */
import { goldenSuite } from "./golden-suite.js";

goldenSuite(1, 2);
