/**
 * `StreamingResponse` (Starlette) / `StreamingHttpResponse` (Django): a response whose body is
 * pulled from a stream, an iterable or an async iterable, one chunk at a time, and whose source
 * is cancelled when the client goes away.
 *
 * @module
 */

import { HttpResponse, type HttpResponseInit } from "./response.ts";

/** One chunk of a {@link StreamingResponse}: a string (sent as UTF-8) or bytes. */
export type StreamChunk = string | Uint8Array;

/**
 * What a {@link StreamingResponse} streams: a `ReadableStream`, an `Iterable` or an
 * `AsyncIterable` (a generator, an async generator, an array…) of strings or bytes.
 */
export type StreamContent =
  | ReadableStream<StreamChunk>
  | Iterable<StreamChunk>
  | AsyncIterable<StreamChunk>;

/** Options of the {@link StreamingResponse} constructor: the base options plus `request`. */
export interface StreamingResponseInit extends HttpResponseInit {
  /**
   * The request being answered. When given, its `signal` also cancels the source: Bun has had
   * releases that did not cancel a response stream when the client disconnected, and its
   * `request.signal` still fires then. On Deno the signal is not read: Deno cancels the body
   * itself, and reading `request.signal` makes it print a deprecation warning.
   */
  request?: Request;
}

/** Any source the streaming machinery pulls from. */
export type Source<T> = ReadableStream<T> | Iterable<T> | AsyncIterable<T>;

/** Options of {@link sourceStream}. @internal */
export interface SourceStreamOptions<T> {
  /** Turns one item of the source into a chunk; throws `TypeError` for an item it can't send. */
  encode(item: T): StreamChunk;
  /** Written before the first item (e.g. an SSE `retry:` field). */
  preamble?: string;
  /** Sends `chunk` whenever nothing has been written for `ms` milliseconds. */
  keepAlive?: { ms: number; chunk: StreamChunk };
  /** The request being answered: its `signal` cancels the source (except on Deno). */
  request?: Request;
}

interface Puller<T> {
  next(): Promise<IteratorResult<T>> | IteratorResult<T>;
  cancel(reason: unknown): unknown;
}

const encoder = new TextEncoder();
const REPLACEMENT = encoder.encode("\ufffd");
const OWN_STREAMS = new WeakSet<ReadableStream>();
let keepAliveTimers = 0;

/**
 * How many keep-alive timers are running in this process: one per started stream that has
 * pings and has not ended. A test hook; not part of the public API.
 *
 * @internal
 * @example
 * ```ts
 * import { runningKeepAliveTimers } from "./stream.ts";
 * runningKeepAliveTimers(); // 0 once every event stream has ended or been cancelled
 * ```
 */
export function runningKeepAliveTimers(): number {
  return keepAliveTimers;
}

function isReadableStream(source: object): source is ReadableStream {
  return typeof (source as ReadableStream).getReader === "function";
}

/**
 * Throws a `TypeError` unless `source` is a `ReadableStream` that is not locked, an
 * `AsyncIterable` or an `Iterable`.
 *
 * @internal
 */
export function checkSource(source: unknown, name: string, what: string): void {
  if (source !== null && typeof source === "object") {
    if (isReadableStream(source)) {
      if (source.locked) throw new TypeError(`${name}: the ReadableStream is locked (already being read)`);
      return;
    }
    if (Symbol.asyncIterator in source || Symbol.iterator in source) return;
  }
  throw new TypeError(`${name}: expected a ReadableStream, an Iterable or an AsyncIterable of ${what}`);
}

function open<T>(source: Source<T>): Puller<T> {
  if (isReadableStream(source)) {
    const reader = source.getReader();
    return { next: () => reader.read() as Promise<IteratorResult<T>>, cancel: (reason) => reader.cancel(reason) };
  }
  const iterator = Symbol.asyncIterator in source
    ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (source as Iterable<T>)[Symbol.iterator]();
  return { next: () => iterator.next(), cancel: () => iterator.return?.() };
}

// Deno cancels a response body whose client went away, and prints a deprecation warning once
// the first time code reads `request.signal` (it aborts on successful responses too).
const isDeno = "Deno" in globalThis;

/**
 * A pull-based byte stream over `source`: one item is taken from the source each time the
 * consumer (the server) asks for data, so nothing is drained into memory ahead of the socket.
 * The source is opened at the first pull and cancelled (a `ReadableStream`'s `cancel()`, an
 * iterator's `return()`) when the stream is cancelled, or when the signal of `options.request`
 * aborts (except on Deno), which also closes the stream. A source that throws errors the stream.
 * Strings are encoded as UTF-8; a surrogate pair split across two string chunks is joined.
 *
 * @internal
 */
