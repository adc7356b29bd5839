/**
 * The contract the laws check: the reference's public surface (src/index.ts). Any implementation
 * exported with these names and shapes can be run through every law (conformance/laws/registry.ts).
 */
import * as referenceNamespace from "../../src/index.js";

export type Impl = typeof import("../../src/index.js");

/** The book-faithful reference implementation in src/, as an Impl. */
export const reference: Impl = referenceNamespace;

/** An instance of the implementation's Matrix. */
export type Mat = InstanceType<Impl["Matrix"]>;
