/**
 * Each planted mistake of learn mode, in Python: a small patch to the Python reference solution
 * of its exercise (learn/python/<exercise>/solution.py). The registry (registry.ts) attaches the
 * patch to its entry as `python`, so one entry is the same mistake in both languages, under one
 * name. A patch is a list of replacements, each `from` found exactly once in the solution's section
 * (spec/learn/python-stubs-fail-solutions-pass.spec.ts proves it, and that the checks name it).
 * `says` is set only where Python's message words the mistake differently from TypeScript's.
 */
export interface PythonPatch {
  /** The exercise whose solution is patched: "01-sgd". */
  exercise: string;
  replace: readonly (readonly [from: string, to: string])[];
  says?: string;
}

const SGD = "01-sgd",
  MOM = "02-momentum",
  ADA = "03-adagrad",
  ADAM = "04-adam",
  RMS = "05-rmsprop",
  NAG = "06-nesterov",
  INIT = "07-init",
  BNF = "08-batchnorm-forward",
  BNB = "09-batchnorm-backward",
  WD = "10-weight-decay",
  DROP = "11-dropout",
  SEARCH = "12-search";

/**
 * State shared by every key, indexed by element position (one flat array as long as the largest
 * parameter): the rule's lines run on a view of it instead of on the key's own array.
 */
function shared(exercise: string, state: "v" | "h", body: string): PythonPatch {
  const view = `            s = self.${state}['shared'][:params[key].size].reshape(params[key].shape)\n`;
  const rewritten = body
    .split(`self.${state}[key]`)
    .join("s")
    .replace(/^( +)s = /gm, "$1s[...] = ");
  return {
    exercise,
    replace: [
      [
        `            self.${state} = {}\n            for key, val in params.items():\n                self.${state}[key] = np.zeros_like(val)`,
        `            self.${state} = {'shared': np.zeros(max(val.size for val in params.values()))}`,
      ],
      [body, view + rewritten],
    ],
  };
}

