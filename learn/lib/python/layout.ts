/**
 * Python learn mode's layout: which file of the learner's workspace each exercise lives in, and
 * under which Python names. The workspace reads like the book's `common/` package, so a notebook
 * can `from common.optimizer import SGD`; each file holds its exercises' sections in the book's
 * order, each section starting with its marker line `# ━━ 01 · SGD — book §6.1.2 ━━…`.
 * The stub and the reference solution of a section are learn/python/<id>/stub.py and
 * solution.py; the checks are the TypeScript exercise's (learn/exercises/<id>/spec.ts), run
 * through the Python host.
 */
import { join } from "node:path";
import { EXERCISES_DIR, ROOT } from "../paths.js";

export const PY_DIR = join(ROOT, "learn", "python");

export interface PyFile {
  /** Path inside the workspace: "common/optimizer.py". */
  path: string;
  /** What comes before the first section (docstring, imports). */
  head: string;
}

export interface PyExercise {
  file: string;
  /** The check's export name → the Python name the learner writes. */
  names: Record<string, string>;
  /** Earlier sections this one builds on (09 adds backward to 08's class). */
  needs?: string[];
}

const head = (what: string, example: string, imports: string) =>
  `# coding: utf-8
"""${what}, written by you: the exercises of \`npm run learn -- --python\`.

Fill in the boxes □ and the TODOs of each section, in order; every save re-runs the checks.
From a notebook (with this folder as the working directory): ${example}
"""
${imports}

`;

export const PY_FILES: readonly PyFile[] = [
  {
    path: "common/optimizer.py",
    head: head(
      "Optimizers of §6.1 (the book's common/optimizer.py)",
      "from common.optimizer import SGD",
      "import numpy as np",
    ),
  },
  {
    path: "common/init_weight.py",
    head: head(
      "Initial weights of §6.2 (what the book's MultiLayerNet does in __init_weight)",
      "from common.init_weight import init_weight",
      "import numpy as np",
    ),
  },
  {
    path: "common/layers.py",
    head: head(
      "Layers of §6.3 and §6.4.3 (the book's common/layers.py)",
      "from common.layers import BatchNormalization, Dropout",
      "import numpy as np",
    ),
  },
  {
    path: "common/weight_decay.py",
    head: head(
      "Weight decay of §6.4.2 (what the book's MultiLayerNet does in loss and gradient)",
      "from common.weight_decay import weight_decay_loss",
      "import re\n\nimport numpy as np",
    ),
  },
  {
    path: "common/hyperparameter.py",
    head: head(
      "The hyperparameter search of §6.5 (the book's shuffle_dataset and ch06/hyperparameter_optimization.py)",
      "from common.hyperparameter import log_uniform",
      "import numpy as np",
    ),
  },
];

export const PY_EXERCISES: Readonly<Record<string, PyExercise>> = {
  "01-sgd": { file: "common/optimizer.py", names: { SGD: "SGD" } },
  "02-momentum": { file: "common/optimizer.py", names: { Momentum: "Momentum" } },
  "03-adagrad": { file: "common/optimizer.py", names: { AdaGrad: "AdaGrad" } },
  "04-adam": { file: "common/optimizer.py", names: { Adam: "Adam" } },
  "05-rmsprop": { file: "common/optimizer.py", names: { RMSprop: "RMSprop" } },
  "06-nesterov": { file: "common/optimizer.py", names: { Nesterov: "Nesterov" } },
  "07-init": { file: "common/init_weight.py", names: { initStd: "init_std", initWeight: "init_weight" } },
  "08-batchnorm-forward": { file: "common/layers.py", names: { BatchNormalization: "BatchNormalization" } },
  "09-batchnorm-backward": {
    file: "common/layers.py",
    names: { BatchNormalization: "BatchNormalization" },
    needs: ["08-batchnorm-forward"],
  },
  "10-weight-decay": {
    file: "common/weight_decay.py",
    names: { weightDecayLoss: "weight_decay_loss", addWeightDecay: "add_weight_decay" },
  },
  "11-dropout": { file: "common/layers.py", names: { Dropout: "Dropout" } },
  "12-search": {
    file: "common/hyperparameter.py",
    names: {
      logUniform: "log_uniform",
      sampleHyperparameters: "sample_hyperparameters",
      splitValidation: "split_validation",
    },
  },
};

export const pyExercise = (id: string): PyExercise => {
  const e = PY_EXERCISES[id];
  if (!e) throw new Error(`learn/python: no Python layout for exercise '${id}'`);
  return e;
};

/** A section's stub, reference solution or hints in the repository. */
export const pySource = (id: string, which: "stub.py" | "solution.py" | "hints.md"): string => join(PY_DIR, id, which);

/** The TypeScript exercise folder whose checks a Python exercise runs. */
export const checksOf = (id: string): string => join(EXERCISES_DIR, id, "spec.ts");
