/**
 * vitest globalSetup: the Python interpreter is asked for its path once for the whole test run
 * (conformance/hosts/python/interpreter.ts), before the workers start, so that they and every
 * process they start inherit DLFS_PYTHON instead of each asking `python3` again (with pyenv, its
 * shell script costs about 0.6 s of CPU per start). Without NumPy nothing is exported and the
 * specs that need the host say so themselves.
 */
import { pythonInterpreter } from "../../conformance/hosts/python/interpreter.js";

export default function setup(): void {
  pythonInterpreter();
}
