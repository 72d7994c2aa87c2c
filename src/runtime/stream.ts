/**
 * The one streaming body every runtime uses where it cannot hand the file to the server:
 * pull-based, opened on the first read, read in bounded chunks, closed on end, error, cancel
 * and client disconnect.
 *
 * @module
 */

import type { ByteRange } from "../range.ts";
import type { BodyPlan, OpenFile } from "./types.ts";

/** The pieces of a body, one at a time, and a way to let go of what they read from. */
export interface ChunkSource {
  /** The next piece; `undefined` at the end. */
  next(): Promise<Uint8Array | undefined>;
  /** Releases what the pieces are read from; called once, whether or not the end was reached. */
  close(): void;
}

/** The file at `path`, opened on first use, and closed by `close()` even while it is being opened. */
class LazyFile {
  /** The file once it is open: later reads use it without awaiting the opening again. */
  opened: OpenFile | undefined;
  #opening: Promise<OpenFile> | undefined;
  #closed = false;

  constructor(readonly open: (path: string) => Promise<OpenFile>, readonly path: string) {}

  /** The open file, opening it the first time. */
  get(): Promise<OpenFile> {
    return this.#opening ??= this.open(this.path).then((file) => {
      if (this.#closed) file.close();
      return (this.opened = file);
    });
  }

  close(): void {
    this.#closed = true;
    this.#opening?.then((file) => file.close(), () => {});
  }
}

/** Fills `chunk` from `file` at `position`, failing when the file ends first. */
async function readExactly(file: OpenFile, chunk: Uint8Array, position: number, path: string): Promise<void> {
  for (let got = 0; got < chunk.byteLength;) {
    const n = await file.read(chunk.subarray(got), position + got);
    if (n === 0) {
      throw new Error(`FileResponse: ${path} ended at byte ${position + got}, before the length it was served with`);
    }
    got += n;
  }
}

/**
 * The chunks of `plan.segments`: literal bytes as they are, byte ranges of the file in reads of
 * at most `plan.chunkSize` bytes, from a file opened at the first read.
 */
function fileChunks(open: (path: string) => Promise<OpenFile>, path: string, plan: BodyPlan): ChunkSource {
  const { segments, chunkSize } = plan;
  const file = new LazyFile(open, path);
  let index = 0;
  // The next byte to read of the range `segments[index]`.
  let position = -1;
  const readRange = async (range: ByteRange): Promise<Uint8Array> => {
    const chunk = new Uint8Array(Math.min(chunkSize, range.end - position + 1));
    const at = position;
    position += chunk.byteLength;
    await readExactly(file.opened ?? await file.get(), chunk, at, path);
    return chunk;
  };
  return {
    async next() {
      for (; index < segments.length; index++, position = -1) {
        const segment = segments[index]!;
        if (segment instanceof Uint8Array) {
          index++;
          return segment;
        }
        if (position === -1) position = segment.start;
        if (position <= segment.end) return await readRange(segment);
      }
      return undefined;
    },
    close: () => file.close(),
  };
}

/**
 * A byte stream that pulls `source` one piece per read: the queue holds nothing ahead of the
 * consumer, so nothing is read (or opened) before the consumer asks. `source` is closed when
 * the last piece is read, when a read fails, when the stream is cancelled, and when `signal`
 * aborts (which also errors the stream).
 */
export function pullStream(source: ChunkSource, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let finished = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const finish = () => {
    if (finished) return false;
    finished = true;
    signal?.removeEventListener("abort", abort);
    source.close();
    return true;
  };
  const abort = () => {
    if (!finish()) return;
    try {
      controller?.error(signal?.reason);
    } catch {
      // already closed or errored
    }
  };
  if (signal?.aborted) finish();
  else signal?.addEventListener("abort", abort, { once: true });
  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (finished) c.error(signal?.reason);
    },
    async pull(c) {
      try {
        const chunk = await source.next();
        if (finished) return;
        if (chunk === undefined) {
          finish();
          c.close();
        } else {
          c.enqueue(chunk);
        }
      } catch (error) {
        if (finish()) c.error(error);
      }
    },
    cancel() {
      finish();
    },
  }, { highWaterMark: 0 });
}

/**
 * A byte stream of `plan.segments` read from the file at `path` with `open`: see
 * {@link pullStream} for when it reads and when the file is closed.
 */
export function segmentStream(
  open: (path: string) => Promise<OpenFile>,
  path: string,
  plan: BodyPlan,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  return sized(pullStream(fileChunks(open, path, plan), signal), plan.length);
}

type FixedLengthStreamClass = new (length: number) => TransformStream<Uint8Array, Uint8Array>;
const FixedLengthStream = (globalThis as { FixedLengthStream?: FixedLengthStreamClass }).FixedLengthStream;

/**
 * `stream`, as a body whose length the server sends: through a `FixedLengthStream` where there
 * is one (workerd, which drops the Content-Length of any other JavaScript stream body), as it
 * is elsewhere.
 */
export function sized(stream: ReadableStream<Uint8Array>, length: number): ReadableStream<Uint8Array> {
  return FixedLengthStream === undefined ? stream : stream.pipeThrough(new FixedLengthStream(length));
}
