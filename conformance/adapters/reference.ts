/**
 * Example adapter 1: the reference implementation itself. Its names are already the contract's,
 * so the mapping is the module namespace. It must pass every check.
 */
import * as reference from "../../src/index.js";
import { CAPABILITY_NAMES, type Adapter } from "../contract.js";

const adapter: Adapter = {
  name: "reference (src/)",
  provides: CAPABILITY_NAMES,
  impl: reference,
};

export default adapter;