export const PYTHON_PATCHES: Readonly<Record<string, PythonPatch>> = {
  // §6.1.2 SGD
  "sgd-wrong-sign": { exercise: SGD, replace: [["params[key] -= self.lr", "params[key] += self.lr"]] },
  "sgd-new-matrix": {
    exercise: SGD,
    replace: [["params[key] -= self.lr * grads[key]", "params[key] = params[key] - self.lr * grads[key]"]],
    says: "a new array the network's layers never see",
  },
  "sgd-without-lr": { exercise: SGD, replace: [["params[key] -= self.lr * grads[key]", "params[key] -= grads[key]"]] },
  "sgd-only-weights": {
    exercise: SGD,
    replace: [
      [
        "for key in params.keys():\n",
        "for key in params.keys():\n            if not key.startswith('W'):\n                continue\n",
      ],
    ],
  },
  // §6.1.4 Momentum
  "momentum-wrong-sign": {
    exercise: MOM,
    replace: [
      ["self.momentum * self.v[key] - self.lr * grads[key]", "self.momentum * self.v[key] + self.lr * grads[key]"],
    ],
  },
  "momentum-without-decay": {
    exercise: MOM,
    replace: [["self.momentum * self.v[key] - self.lr", "self.v[key] - self.lr"]],
  },
  "momentum-forgets-velocity": {
    exercise: MOM,
    replace: [["self.momentum * self.v[key] - self.lr * grads[key]", "-self.lr * grads[key]"]],
  },
  "momentum-w-before-v": {
    exercise: MOM,
    replace: [
      [
        "            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]\n            params[key] += self.v[key]",
        "            params[key] += self.v[key]\n            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]",
      ],
    ],
  },
  "momentum-v-shared-between-keys": shared(
    MOM,
    "v",
    "            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]\n            params[key] += self.v[key]\n",
  ),
  // §6.1.5 AdaGrad
  "adagrad-eps-inside-sqrt": {
    exercise: ADA,
    replace: [["(np.sqrt(self.h[key]) + 1e-7)", "np.sqrt(self.h[key] + 1e-7)"]],
  },
  "adagrad-without-root": { exercise: ADA, replace: [["(np.sqrt(self.h[key]) + 1e-7)", "(self.h[key] + 1e-7)"]] },
  "adagrad-without-square": {
    exercise: ADA,
    replace: [["self.h[key] += grads[key] * grads[key]", "self.h[key] += grads[key]"]],
  },
  "adagrad-overwrites-h": {
    exercise: ADA,
    replace: [["self.h[key] += grads[key] * grads[key]", "self.h[key] = grads[key] * grads[key]"]],
  },
  "adagrad-without-eps": { exercise: ADA, replace: [["(np.sqrt(self.h[key]) + 1e-7)", "np.sqrt(self.h[key])"]] },
  "adagrad-h-shared-between-keys": shared(
    ADA,
    "h",
    "            self.h[key] += grads[key] * grads[key]\n            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)\n",
  ),
  // §6.1.6 Adam
  "adam-without-bias-correction": {
    exercise: ADAM,
    replace: [
      ["lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)", "lr_t = self.lr"],
    ],
  },
  "adam-betas-swapped": {
    exercise: ADAM,
    replace: [
      [
        "np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)",
        "np.sqrt(1.0 - self.beta1 ** self.iter) / (1.0 - self.beta2 ** self.iter)",
      ],
      ["(1 - self.beta1) * (grads[key] - self.m[key])", "(1 - self.beta2) * (grads[key] - self.m[key])"],
      ["(1 - self.beta2) * (grads[key] ** 2 - self.v[key])", "(1 - self.beta1) * (grads[key] ** 2 - self.v[key])"],
    ],
  },
  "adam-late-iter": {
    exercise: ADAM,
    replace: [
      ["        self.iter += 1\n        lr_t", "        lr_t"],
      ["(1.0 - self.beta1 ** self.iter)\n", "(1.0 - self.beta1 ** self.iter)\n        self.iter += 1\n"],
    ],
  },
  "adam-paper-form": {
    exercise: ADAM,
    replace: [
      [
        "params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)",
        "m_hat = self.m[key] / (1 - self.beta1 ** self.iter)\n            v_hat = self.v[key] / (1 - self.beta2 ** self.iter)\n            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)",
      ],
    ],
  },
  "adam-iter-per-key": {
    exercise: ADAM,
    replace: [
      [
        "        self.iter += 1\n        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)\n",
        "",
      ],
      [
        "        for key in params.keys():\n",
        "        for key in params.keys():\n            self.iter += 1\n            lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)\n",
      ],
    ],
  },
  // §6.1.5 RMSprop
  "rmsprop-accumulates-like-adagrad": {
    exercise: RMS,
    replace: [
      ["            self.h[key] *= self.decay_rate\n", ""],
      ["(1 - self.decay_rate) * grads[key] * grads[key]", "grads[key] * grads[key]"],
    ],
  },
  "rmsprop-rho-swapped": {
    exercise: RMS,
    replace: [
      ["self.h[key] *= self.decay_rate", "self.h[key] *= 1 - self.decay_rate"],
      ["(1 - self.decay_rate) * grads[key] * grads[key]", "self.decay_rate * grads[key] * grads[key]"],
    ],
  },
  "rmsprop-h-not-decayed": { exercise: RMS, replace: [["            self.h[key] *= self.decay_rate\n", ""]] },
  "rmsprop-h-shared-between-keys": shared(
    RMS,
    "h",
    "            self.h[key] *= self.decay_rate\n            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]\n            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)\n",
  ),
  // Nesterov (optimizer.py)
  "nesterov-as-momentum": {
    exercise: NAG,
    replace: [
      [
        "            params[key] += self.momentum * self.momentum * self.v[key]\n            params[key] -= (1 + self.momentum) * self.lr * grads[key]\n            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]",
        "            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]\n            params[key] += self.v[key]",
      ],
    ],
  },
  "nesterov-pre-2021": {
    exercise: NAG,
    replace: [
      [
        "            params[key] += self.momentum * self.momentum * self.v[key]\n            params[key] -= (1 + self.momentum) * self.lr * grads[key]\n            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]",
        "            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]\n            params[key] += self.momentum * self.momentum * self.v[key]\n            params[key] -= (1 + self.momentum) * self.lr * grads[key]",
      ],
    ],
  },
  "nesterov-v-shared-between-keys": shared(
    NAG,
    "v",
    "            params[key] += self.momentum * self.momentum * self.v[key]\n            params[key] -= (1 + self.momentum) * self.lr * grads[key]\n            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]\n",
  ),
  // §6.2 initial weights
  "init-xavier-he-swapped": {
    exercise: INIT,
    replace: [
      ["('relu', 'he'):\n        return np.sqrt(2.0 / n)", "('relu', 'he'):\n        return np.sqrt(1.0 / n)"],
      [
        "('sigmoid', 'xavier'):\n        return np.sqrt(1.0 / n)",
        "('sigmoid', 'xavier'):\n        return np.sqrt(2.0 / n)",
      ],
    ],
  },
  "he-with-1-over-n": { exercise: INIT, replace: [["np.sqrt(2.0 / n)", "np.sqrt(1.0 / n)"]] },
  "init-fan-out": {
    exercise: INIT,
    replace: [["init_std(weight_init_std, n_in)", "init_std(weight_init_std, n_out)"]],
  },
  "init-shape-swapped": { exercise: INIT, replace: [["np.random.randn(n_in, n_out)", "np.random.randn(n_out, n_in)"]] },
  // §6.3.1 BatchNorm forward
  "batchnorm-unbiased-variance": {
    exercise: BNF,
    replace: [["var = np.mean(xc ** 2, axis=0)", "var = np.sum(xc ** 2, axis=0) / (x.shape[0] - 1)"]],
  },
  "batchnorm-eps-1e-7": { exercise: BNF, replace: [["std = np.sqrt(var + 10e-7)", "std = np.sqrt(var + 1e-7)"]] },
  "batchnorm-test-uses-batch-statistics": {
    exercise: BNF,
    replace: [["        if train_flg:\n", "        if True:\n"]],
  },
  "batchnorm-running-stats-in-training": {
    exercise: BNF,
    replace: [
      [
        "        else:\n            xc = x - self.running_mean\n            xn = xc / np.sqrt(self.running_var + 10e-7)",
        "        xc = x - self.running_mean\n        xn = xc / np.sqrt(self.running_var + 10e-7)",
      ],
    ],
  },
  "batchnorm-replaces-running": {
    exercise: BNF,
    replace: [
      ["self.momentum * self.running_mean + (1 - self.momentum) * mu", "mu"],
      ["self.momentum * self.running_var + (1 - self.momentum) * var", "var"],
    ],
  },
  "batchnorm-variance-wrong-axis": {
    exercise: BNF,
    replace: [
      ["mu = x.mean(axis=0)", "mu = x.mean(axis=1, keepdims=True)"],
      ["var = np.mean(xc ** 2, axis=0)", "var = np.mean(xc ** 2, axis=1, keepdims=True)"],
      ["self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu", "pass"],
      ["self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var", "pass"],
    ],
  },
  // §6.3.1 BatchNorm backward
  "batchnorm-backward-missing-mean-term": {
    exercise: BNB,
    replace: [["dx = dxc - dmu / self.batch_size", "dx = dxc"]],
  },
  "batchnorm-dgamma-from-xc": {
    exercise: BNB,
    replace: [["np.sum(self.xn * dout, axis=0)", "np.sum(self.xc * dout, axis=0)"]],
  },
  "batchnorm-backward-std-constant": {
    exercise: BNB,
    replace: [["        dxc += (2.0 / self.batch_size) * self.xc * dvar\n", ""]],
  },
  // §6.4.2 weight decay
  "weight-decay-loss-on-biases": {
    exercise: WD,
    replace: [
      [
        "        if re.fullmatch(r'W\\d+', key):\n            weight_decay +=",
        "        if True:\n            weight_decay +=",
      ],
    ],
  },
  "weight-decay-gradient-on-biases": {
    exercise: WD,
    replace: [
      ["        if re.fullmatch(r'W\\d+', key):\n            out[key] =", "        if True:\n            out[key] ="],
    ],
  },
  "weight-decay-missing-from-gradient": {
    exercise: WD,
    replace: [["out[key] = grad + weight_decay_lambda * params[key]", "out[key] = grad"]],
  },
  "weight-decay-without-half": {
    exercise: WD,
    replace: [["weight_decay += 0.5 * weight_decay_lambda", "weight_decay += weight_decay_lambda"]],
  },
  // §6.4.3 Dropout
  "dropout-backward-without-mask": { exercise: DROP, replace: [["return dout * self.mask", "return dout"]] },
  "dropout-inverted": {
    exercise: DROP,
    replace: [
      ["return x * self.mask", "return x * self.mask / (1.0 - self.dropout_ratio)"],
      ["return x * (1.0 - self.dropout_ratio)", "return x"],
    ],
  },
  "dropout-scaled-in-training": {
    exercise: DROP,
    replace: [["return x * self.mask", "return x * self.mask / (1.0 - self.dropout_ratio)"]],
  },
  "dropout-reuses-one-mask": {
    exercise: DROP,
    replace: [
      [
        "            self.mask = np.random.rand",
        "            if self.mask is None:\n                self.mask = np.random.rand",
      ],
    ],
  },
  // §6.5 search
  "search-linear-scale": {
    exercise: SEARCH,
    replace: [["return 10 ** np.random.uniform(low, high)", "return np.random.uniform(10 ** low, 10 ** high)"]],
  },
  "validation-no-shuffle": {
    exercise: SEARCH,
    replace: [["permutation = np.random.permutation(x.shape[0])", "permutation = np.arange(x.shape[0])"]],
  },
  "validation-labels-shuffled-separately": {
    exercise: SEARCH,
    replace: [["t = t[permutation]", "t = t[np.random.permutation(t.shape[0])]"]],
  },
  "validation-count-rounded": {
    exercise: SEARCH,
    // rounding half up, as people write it by hand (Python's own round() rounds half to even)
    replace: [
      [
        "validation_num = int(x.shape[0] * validation_rate)",
        "validation_num = int(x.shape[0] * validation_rate + 0.5)",
      ],
    ],
  },
  "search-lr-drawn-first": {
    exercise: SEARCH,
    replace: [
      [
        "    weight_decay = log_uniform(*ranges['weight_decay'])\n    lr = log_uniform(*ranges['lr'])",
        "    lr = log_uniform(*ranges['lr'])\n    weight_decay = log_uniform(*ranges['weight_decay'])",
      ],
    ],
  },
};

/** A solution section with a patch applied; an Error naming the replacement that does not match exactly once. */
export function applyPatch(solution: string, id: string, p: PythonPatch): string {
  let text = solution;
  for (const [from, to] of p.replace) {
    const count = text.split(from).length - 1;
    if (count !== 1)
      throw new Error(
        `mistakes/python: patch "${id}" expects ${JSON.stringify(from)} once in ${p.exercise}'s solution.py, found it ${count} times`,
      );
    text = text.replace(from, () => to);
  }
  return text;
}
