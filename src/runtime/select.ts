/**
 * Picks the file access of the runtime this code runs on.
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
