/**
 * `npm run learn`: learn mode (see learn/cli.ts and `npm run learn -- --help`).
 */
import { main } from "../learn/cli.js";

process.exitCode = await main(process.argv.slice(2));
