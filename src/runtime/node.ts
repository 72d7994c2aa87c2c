/**
 * Node's file access (`node:fs`, see `./fs.ts`), which Bun shares for everything but the body.
 *
 * @module
 */

import { type NodeFs, nodeFs } from "./fs.ts";
import { blobBody, sourceBody } from "./source.ts";
import { type StatCalls, statRegularFile } from "./stat.ts";
import { segmentStream } from "./stream.ts";
import type { FileLookup, FileRuntime, OpenFile } from "./types.ts";

/** `node:fs`'s calls for {@link statRegularFile}, once {@link nodeStat} has found `node:fs`. */
const NODE_CALLS: StatCalls = {
  stat(path) {
    const stats = (nodeFs() as NodeFs).statSync(path);
    return {
      isFile: stats.isFile(),
      isDirectory: stats.isDirectory(),
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ino: stats.ino,
      dev: stats.dev,
      mode: stats.mode,
    };
  },
  checkRead(path) {
    const fs = nodeFs() as NodeFs;
    fs.accessSync(path, fs.constants.R_OK);
  },
};

/** Stats `path` with `node:fs`: a regular file that this process may read, or why there is none. */
export function nodeStat(path: string): FileLookup {
  if (nodeFs() === undefined) return { problem: "no file system" };
  return statRegularFile(path, NODE_CALLS);
}

/** Opens `path` for reading with `node:fs/promises`; reads are positional (pread). */
export async function nodeOpen(path: string): Promise<OpenFile> {
  const handle = await (nodeFs() as NodeFs).promises.open(path, "r");
  return {
    async read(into, position) {
      return (await handle.read(into, 0, into.byteLength, position)).bytesRead;
    },
    close() {
      handle.close().catch(() => {});
    },
  };
}

/**
 * Node, and every runtime that is neither Deno nor Bun (workerd): `node:fs` for the stat, a
 * pull-based stream of positional reads for the body. `@hono/node-server` cancels the body when
 * the client goes away, which closes the file.
 */
export const nodeRuntime: FileRuntime = {
  stat: nodeStat,
  fileBody: (file, plan) => ({ body: plan.head ? null : segmentStream(nodeOpen, file.path, plan) }),
  blobBody: (blob, plan) => blobBody(blob, plan),
  sourceBody: (read, plan) => sourceBody(read, plan),
};
