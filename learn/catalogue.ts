/**
 * The exercises of learn mode, in the order the learner meets them: the book's order through
 * chapter 6 (§6.1 updates, §6.2 initial weights, §6.3 BatchNorm, §6.4 regularisation, §6.5
 * hyperparameters). Each lives in learn/exercises/<id>/ as stub.ts, solution.ts, spec.ts,
 * hints.md and mistakes.ts; the learner's copy is <workspace>/<id>.ts.
 */

export interface ExerciseInfo {
  /** Folder name and workspace file name (without .ts): "01-sgd". */
  id: string;
  /** Short title: "SGD". */
  title: string;
  /** Book section: "§6.1.2". */
  section: string;
}

export const EXERCISES: readonly ExerciseInfo[] = [
  { id: "01-sgd", title: "SGD", section: "§6.1.2" },
  { id: "02-momentum", title: "Momentum", section: "§6.1.4" },
  { id: "03-adagrad", title: "AdaGrad", section: "§6.1.5" },
  { id: "04-adam", title: "Adam", section: "§6.1.6" },
  { id: "05-rmsprop", title: "RMSprop", section: "§6.1.5 (note)" },
  { id: "06-nesterov", title: "Nesterov", section: "§6.1 (optimizer.py)" },
  { id: "07-init", title: "Xavier and He initial weights", section: "§6.2.2–6.2.3" },
  { id: "08-batchnorm-forward", title: "BatchNorm forward", section: "§6.3.1" },
  { id: "09-batchnorm-backward", title: "BatchNorm backward", section: "§6.3.1" },
  { id: "10-weight-decay", title: "Weight decay", section: "§6.4.2" },
  { id: "11-dropout", title: "Dropout", section: "§6.4.3" },
  { id: "12-search", title: "Hyperparameter search", section: "§6.5" },
];

/** Finds an exercise by id ("02-momentum"), number ("2", "02") or name ("momentum"); null if none. */
export function findExercise(name: string): ExerciseInfo | null {
  const n = name.trim().toLowerCase();
  if (n === "") return null;
  for (const ex of EXERCISES) {
    const [num, ...rest] = ex.id.split("-");
    if (n === ex.id || n === num || n === String(Number(num)) || n === rest.join("-")) return ex;
  }
  return null;
}
