/**
 * What an exercise is: a list of checks, each a plain function that gets the learner's module
 * (or the stub, or the reference solution: the same checks run against all three) and throws
 * a teaching failure when the module does not do what the book does.
 */

export interface Check<M> {
  /** What the check claims, in plain words ("two hand-worked steps, lr 0.1"). */
  name: string;
  run(mod: M): void | Promise<void>;
}

export interface ExerciseSpec<M> {
  /** The names the learner's module must export. */
  exports: string[];
  checks: Check<M>[];
}

/** A mistake a planted variant makes, and the words its failure message must contain. */
export interface PlantedMistake {
  /** Its entry in the one registry of planted mistakes (mistakes/registry.ts), which names it. */
  id: string;
  /** A fragment the failure message must contain: the message names the mistake. */
  says: string;
  /** The variant: a module shaped like the exercise's, with that one mistake. */
  module: unknown;
}
