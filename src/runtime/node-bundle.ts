/**
 * bundleForNode: turns an entry (JavaScript that imports TypeScript modules of the project) into one
 * plain-JavaScript file that Node runs without tsx, cached by content under node_modules/.cache.
 * The code is node-bundle-core.mjs, plain JavaScript so that the command launcher (scripts/run.mjs)
 * can bundle a command before any TypeScript runs; this module gives TypeScript its types
 * (node-bundle-core.d.mts). How it works and its caveats: see node-bundle-core.mjs.
 */
export { BUNDLE_DIR, bundleForNode, fallbackBundleDir } from "./node-bundle-core.mjs";
