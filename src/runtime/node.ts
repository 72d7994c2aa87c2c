/**
 * Node's file access (`node:fs`), which Bun shares for everything but the body. The module is
 * reached through `process.getBuiltinModule`, so importing this library never needs `node:fs`
 * where there is none (a browser, a worker).
 *
 * @module
 */

import { Http404 } from "../errors.ts";
import { segmentStream } from "./stream.ts";
import {
  everyoneMayRead,
  type FileInfo,
  type FileRuntime,
  fileSystemError,
  notRegularFile,
  type OpenFile,
} from "./types.ts";

interface NodeStats {
  isFile(): boolean;
  isDirectory(): boolean;
  size: number;
  mtimeMs: number;
  ino: number;
  mode: number;
}

interface NodeFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

interface NodeFs {
  statSync(path: string): NodeStats;
  accessSync(path: string, mode: number): void;
  constants: { R_OK: number };
  promises: { open(path: string, flags: string): Promise<NodeFileHandle> };
}

interface NodeProcess {
  getBuiltinModule?(id: string): unknown;
}

let fs: NodeFs | undefined;

function nodeFs(): NodeFs {
  if (fs !== undefined) return fs;
  const loaded = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.("node:fs") as NodeFs | undefined;
  if (loaded === undefined) {
    throw new Error(
      "FileResponse: this runtime has no file system API it can use (it needs Deno, Bun, or Node 20.16 or later)",
    );
  }
  return (fs = loaded);
}

/** Stats `path` with `node:fs`: a regular file that this process may read, or the HTTP error. */
export function nodeStat(path: string): FileInfo {
  const fs = nodeFs();
  let stats: NodeStats;
  try {
    stats = fs.statSync(path);
  } catch (error) {
    return fileSystemError(error);
  }
  if (stats.isDirectory()) throw new Http404();
  if (!stats.isFile()) throw notRegularFile();
  if (!everyoneMayRead(stats.mode)) {
    try {
      fs.accessSync(path, fs.constants.R_OK);
    } catch (error) {
      return fileSystemError(error);
    }
  }
  return { path, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
}

/** Opens `path` for reading with `node:fs/promises`; reads are positional (pread). */
export async function nodeOpen(path: string): Promise<OpenFile> {
  const handle = await nodeFs().promises.open(path, "r");
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
 * Node: `node:fs` for the stat, a pull-based stream of positional reads for the body.
 * `@hono/node-server` cancels the body when the client goes away, which closes the file.
 */
export const nodeRuntime: FileRuntime = {
  stat: nodeStat,
  body: (plan) => ({ body: plan.head ? null : segmentStream(nodeOpen, plan) }),
};
