/**
 * The one way this library reaches `node:fs`: through `process.getBuiltinModule`, on first use,
 * so that importing it never needs a file system where there is none (a browser, a worker).
 * Deno, Bun and Node all have it; the Node adapter and `serveFiles` both use it.
 *
 * @module
 */

import { classify } from "./stat.ts";
import type { FileFailure } from "./types.ts";

/** A `node:fs` stat result, as far as this library reads it. */
export interface NodeStats {
  isFile(): boolean;
  isDirectory(): boolean;
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  mode: number;
}

/** A `node:fs/promises` file handle, as far as this library uses it. */
export interface NodeFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/** The part of `node:fs` this library uses. */
export interface NodeFs {
  statSync(path: string): NodeStats;
  accessSync(path: string, mode: number): void;
  realpathSync(path: string): string;
  constants: { R_OK: number };
  promises: { open(path: string, flags: string): Promise<NodeFileHandle> };
}

interface NodeProcess {
  platform?: string;
  getBuiltinModule?(id: string): unknown;
}

const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

let loaded: NodeFs | null | undefined;

/** `node:fs`, or `undefined` on a runtime that has none. */
export function nodeFs(): NodeFs | undefined {
  if (loaded === undefined) loaded = (nodeProcess()?.getBuiltinModule?.("node:fs") as NodeFs | undefined) ?? null;
  return loaded ?? undefined;
}

/** What a directory server (`serveFiles`) needs of the file system. */
export interface DirectoryAccess {
  /** The real path of `path` (symlinks resolved), or why there is none; any error it cannot name counts as missing. */
  realPath(path: string): string | FileFailure;
  /** True when `path` is a directory; false when it is anything else, or gone. */
  isDirectory(path: string): boolean;
  /** The path of a `file:` URL. */
  pathOf(url: URL): string;
  /** The path separator: `\` on Windows, else `/`. */
  separator: "/" | "\\";
}

/** The file system as a directory server uses it, or `undefined` on a runtime that has none. */
export function directoryAccess(): DirectoryAccess | undefined {
  const fs = nodeFs();
  const url = nodeProcess()?.getBuiltinModule?.("node:url") as { fileURLToPath(url: URL): string } | undefined;
  if (fs === undefined || url === undefined) return undefined;
  return {
    realPath(path) {
      try {
        return fs.realpathSync(path);
      } catch (error) {
        return classify(error) ?? { problem: "missing", cause: error };
      }
    },
    isDirectory(path) {
      try {
        return fs.statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
    pathOf: (fileUrl) => url.fileURLToPath(fileUrl),
    separator: nodeProcess()?.platform === "win32" ? "\\" : "/",
  };
}
