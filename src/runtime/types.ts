/**
 * What `FileResponse` needs from a runtime, and the error mapping the adapters share.
 *
 * @module
 */

import { Http404, HttpError } from "../errors.ts";
import type { Segment } from "../range.ts";

/** A regular, readable file as a synchronous stat found it. */
export interface FileInfo {
  /** The path it was found at. */
  path: string;
  /** Its length in bytes. */
  size: number;
  /** Its modification time in milliseconds (fractional where the runtime knows better). */
  mtimeMs: number;
  /** Its inode number; 0 where the platform has none. */
  ino: number;
}

/** An open file, read at explicit positions. */
export interface OpenFile {
  /** Reads up to `into.byteLength` bytes at `position`; resolves with the count, 0 at the end. */
  read(into: Uint8Array, position: number): Promise<number>;
  /** Closes the file; never throws. */
  close(): void;
}

/** What a response body is made of, for {@link FileRuntime.body}. */
export interface BodyPlan {
  /** The file. */
  file: FileInfo;
  /** The body in order: literal bytes and byte ranges of the file. */
  segments: Segment[];
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
}

/** A body from {@link FileRuntime.body}, and any header the runtime's server needs with it. */
export interface FileBody {
  /** The body; `null` for HEAD. */
  body: ReadableStream<Uint8Array> | Blob | null;
  /** Headers to add to the response. */
  headers?: Record<string, string>;
}

/** One runtime's file access: the only place where Deno, Bun and Node differ. */
export interface FileRuntime {
  /**
   * Stats `path` synchronously.
   * @throws {Http404} when there is no file there, or a directory.
   * @throws {HttpError} 403 when it is not a regular file or cannot be read.
   */
  stat(path: string): FileInfo;
  /** The response body for `plan`; the file is opened only when the body is first read. */
  body(plan: BodyPlan): FileBody;
}

const MISSING = new Set(["NotFound", "NotADirectory", "FilesystemLoop", "ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG"]);
const FORBIDDEN = new Set(["PermissionDenied", "NotCapable", "EACCES", "EPERM"]);

/**
 * Turns a file-system error into the HTTP error it means — 404 for a missing file, 403 for a
 * refused one — and rethrows anything else. The messages name no path: 4xx messages reach the
 * client.
 */
export function fileSystemError(error: unknown): never {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (MISSING.has(name ?? "") || MISSING.has(code ?? "")) throw new Http404(undefined, { cause: error });
  if (FORBIDDEN.has(name ?? "") || FORBIDDEN.has(code ?? "")) throw new HttpError(403, undefined, { cause: error });
  throw error;
}

/** The error for a path that is there but is no regular file (a FIFO, a socket, a device). */
export function notRegularFile(): HttpError {
  return new HttpError(403, "Not a regular file");
}

/**
 * True when the permission bits let any process read the file: the owner, the group and everyone
 * else may all read it (POSIX checks the owner's bits for the owner, the group's for its members,
 * the others' for the rest), so no access check is needed to know it.
 */
export function everyoneMayRead(mode: number | null | undefined): boolean {
  return mode !== null && mode !== undefined && (mode & 0o444) === 0o444;
}
