/**
 * Deno's file access: `Deno.statSync`, and `Deno.open` with a seek for each range. Deno has no
 * sendfile, so every body is a stream of bounded reads.
 *
 * @module
 */

import { Http404 } from "../errors.ts";
import { segmentStream } from "./stream.ts";
import { type FileInfo, type FileRuntime, fileSystemError, notRegularFile, type OpenFile } from "./types.ts";

interface DenoFileInfo {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtime: Date | null;
  ino: number | null;
  mode: number | null;
}

interface DenoFsFile {
  read(into: Uint8Array): Promise<number | null>;
  seek(offset: number, whence: number): Promise<number>;
  close(): void;
}

interface DenoNamespace {
  statSync(path: string): DenoFileInfo;
  openSync(path: string, options: { read: boolean }): { close(): void };
  open(path: string, options: { read: boolean }): Promise<DenoFsFile>;
}

const SEEK_START = 0;
const OTHERS_MAY_READ = 0o004;

function deno(): DenoNamespace {
  return (globalThis as unknown as { Deno: DenoNamespace }).Deno;
}

/**
 * Stats `path` with `Deno.statSync`. Deno has no access(2): a file that everyone may read is
 * readable as it is; any other is opened and closed at once to learn whether this process may
 * read it (the body opens it again when it is read).
 */
function denoStat(path: string): FileInfo {
  const Deno = deno();
  let info: DenoFileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    return fileSystemError(error);
  }
  if (info.isDirectory) throw new Http404();
  if (!info.isFile) throw notRegularFile();
  if (info.mode === null || (info.mode & OTHERS_MAY_READ) === 0) {
    try {
      Deno.openSync(path, { read: true }).close();
    } catch (error) {
      return fileSystemError(error);
    }
  }
  return { path, size: info.size, mtimeMs: info.mtime?.getTime() ?? 0, ino: info.ino ?? 0 };
}

async function denoOpen(path: string): Promise<OpenFile> {
  const file = await deno().open(path, { read: true });
  let offset = 0;
  return {
    async read(into, position) {
      if (position !== offset) offset = await file.seek(position, SEEK_START);
      const n = (await file.read(into)) ?? 0;
      offset += n;
      return n;
    },
    close() {
      try {
        file.close();
      } catch {
        // already closed
      }
    },
  };
}

/**
 * Deno: `Deno.statSync`, and a pull-based stream over `Deno.open` for the body. Deno.serve
 * cancels the body when the client goes away, which closes the file; the request's signal is
 * left alone (Deno.serve also aborts it when a response completes, and warns when it is watched).
 */
export const denoRuntime: FileRuntime = {
  stat: denoStat,
  body: (plan) => ({ body: plan.head ? null : segmentStream(denoOpen, plan) }),
};
