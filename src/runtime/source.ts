/**
 * Bodies from bytes that are not a path: a `Blob` (sliced, never copied) and a source's
 * `read(start, end)`, called once per range and only when the body is read. The same on every
 * runtime but for what `bun.ts` adds for Bun.serve.
 *
 * @module
 */

import { describe } from "../invalid.ts";
import type { ByteRange } from "../range.ts";
import { type ChunkSource, pullStream, sized } from "./stream.ts";
import type { BodyPlan, FileBody, RangeReader } from "./types.ts";

/** One range being delivered: its reader, and how many bytes it still owes. */
interface Delivery {
  reader: { read(): Promise<{ done: boolean; value?: unknown }>; cancel(): Promise<void> };
  owed: number;
}

/** Asks `read` for `range` and starts reading what it returns. */
async function deliver(read: RangeReader, range: ByteRange): Promise<Delivery> {
  const bytes = await read(range.start, range.end + 1);
  const stream: ReadableStream<Uint8Array> = bytes instanceof Blob ? bytes.stream() : bytes;
  if (typeof (stream as { getReader?: unknown } | null)?.getReader !== "function") {
    throw new TypeError(
      `FileResponse: the source's read() returned ${describe(bytes)}, not a ReadableStream or a Blob`,
    );
  }
  return { reader: stream.getReader(), owed: range.end - range.start + 1 };
}

/** The next chunk of `delivery`; `undefined` once it has delivered exactly what it owed. */
async function nextOf(delivery: Delivery, range: ByteRange): Promise<Uint8Array | undefined> {
  for (;;) {
    const { done, value } = await delivery.reader.read();
    if (done) {
      if (delivery.owed > 0) {
        throw new Error(
          `FileResponse: the source ended ${delivery.owed} bytes short of bytes ${range.start}-${range.end}`,
        );
      }
      return undefined;
    }
    if (!(value instanceof Uint8Array)) {
      throw new TypeError(`FileResponse: the source delivered ${describe(value)}, not a Uint8Array`);
    }
    if (value.byteLength > delivery.owed) {
      throw new Error(`FileResponse: the source delivered more than the bytes ${range.start}-${range.end} asked for`);
    }
    delivery.owed -= value.byteLength;
    if (value.byteLength > 0) return value;
  }
}

/** The chunks of `plan.segments`: literal bytes as they are, each range from its own `read()`. */
function rangeChunks(read: RangeReader, plan: BodyPlan): ChunkSource {
  const { segments } = plan;
  let index = 0;
  let delivery: Delivery | undefined;
  let closed = false;
  const release = () => {
    delivery?.reader.cancel().catch(() => {});
    delivery = undefined;
  };
  return {
    async next() {
      for (; index < segments.length; index++) {
        const segment = segments[index]!;
        if (segment instanceof Uint8Array) {
          index++;
          return segment;
        }
        delivery ??= await deliver(read, segment);
        if (closed) release();
        if (delivery === undefined) return undefined;
        const chunk = await nextOf(delivery, segment);
        if (chunk !== undefined) return chunk;
        delivery = undefined;
      }
      return undefined;
    },
    close() {
      closed = true;
      release();
    },
  };
}

/**
 * The body that `read` delivers for `plan`, with its exact length: a stream that fails when a
 * range comes back shorter or longer than asked. `signal` closes it too (see `pullStream`).
 */
export function sourceBody(read: RangeReader, plan: BodyPlan, signal?: AbortSignal): FileBody {
  return { body: plan.head ? null : sized(pullStream(rangeChunks(read, plan), signal), plan.length) };
}

/** `blob`'s bytes for `range`, as a Blob: a slice, which shares the bytes. */
export function blobSlice(blob: Blob, range: ByteRange): Blob {
  return blob.slice(range.start, range.end + 1);
}

/** The body of `blob` for `plan` as a stream of its slices. */
export function blobStream(blob: Blob, plan: BodyPlan, signal?: AbortSignal): FileBody {
  return sourceBody((start, end) => blob.slice(start, end), plan, signal);
}

/** The body of `blob` for `plan`: a slice for one range, a stream of slices for several. */
export function blobBody(blob: Blob, plan: BodyPlan): FileBody {
  if (plan.head) return { body: null };
  const [only, ...more] = plan.segments;
  if (more.length === 0 && only !== undefined && !(only instanceof Uint8Array)) return { body: blobSlice(blob, only) };
  return blobStream(blob, plan);
}

/** What a Blob says about itself beyond its bytes and type. */
export interface BlobFacts {
  /** A `File`'s name, or a `Bun.file()`'s path. */
  name: string | undefined;
  /** A `File`'s `lastModified`, or a `Bun.file()`'s mtime, in milliseconds. */
  lastModified: number | undefined;
}

/**
 * The name and modification time of a `File` or a `Bun.file()` (which is no `File`, but has
 * both); none for a plain Blob — whose `lastModified` on Bun is a placeholder, 2 ** 52 - 1.
 */
export function blobFacts(blob: Blob): BlobFacts {
  const { name, lastModified } = blob as Partial<File>;
  if (typeof name !== "string" || name === "") return { name: undefined, lastModified: undefined };
  const known = typeof lastModified === "number" && lastModified > 0 && lastModified < 2 ** 52 - 1;
  return { name, lastModified: known ? lastModified : undefined };
}