export function sourceStream<T>(source: Source<T>, options: SourceStreamOptions<T>): ReadableStream<Uint8Array> {
  const signal = isDeno ? undefined : options.request?.signal;
  const keepAlive = options.keepAlive;
  let puller: Puller<T> | undefined;
  let done = false;
  let carry = "";
  let lastWrite = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const enqueue = (bytes: Uint8Array): boolean => {
    if (bytes.byteLength === 0) return false;
    controller.enqueue(bytes);
    lastWrite = performance.now();
    return true;
  };
  const flushCarry = (): boolean => {
    if (carry === "") return false;
    carry = "";
    return enqueue(REPLACEMENT);
  };
  // Returns whether anything was enqueued, so that a pull never ends without data.
  const write = (chunk: StreamChunk): boolean => {
    if (typeof chunk !== "string") {
      const flushed = flushCarry();
      return enqueue(chunk) || flushed;
    }
    let text = carry + chunk;
    carry = "";
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    return enqueue(encoder.encode(text));
  };
  const cancelSource = (reason: unknown): void => {
    try {
      puller ??= open(source);
      Promise.resolve(puller.cancel(reason)).catch(() => {});
    } catch {
      // The source failed while being cancelled; it is finished either way.
    }
  };
  const tick = (): void => {
    if (done || !keepAlive) return;
    const wait = lastWrite + keepAlive.ms - performance.now();
    // A ping only when the server has taken everything queued: a stalled client gets none.
    if (wait <= 1 && (controller.desiredSize ?? -1) >= 0) write(keepAlive.chunk);
    timer = setTimeout(tick, wait > 1 ? wait : keepAlive.ms);
  };
  const finish = (): void => {
    if (done) return;
    done = true;
    signal?.removeEventListener("abort", onAbort);
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      keepAliveTimers--;
    }
  };
  function onAbort(): void {
    if (done) return;
    finish();
    cancelSource(signal?.reason);
    try {
      controller.close();
    } catch {
      // Already closed by the server.
    }
  }

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    async pull() {
      if (done) return;
      try {
        if (puller === undefined) {
          puller = open(source);
          lastWrite = performance.now();
          if (options.preamble !== undefined) write(options.preamble);
          if (keepAlive) {
            keepAliveTimers++;
            timer = setTimeout(tick, keepAlive.ms);
          }
        }
        for (;;) {
          const result = await puller.next();
          if (done) return;
          if (result.done) {
            finish();
            flushCarry();
            controller.close();
            return;
          }
          let chunk: StreamChunk;
          try {
            chunk = options.encode(result.value);
          } catch (error) {
            cancelSource(error);
            throw error;
          }
          if (write(chunk)) return;
        }
      } catch (error) {
        // Cancelled meanwhile: whatever the source does now goes nowhere.
        if (done) return;
        // The source threw (or sent an item that can't be encoded): the stream errors.
        finish();
        throw error;
      }
    },
    cancel(reason) {
      if (done) return;
      finish();
      cancelSource(reason);
    },
  }, { highWaterMark: 0 });
  OWN_STREAMS.add(stream);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort);
  return stream;
}

/** Names the type of `value` for an error message: `number`, `null`, `ArrayBuffer`… @internal */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return (value as object).constructor?.name ?? "object";
}

function encodeChunk(chunk: StreamChunk): StreamChunk {
  if (typeof chunk === "string" || chunk instanceof Uint8Array) return chunk;
  throw new TypeError(`StreamingResponse: a chunk must be a string or a Uint8Array, not ${typeName(chunk)}`);
}

/**
 * A response streamed from a `ReadableStream`, an `Iterable` or an `AsyncIterable` of strings
 * (sent as UTF-8) or bytes, with backpressure: the source is pulled one chunk at a time as the
 * server writes, never drained into memory. There is no Content-Length. When the client goes
 * away the source is cancelled: a stream's `cancel()` or an iterator's `return()` runs, so a
 * generator's `finally` runs (as soon as the `await` it is paused at settles). A source that
 * throws ends the response as an error (the client sees a truncated body), and the server keeps
 * serving. The default Content-Type is the base one, `text/html; charset=utf-8`; pass
 * `mediaType` or `contentType` for anything else. A single string or `Uint8Array` is sent as one
 * chunk.
 *
 * @example
 * ```ts
 * import { StreamingResponse } from "allresponses";
 * Deno.serve((request) => {
 *   async function* rows() {
 *     try {
 *       yield "id,name\n";
 *       for (let i = 1; i <= 1000; i++) yield `${i},item ${i}\n`;
 *     } finally {
 *       console.log("done or disconnected");
 *     }
 *   }
 *   return new StreamingResponse(rows(), { mediaType: "text/csv", request });
 * });
 * ```
 */
export class StreamingResponse extends HttpResponse {
  /**
   * Makes a response that streams `content`; nothing is read from it until the body is.
   *
   * @param content The source: a `ReadableStream`, an `Iterable` or an `AsyncIterable` of
   *   strings or `Uint8Array`s.
   * @param init Status, headers and content type as for {@link HttpResponse}, plus `request`.
   * @throws {TypeError} when `content` is not a stream or an iterable, or the stream is locked,
   *   or the status is a null-body status (204, 205, 304).
   */
  constructor(content: StreamContent | Uint8Array, init: StreamingResponseInit = {}) {
    const source: Source<StreamChunk> = typeof content === "string" || content instanceof Uint8Array
      ? [content]
      : content;
    let body: ReadableStream<Uint8Array>;
    if (source instanceof ReadableStream && OWN_STREAMS.has(source)) {
      // Already one of ours (a subclass built it, with its own options): no second wrapper.
      body = source as ReadableStream<Uint8Array>;
    } else {
      checkSource(source, "StreamingResponse", "strings or Uint8Arrays");
      body = sourceStream(source, { encode: encodeChunk, request: init.request });
    }
    super(body, init);
  }
}

/**
 * Django's name for {@link StreamingResponse}: the same class.
 *
 * @example
 * ```ts
 * import { StreamingHttpResponse } from "allresponses";
 * Bun.serve({
 *   fetch: (request) => new StreamingHttpResponse(["Hello, ", "world"], { mediaType: "text/plain", request }),
 * });
 * ```
 */
export const StreamingHttpResponse: typeof StreamingResponse = StreamingResponse;
/** Django's name for {@link StreamingResponse}: the same class. */
export type StreamingHttpResponse = StreamingResponse;
