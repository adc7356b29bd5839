/**
 * Type-level proof, checked by `tsc` (npm test): every stub and every reference solution has the
 * shape its exercise's checks expect (the `Module` of its spec.ts). Nothing here runs.
 */

/** Compiles only when U is assignable to T. */
type Satisfies<T, U extends T> = [T, U];

export type Shape01 = [
  Satisfies<import("./01-sgd/spec.js").Module, typeof import("./01-sgd/stub.js")>,
  Satisfies<import("./01-sgd/spec.js").Module, typeof import("./01-sgd/solution.js")>,
];
export type Shape02 = [
  Satisfies<import("./02-momentum/spec.js").Module, typeof import("./02-momentum/stub.js")>,
  Satisfies<import("./02-momentum/spec.js").Module, typeof import("./02-momentum/solution.js")>,
];
export type Shape03 = [
  Satisfies<import("./03-adagrad/spec.js").Module, typeof import("./03-adagrad/stub.js")>,
  Satisfies<import("./03-adagrad/spec.js").Module, typeof import("./03-adagrad/solution.js")>,
];
export type Shape04 = [
  Satisfies<import("./04-adam/spec.js").Module, typeof import("./04-adam/stub.js")>,
  Satisfies<import("./04-adam/spec.js").Module, typeof import("./04-adam/solution.js")>,
];
export type Shape05 = [
  Satisfies<import("./05-rmsprop/spec.js").Module, typeof import("./05-rmsprop/stub.js")>,
  Satisfies<import("./05-rmsprop/spec.js").Module, typeof import("./05-rmsprop/solution.js")>,
];
export type Shape06 = [
  Satisfies<import("./06-nesterov/spec.js").Module, typeof import("./06-nesterov/stub.js")>,
  Satisfies<import("./06-nesterov/spec.js").Module, typeof import("./06-nesterov/solution.js")>,
];
export type Shape07 = [
  Satisfies<import("./07-init/spec.js").Module, typeof import("./07-init/stub.js")>,
  Satisfies<import("./07-init/spec.js").Module, typeof import("./07-init/solution.js")>,
];
export type Shape08 = [
  Satisfies<import("./08-batchnorm-forward/spec.js").Module, typeof import("./08-batchnorm-forward/stub.js")>,
  Satisfies<import("./08-batchnorm-forward/spec.js").Module, typeof import("./08-batchnorm-forward/solution.js")>,
];
export type Shape09 = [
  Satisfies<import("./09-batchnorm-backward/spec.js").Module, typeof import("./09-batchnorm-backward/stub.js")>,
  Satisfies<import("./09-batchnorm-backward/spec.js").Module, typeof import("./09-batchnorm-backward/solution.js")>,
];
export type Shape10 = [
  Satisfies<import("./10-weight-decay/spec.js").Module, typeof import("./10-weight-decay/stub.js")>,
  Satisfies<import("./10-weight-decay/spec.js").Module, typeof import("./10-weight-decay/solution.js")>,
];
export type Shape11 = [
  Satisfies<import("./11-dropout/spec.js").Module, typeof import("./11-dropout/stub.js")>,
  Satisfies<import("./11-dropout/spec.js").Module, typeof import("./11-dropout/solution.js")>,
];
export type Shape12 = [
  Satisfies<import("./12-search/spec.js").Module, typeof import("./12-search/stub.js")>,
  Satisfies<import("./12-search/spec.js").Module, typeof import("./12-search/solution.js")>,
];
