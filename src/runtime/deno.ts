/**
 * Deno's file access: `Deno.statSync`, and `Deno.open` with a seek for each range. Deno has no
 * sendfile, so every body is a stream of bounded reads.
 *
 * @module
 */

import { blobBody, sourceBody } from "./source.ts";
import { type StatCalls, statRegularFile } from "./stat.ts";
import { segmentStream } from "./stream.ts";
import type { BodyPlan, FileInfo, FileLookup, FileRuntime, OpenFile } from "./types.ts";

interface DenoFileInfo {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtime: Date | null;
  ino: number | null;
  dev: number | null;
  mode: number | null;
}

interface DenoFsFile {
  read(into: Uint8Array): Promise<number | null>;
  statSync(): DenoFileInfo;
  seek(offset: number, whence: number): Promise<number>;
  seekSync(offset: number, whence: number): number;
  readonly readable: ReadableStream<Uint8Array>;
  close(): void;
}

interface DenoNamespace {
  statSync(path: string): DenoFileInfo;
  openSync(path: string, options: { read: boolean }): DenoFsFile;
  open(path: string, options: { read: boolean }): Promise<DenoFsFile>;
}

const SEEK_START = 0;

function deno(): DenoNamespace {
  return (globalThis as unknown as { Deno: DenoNamespace }).Deno;
}

/**
 * Stats `path` with `Deno.statSync`. Deno has no access(2): a file that not everyone may read
 * is opened and closed at once to learn whether this process may read it (the body opens it
 * again when it is read).
 */
function denoStat(path: string): FileLookup {
  return statRegularFile(path, DENO_CALLS);
}

const DENO_CALLS: StatCalls = {
  stat(path) {
    const { isFile, isDirectory, size, mtime, ino, dev, mode } = deno().statSync(path);
    return { isFile, isDirectory, size, mtimeMs: mtime?.getTime() ?? null, ino, dev, mode };
  },
  checkRead: (path) => deno().openSync(path, { read: true }).close(),
};

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

// The keys under which Deno's streams keep the resource they read from, when they read from one
// (`FsFile.readable` does), and their state. Deno.serve sends a resource-backed stream from
// Rust; every other stream body it pumps through JavaScript, a fresh buffer per chunk, at about
// two thirds of the speed.
const STREAM_KEYS = "Deno" in globalThis ? Object.getOwnPropertySymbols(new ReadableStream()) : [];
const RESOURCE_BACKING = STREAM_KEYS.find((key) => key.description === "[[resourceBacking]]");
const STATE = STREAM_KEYS.find((key) => key.description === "[[state]]");
/** The key under which an open `Deno.FsFile` keeps its resource id, learned from the first file opened. */
let ridKey: symbol | undefined | null;

/**
 * The resource backing of `file` as its `readable` stream would report it — `{ rid, autoClose }`
 * — without making that stream (a ReadableStream costs Deno a small file's response a tenth of
 * its time); from the stream where the file's resource id cannot be found.
 */
function resourceOf(file: DenoFsFile): unknown {
  ridKey ??= Object.getOwnPropertySymbols(file).find((key) => key.description === "Deno.internal.rid") ?? null;
  const rid = ridKey === null ? undefined : (file as unknown as Record<symbol, unknown>)[ridKey];
  if (typeof rid === "number") return { rid, autoClose: true };
  return (file.readable as unknown as Record<symbol, unknown>)[RESOURCE_BACKING!];
}

/**
 * True when the open file is still the one the response was made for and nobody has written to
 * it for a second. Rust reads a resource to its end, whatever the Content-Length: a file that
 * grew would overrun it (HTTP/1.1 cuts the excess, HTTP/2 resets the stream), so a file that
 * changed, or may be changing, goes through the stream, which sends exactly what it promised.
 */
function settled(info: DenoFileInfo, file: FileInfo): boolean {
  const mtime = info.mtime?.getTime() ?? 0;
  return info.size === file.size && mtime === (file.mtimeMs ?? 0) && Date.now() - mtime >= SETTLED_MS;
}

const SETTLED_MS = 1000;

/**
 * The body of a plan that runs from `start` to the end of the file: the lazily opened stream,
 * behind a proxy that lets Deno.serve send it natively. Deno.serve asks a body for its resource
 * as it starts to send it; only then is the file opened (and sought to `start`), and its
 * resource handed over, for Rust to read and to close, also when the client goes away. A reader
 * in JavaScript that takes the resource instead (`response.bytes()` does) closes the stream
 * when it is done, which closes the file. One that asks for the resource and then reads the
 * stream after all (`pipeTo` into a stream without one) closes it with its first read, which
 * opens the file anew. If the file cannot be opened when the resource is asked for, or is not
 * {@link settled}, the stream is sent instead.
 */
function tailStream(file: FileInfo, plan: BodyPlan, start: number): ReadableStream<Uint8Array> {
  let asked = false;
  let native: DenoFsFile | undefined;
  const release = () => {
    const file = native;
    native = undefined;
    try {
      file?.close();
    } catch {
      // Rust closed it already
    }
  };
  const stream = segmentStream(
    (path) => {
      release();
      return denoOpen(path);
    },
    file.path,
    plan,
  );
  if (RESOURCE_BACKING === undefined || STATE === undefined) return stream;
  const slots = stream as unknown as Record<symbol, unknown>;
  let backing = slots[RESOURCE_BACKING];
  let state = slots[STATE];
  // Accessors on the two slots of this stream alone (a Proxy would stand in every property access
  // Deno.serve makes of the body, which costs a small file's response a sixth of its time).
  Object.defineProperty(stream, RESOURCE_BACKING, {
    configurable: true,
    enumerable: true,
    get() {
      if (asked) return backing;
      asked = true;
      try {
        native = deno().openSync(file.path, { read: true });
        if (settled(native.statSync(), file)) {
          if (start > 0) native.seekSync(start, SEEK_START);
          return resourceOf(native);
        }
      } catch {
        // Gone or unreadable since the response was made: the stream fails as it would have.
      }
      release();
      return backing;
    },
    set(value) {
      backing = value;
    },
  });
  Object.defineProperty(stream, STATE, {
    configurable: true,
    enumerable: true,
    get: () => state,
    set(value) {
      if (value !== "readable") release();
      state = value;
    },
  });
  return stream;
}

function denoBody(file: FileInfo, plan: BodyPlan): ReadableStream<Uint8Array> {
  const [only, ...more] = plan.segments;
  if (more.length === 0 && only !== undefined && !(only instanceof Uint8Array) && only.end === file.size - 1) {
    return tailStream(file, plan, only.start);
  }
  return segmentStream(denoOpen, file.path, plan);
}

/**
 * Deno: `Deno.statSync`, and a pull-based stream over `Deno.open` for the body, which
 * Deno.serve sends natively when it runs to the end of the file. Deno.serve cancels the body
 * when the client goes away, which closes the file; the request's signal is left alone
 * (Deno.serve also aborts it when a response completes, and warns when it is watched).
 */
export const denoRuntime: FileRuntime = {
  stat: denoStat,
  fileBody: (file, plan) => ({ body: plan.head ? null : denoBody(file, plan) }),
  blobBody: (blob, plan) => blobBody(blob, plan),
  sourceBody: (read, plan) => sourceBody(read, plan),
};
