/**
 * The settings of a supervised Python run in the Python-port specs: a few runs per property (the
 * props specs run the laws in full) and generous limits (the machine may be loaded).
 */
export const CONFIG = { checkTimeoutS: 90, numRuns: 4, replayCommand: "test" };
