/**
 * Every law, in one list and by id. A conformance runner iterates `allLaws` and calls
 * `law.run(impl)` on an implementation exported with the reference's names (see impl.ts);
 * each failure is a LawFailure whose message teaches (section, expected vs received, usual
 * mistake, seed and replay command).
 */
import type { Law } from "./law.js";
import { batchNormLaws } from "./batchnorm.js";
import { dropoutLaws } from "./dropout.js";
import { functionLaws } from "./functions.js";
import { gradientLaws } from "./gradients.js";
import { initLaws } from "./init.js";
import { numericalLaws } from "./numerical.js";
import { optimizerLaws } from "./optimizers.js";
import { searchLaws } from "./search.js";
import { optimizerStateLaws } from "./optimizer-state.js";
import { symmetryLaws } from "./symmetry.js";

export const allLaws: Law[] = [
  ...gradientLaws,
  ...batchNormLaws,
  ...dropoutLaws,
  ...symmetryLaws,
  ...optimizerLaws,
  ...optimizerStateLaws,
  ...functionLaws,
  ...initLaws,
  ...numericalLaws,
  ...searchLaws,
];

export const laws: Record<string, Law> = Object.fromEntries(allLaws.map((law) => [law.id, law]));

export { LawFailure, type Law, type LawParams } from "./law.js";
export { reference, type Impl } from "./impl.js";
