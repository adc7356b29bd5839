/** Types of node-bundle-core.mjs (plain JavaScript, shared by scripts/run.mjs and the TypeScript modules). */

/** Where bundles are written: the project's node_modules/.cache (bare imports resolve from there). */
export declare const BUNDLE_DIR: string;

/**
 * Where bundles go when BUNDLE_DIR cannot be written: a folder of this project (named by a hash of
 * its node_modules path) in $XDG_CACHE_HOME, or else the OS temp folder, read when called.
 */
export declare function fallbackBundleDir(): string;

/**
 * Bundles `entry` (JavaScript source; its imports are absolute paths or packages) into a file in
 * BUNDLE_DIR and returns the file's URL. Rejects with esbuild's messages (file, line, text) when a
 * module cannot be resolved or parsed. Calls made at the same time are served one after another.
 */
export declare function bundleForNode(entry: string, options?: BundleOptions): Promise<URL>;

export interface BundleOptions {
  /**
   * Reject (an Error with `refused: true`) a bundle that could behave unlike its sources under tsx:
   * esbuild warned (a computed import() or require() it leaves unbundled), a CommonJS module, or a
   * module outside the project importing a package. The caller runs the sources through tsx instead.
   */
  sameAsTsx?: boolean;
  /** With sameAsTsx: modules (absolute paths) whose warnings do not count (their computed import() is never taken when run from this bundle). */
  trusted?: string[];
}
