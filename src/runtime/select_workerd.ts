/**
 * The file access of the Workers build (`npm run build` puts this module in place of
 * `./select.ts` for the `workerd` and `worker` export conditions): `node:fs`, which workerd has
 * with `nodejs_compat`, and the "no file system" `TypeError` without it. Choosing at build time
 * leaves the Deno and Bun adapters out of a Worker's bundle.
 *
 * @module
 */

import { nodeRuntime } from "./node.ts";
import type { FileRuntime } from "./types.ts";

/**
 * The file access on workerd: `node:fs` where the Worker has it.
 *
 * @example
 * ```ts
 * import { fileRuntime } from "./select_workerd.ts";
 * const lookup = fileRuntime.stat("/bundle/index.html");
 * if ("problem" in lookup) console.log(lookup.problem); // "no file system" without nodejs_compat
 * ```
 */
export const fileRuntime: FileRuntime = nodeRuntime;
