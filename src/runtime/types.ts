/**
 * What `FileResponse` needs from a runtime. The adapters report what they find as values — a
 * file, or why there is none — and leave it to the HTTP layer (`src/file.ts`) to decide what
 * each means to a client.
 *
 * @module
 */

import type { Segment } from "../range.ts";

/** A regular, readable file as a synchronous stat found it. */
export interface FileInfo {
  /** The path it was found at. */
  path: string;
  /** Its length in bytes. */
  size: number;
  /**
   * Its modification time in milliseconds (fractional where the runtime knows better);
   * `undefined` where the platform does not know it (Deno Deploy's null, workerd's 0).
   */
  mtimeMs: number | undefined;
  /** Its inode number; 0 where the platform has none. */
  ino: number;
  /** The device it is on; 0 where the platform has none. With `ino`, `size` and `mtimeMs`: its identity. */
  dev: number;
}

/**
 * Why a path names no file that can be served: nothing there (or a directory), a file this
 * process may not read, something that is not a regular file (a FIFO, a socket, a device), or
 * no file system on this runtime at all.
 */
export type FileProblem = "missing" | "forbidden" | "not a regular file" | "no file system";

/** A path that names no file that can be served, and the error that said so, if any. */
export interface FileFailure {
  /** What is wrong. */
  problem: FileProblem;
  /** The file-system error behind it. */
  cause?: unknown;
}

/** What a stat of a path finds: the file, or why there is none. */
export type FileLookup = FileInfo | FileFailure;

/** An open file, read at explicit positions. */
export interface OpenFile {
  /** Reads up to `into.byteLength` bytes at `position`; resolves with the count, 0 at the end. */
  read(into: Uint8Array, position: number): Promise<number>;
  /** Closes the file; never throws. */
  close(): void;
}

/** What a response body is made of, for the bodies of {@link FileRuntime}. */
export interface BodyPlan {
  /** The body in order: literal bytes and byte ranges of the file (or Blob, or source). */
  segments: Segment[];
  /** The body's length in bytes. */
  length: number;
  /** The most bytes one read asks for. */
  chunkSize: number;
  /** True for a HEAD response: the headers of the body, and no body. */
  head: boolean;
  /** The request being answered, if the response has one. */
  request: Request | undefined;
  /** True when the request has a Range header that this response does not honour (a full 200). */
  rangeIgnored: boolean;
  /** True when the response already carries a Content-Disposition. */
  disposition: boolean;
  /** The response's Content-Type. */
  type: string;
}

/** A body from {@link FileRuntime.body}, and any header the runtime's server needs with it. */
export interface FileBody {
  /** The body; `null` for HEAD. */
  body: ReadableStream<Uint8Array> | Blob | null;
  /** Headers to add to the response. */
  headers?: Record<string, string>;
}

/** What a source's `read(start, end)` returns: the bytes from `start` up to but not including `end`. */
export type RangeBytes = ReadableStream<Uint8Array> | Blob;

/** A source's `read(start, end)`. */
export type RangeReader = (start: number, end: number) => RangeBytes | Promise<RangeBytes>;

/** One runtime's file access and bodies: the only place where Deno, Bun, Node and workerd differ. */
export interface FileRuntime {
  /** Stats `path` synchronously: the regular, readable file there, or why there is none. */
  stat(path: string): FileLookup;
  /** The body of `file` for `plan`; the file is opened only when the body is first read. */
  fileBody(file: FileInfo, plan: BodyPlan): FileBody;
  /** The body of `blob` for `plan`: a slice for one range, never a copy. */
  blobBody(blob: Blob, plan: BodyPlan): FileBody;
  /** The body that `read` delivers for `plan`, called once per range, only when the body is read. */
  sourceBody(read: RangeReader, plan: BodyPlan): FileBody;
  /** True when the runtime's server sends no `Date` on a response to HEAD, so the response must carry its own. */
  headWithoutDate?: boolean;
}

/** True when `a` and `b` are the same version of a file: device, inode, size and modification time. */
export function sameVersion(a: FileInfo, b: FileInfo): boolean {
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size && a.dev === b.dev;
}

/** True for a lookup that found no file. */
export function isFailure(lookup: FileLookup): lookup is FileFailure {
  return "problem" in lookup;
}
