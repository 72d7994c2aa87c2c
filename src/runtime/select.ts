/**
 * Picks the file access of the runtime this code runs on. The Workers build of the npm package
 * uses `./select_workerd.ts` in its place (chosen by `npm run build`, not here).
 *
 * @module
 */

import { bunRuntime } from "./bun.ts";
import { denoRuntime } from "./deno.ts";
import { nodeRuntime } from "./node.ts";
import type { FileRuntime } from "./types.ts";

const g = globalThis as { Bun?: unknown; Deno?: unknown };

/** The file access for this runtime: Bun's, Deno's, or `node:fs` everywhere else. */
export const fileRuntime: FileRuntime = g.Bun !== undefined
  ? bunRuntime
  : g.Deno !== undefined
  ? denoRuntime
  : nodeRuntime;
