/**
 * `StreamingResponse` (Starlette) / `StreamingHttpResponse` (Django): a response whose body is
 * pulled from a stream, an iterable or an async iterable, one chunk at a time, and whose source
 * is cancelled when the client goes away. Also the machinery every streamed body of the library
 * shares: a {@link ByteChannel} (a byte stream with a bounded queue, pings, a send timeout, a
 * shutdown and one `onClose` call) and the feeder that pulls a source into it.
 *
 * @module
 */

import { describe, invalidType } from "./invalid.ts";
import { HttpResponse, type HttpResponseInit } from "./response.ts";
import { requestSignalIsQuiet, serverCancelsBodyOnDisconnect } from "./runtime/server.ts";

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

/**
 * Why a stream ended: its source finished (`"done"`), the client went away (`"client"`), the
 * source failed (`"error"`), the client took no bytes for `sendTimeout` (`"timeout"`), the
 * server shut it down (`"shutdown"`), or more than `maxQueued` events waited (`"overflow"`).
 */
export type CloseReason = "done" | "client" | "error" | "timeout" | "shutdown" | "overflow";

/** How a {@link ByteChannel} behaves. @internal */
export interface ChannelOptions {
  /** Sent at the first read, before anything else. */
  preamble?: Uint8Array;
  /** Sends `chunk` whenever nothing has been written for `ms` milliseconds. */
  keepAlive?: { ms: number; chunk: Uint8Array };
  /** Milliseconds a client may take no bytes while some are ready before it is dropped. */
  sendTimeout?: number;
  /** The most chunks that may wait for the client; one more drops it. */
  maxQueued?: number;
  /** The request being answered: its `signal` ends the stream where the server does not. */
  request?: Request;
  /** Ends the stream cleanly when it aborts, after what is queued and then `last`. */
  shutdown?: { signal: AbortSignal; last?: Uint8Array };
  /** Called once, when the stream has ended, with the reason. */
  onClose?: (reason: CloseReason) => void;
  /**
   * Chunks go straight into the stream's own queue, which the server drains, and the stream has
   * no `pull` (so it costs nothing per read of the server): for channels that only `send()`, not
   * fed from a source. The queue is counted by the stream's `desiredSize`.
   */
  push?: boolean;
}

/** What fills a channel: told each time the client reads, stopped when the channel ends. */
interface Feeder {
  /** The client has read (it may now wait, or have taken the last queued chunk). */
  wanted(): void;
  /** The channel ended before the source did: stop reading it. */
  stop(reason: unknown): void;
}

const encoder = new TextEncoder();
const REPLACEMENT = encoder.encode("\ufffd");
const OWN_STREAMS = new WeakSet<ReadableStream>();
/** How long a shutdown waits for a client that stopped reading when no `sendTimeout` is given. */
const SHUTDOWN_DRAIN_MS = 5_000;
const watchesRequestSignal = !serverCancelsBodyOnDisconnect && requestSignalIsQuiet;

/**
 * The body of a streamed response: a byte stream that hands the server one chunk each time it
 * asks, from a queue that never holds more than `maxQueued` chunks. It sends `preamble` at the
 * first read, pings while idle (only to a client that has taken everything), drops a client
 * that takes nothing for `sendTimeout` while a chunk waits or that lets the queue overflow
 * (erroring the stream, so the server cuts the connection), ends cleanly on shutdown after what
 * is queued, and calls `onClose` exactly once. A {@link Feeder} fills it from a source; the
 * event hub fills it with shared bytes through {@link ByteChannel.send}.
 *
 * @internal
 */
export class ByteChannel {
  /** The response body. */
  readonly stream: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #options: ChannelOptions;
  #feeder: Feeder | undefined;
  #queue: Uint8Array[] = [];
  #started = false;
  #waiting = false;
  #ending: CloseReason | undefined;
  #closed = false;
  #lastWrite = 0;
  #readySince = 0;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #sendTimer: ReturnType<typeof setTimeout> | undefined;
  /** Push mode: chunks sent so far, and how many the client had taken when the send timer was armed. */
  #sent = 0;
  #takenMark = 0;
  /** Removes the signal listeners; only set when there are signals to listen to. */
  #unwatch: (() => void) | undefined;

  /** Makes the channel; `options` may be shared by many channels (it is only read). */
  constructor(options: ChannelOptions) {
    this.#options = options;
    // The channel is its own underlying source (no closures per stream); in push mode one
    // without `pull`.
    this.stream = new ReadableStream<Uint8Array>(options.push ? new PushSource(this) : this, { highWaterMark: 0 });
    OWN_STREAMS.add(this.stream);
    if (options.request !== undefined || options.shutdown !== undefined) this.#watch();
  }

  /** The stream's underlying source: keeps the controller. */
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#controller = controller;
    if (!this.#options.push) return;
    this.#started = true;
    if (this.#options.preamble) controller.enqueue(this.#options.preamble);
  }

  /** The stream's underlying source: the server cancelled the body (its client went away). */
  cancel(reason: unknown): void {
    this.#endByClient(reason, false);
  }

  /** How many chunks wait for the client. */
  get queued(): number {
    if (!this.#options.push) return this.#queue.length;
    return Math.max(0, -(this.#controller.desiredSize ?? 0));
  }

  /** Whether the stream has ended (for any reason). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Connects the source that fills this channel. */
  feed(feeder: Feeder): void {
    this.#feeder = feeder;
  }

  /**
   * Sends `bytes`: at once to a client that waits, otherwise into the queue (overflowing drops
   * the client). Returns whether the channel still takes bytes.
   */
  send(bytes: Uint8Array): boolean {
    if (this.#closed || this.#ending !== undefined) return false;
    if (bytes.byteLength === 0) return true;
    if (this.#options.push) return this.#push(bytes);
    if (this.#waiting) {
      this.#deliver(bytes);
      return true;
    }
    this.#enqueue(bytes);
    const max = this.#options.maxQueued;
    if (max !== undefined && this.#queue.length > max) this.drop("overflow");
    return !this.#closed;
  }

  /** Sends `bytes` only to a client that waits with nothing queued (a ping never piles up). */
  ping(bytes: Uint8Array): void {
    if (this.#ending !== undefined || this.#closed) return;
    if (this.#options.push ? this.queued !== 0 : !this.#waiting) return;
    this.#deliver(bytes);
    this.#sent++;
  }

  /** The source has ended: the stream closes once the queue is sent. */
  end(): void {
    this.#endAfterQueue("done");
  }

  /** Ends the stream cleanly: the source stops, the queue and then `last` go out, then it closes. */
  shutdown(last: Uint8Array | undefined = this.#options.shutdown?.last): void {
    if (this.#closed || this.#ending !== undefined) return;
    this.#feeder?.stop("shutdown");
    this.#endAfterQueue("shutdown", last);
  }

  /** The source failed: the stream errors with `error`. */
  fail(error: unknown): void {
    if (this.#closed) return;
    this.#controller.error(error);
    this.#finish("error");
  }

  /** Drops the client: the source stops and the stream errors, so the server cuts the connection. */
  drop(reason: "timeout" | "overflow"): void {
    if (this.#closed) return;
    this.#controller.error(new Error(`the client was dropped (${reason})`));
    this.#feeder?.stop(reason);
    this.#finish(this.#ending ?? reason);
  }

  #watch(): void {
    const { request, shutdown } = this.#options;
    const client = watchesRequestSignal ? request?.signal : undefined;
    if (client?.aborted) return this.#endByClient(client.reason, true);
    if (shutdown?.signal.aborted) return this.shutdown();
    const onClientAbort = () => this.#endByClient(client?.reason, true);
    const onShutdown = () => this.shutdown();
    client?.addEventListener("abort", onClientAbort);
    shutdown?.signal.addEventListener("abort", onShutdown);
    this.#unwatch = () => {
      client?.removeEventListener("abort", onClientAbort);
      shutdown?.signal.removeEventListener("abort", onShutdown);
    };
  }

  /** The stream's underlying source: the server asks for the next chunk. */
  pull(): void {
    if (this.#closed) return;
    if (!this.#started) {
      this.#start();
      if (this.#options.preamble) return this.#deliver(this.#options.preamble);
    }
    this.#readySince = performance.now();
    const next = this.#queue.shift();
    if (next === undefined) this.#waiting = true;
    else this.#deliver(next);
    if (this.#queue.length === 0 && this.#ending !== undefined) this.#close();
    else this.#feeder?.wanted();
  }

  #start(): void {
    this.#started = true;
    this.#lastWrite = performance.now();
    const keepAlive = this.#options.keepAlive;
    if (keepAlive && !this.#closed) this.#pingTimer = setTimeout(() => this.#tick(), keepAlive.ms);
  }

  #deliver(bytes: Uint8Array): void {
    this.#waiting = false;
    this.#controller.enqueue(bytes);
    this.#lastWrite = performance.now();
  }

  #push(bytes: Uint8Array): boolean {
    this.#controller.enqueue(bytes);
    this.#sent++;
    const queued = this.queued;
    const max = this.#options.maxQueued;
    if (max !== undefined && queued > max) {
      this.drop("overflow");
      return false;
    }
    if (queued > 0) this.#armSendTimer();
    return true;
  }

  #enqueue(bytes: Uint8Array): void {
    if (this.#queue.length === 0) this.#readySince = performance.now();
    this.#queue.push(bytes);
    this.#armSendTimer();
  }

  #tick(): void {
    const keepAlive = this.#options.keepAlive!;
    const wait = this.#lastWrite + keepAlive.ms - performance.now();
    if (wait <= 1) this.ping(keepAlive.chunk);
    if (!this.#closed) this.#pingTimer = setTimeout(() => this.#tick(), wait > 1 ? wait : keepAlive.ms);
  }

  /** How long a client may take nothing while bytes wait: `sendTimeout`, or on shutdown a bound. */
  #sendLimit(): number | undefined {
    return this.#options.sendTimeout ?? (this.#ending === "shutdown" ? SHUTDOWN_DRAIN_MS : undefined);
  }

  #armSendTimer(): void {
    const limit = this.#sendLimit();
    if (limit === undefined || this.#sendTimer !== undefined || this.#closed) return;
    this.#takenMark = this.#sent - this.queued;
    this.#sendTimer = setTimeout(() => this.#checkSendTimeout(), limit);
  }

  #checkSendTimeout(): void {
    this.#sendTimer = undefined;
    if (this.#closed || this.queued === 0) return;
    if (this.#options.push) return this.#checkPushProgress();
    const left = this.#readySince + this.#sendLimit()! - performance.now();
    if (left <= 1) this.drop("timeout");
    else this.#sendTimer = setTimeout(() => this.#checkSendTimeout(), left);
  }

  /** Push mode: drops a client that took nothing since the timer was armed; otherwise checks again. */
  #checkPushProgress(): void {
    const taken = this.#sent - this.queued;
    if (taken === this.#takenMark) return this.drop("timeout");
    this.#takenMark = taken;
    this.#sendTimer = setTimeout(() => this.#checkSendTimeout(), this.#sendLimit()!);
  }

  #endAfterQueue(reason: CloseReason, last?: Uint8Array): void {
    if (this.#closed || this.#ending !== undefined) return;
    if (last) this.send(last);
    this.#ending = reason;
    if (this.#options.push) return this.#closeAfterStreamQueue();
    if (this.#queue.length === 0) this.#close();
    else this.#armSendTimer();
  }

  /**
   * Push mode: the stream closes once the server has read its queue; a client still holding
   * part of it after the send limit is cut, so that a shutdown never waits on it.
   */
  #closeAfterStreamQueue(): void {
    const limit = this.#sendLimit();
    this.#close();
    if (this.queued === 0 || limit === undefined) return;
    setTimeout(() => {
      if (this.queued === 0) return;
      try {
        this.#controller.error(new Error("the client was dropped (timeout)"));
      } catch {
        // Drained and closed meanwhile.
      }
    }, limit);
  }

  #endByClient(reason: unknown, closeStream: boolean): void {
    if (this.#closed) return;
    this.#feeder?.stop(reason);
    if (closeStream) this.#controller.close();
    this.#finish("client");
  }

  #close(): void {
    this.#controller.close();
    this.#finish(this.#ending ?? "done");
  }

  #finish(reason: CloseReason): void {
    this.#closed = true;
    this.#queue = [];
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#sendTimer);
    this.#unwatch?.();
    this.ended(reason);
  }

  /** Called once, when the stream has ended: calls `onClose`. */
  protected ended(reason: CloseReason): void {
    this.#options.onClose?.(reason);
  }
}

/** The underlying source of a push-mode channel: no `pull`, so the server's reads cost nothing. */
class PushSource {
  readonly #channel: ByteChannel;
  constructor(channel: ByteChannel) {
    this.#channel = channel;
  }
  start(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#channel.start(controller);
  }
  cancel(reason: unknown): void {
    this.#channel.cancel(reason);
  }
}

/** Options of {@link sourceStream}. @internal */
export interface SourceStreamOptions<T> extends ChannelOptions {
  /** Turns one item of the source into a chunk; throws `TypeError` for an item it can't send. */
  encode(item: T): StreamChunk;
  /**
   * Reads a `ReadableStream` source as it produces (its items wait in the channel's queue,
   * bounded by `maxQueued`) instead of one item per read of the client.
   */
  eager?: boolean;
}

interface Puller<T> {
  next(): Promise<IteratorResult<T>> | IteratorResult<T>;
  cancel(reason: unknown): unknown;
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
      if (source.locked) throw invalidType(name, "the ReadableStream is locked (already being read)");
      return;
    }
    if (Symbol.asyncIterator in source || Symbol.iterator in source) return;
  }
  throw invalidType(
    name,
    `expected a ReadableStream, an Iterable or an AsyncIterable of ${what}, not ${describe(source)}`,
  );
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

/**
 * Strings to UTF-8 across chunk boundaries: a high surrogate that ends one string chunk waits
 * for the low one that starts the next; a lone one becomes U+FFFD.
 */
class Utf8Chunks {
  #carry = "";

  encode(chunk: StreamChunk): Uint8Array {
    if (typeof chunk !== "string") return this.#carry === "" ? chunk : concat(this.flush(), chunk);
    let text = this.#carry + chunk;
    this.#carry = "";
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.#carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    return encoder.encode(text);
  }

  flush(): Uint8Array {
    const pending = this.#carry === "" ? new Uint8Array(0) : REPLACEMENT;
    this.#carry = "";
    return pending;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/**
 * Pulls a source into a {@link ByteChannel}: as the client reads, with one item at most read
 * ahead (it waits in the queue, so a client that stops reading while an item is ready can be
 * timed out), or, `eager`, every item as the source produces it. The source
 * is opened at the first read and cancelled (a stream's `cancel()`, an iterator's `return()`)
 * when the channel ends first; a source that throws, or an item `encode` refuses, errors it.
 */
class SourceFeeder<T> implements Feeder {
  #source: Source<T>;
  #encode: (item: T) => StreamChunk;
  #channel: ByteChannel;
  #eager: boolean;
  #puller: Puller<T> | undefined;
  #reading = false;
  #text = new Utf8Chunks();

  constructor(source: Source<T>, encode: (item: T) => StreamChunk, channel: ByteChannel, eager: boolean) {
    this.#source = source;
    this.#encode = encode;
    this.#channel = channel;
    this.#eager = eager;
  }

  wanted(): void {
    if (this.#reading || this.#channel.queued > 0) return;
    this.#reading = true;
    this.#puller ??= open(this.#source);
    void this.#read();
  }

  stop(reason: unknown): void {
    try {
      this.#puller ??= open(this.#source);
      Promise.resolve(this.#puller.cancel(reason)).catch(() => {});
    } catch {
      // The source failed while being cancelled; it is finished either way.
    }
  }

  /** Reads until one chunk is sent (eager: until the source ends), or the source ends or fails. */
  async #read(): Promise<void> {
    const channel = this.#channel;
    try {
      for (;;) {
        const result = await this.#puller!.next();
        if (channel.closed) return;
        if (result.done) {
          channel.send(this.#text.flush());
          return channel.end();
        }
        const bytes = this.#encodeItem(result.value);
        if (bytes === undefined) return;
        if (bytes.byteLength === 0) continue;
        if (!channel.send(bytes)) return;
        // Not eager: one item read ahead at most; the next read of the client asks for more.
        if (!this.#eager && channel.queued > 0) return void (this.#reading = false);
      }
    } catch (error) {
      // Cancelled meanwhile: whatever the source does now goes nowhere.
      if (!channel.closed) channel.fail(error);
    }
  }

  #encodeItem(item: T): Uint8Array | undefined {
    try {
      return this.#text.encode(this.#encode(item));
    } catch (error) {
      this.stop(error);
      this.#channel.fail(error);
      return undefined;
    }
  }
}

/**
 * A byte stream over `source` in a {@link ByteChannel}: one item is taken from the source each
 * time the server asks for data, so nothing is drained into memory ahead of the socket (or with
 * `eager`, a `ReadableStream` is read as it produces, into the bounded queue). The source is
 * opened at the first pull and cancelled when the stream is cancelled, dropped or shut down, or
 * when the signal of `options.request` aborts where the server does not cancel by itself, which
 * also closes the stream. A source that throws errors the stream. Strings are encoded as UTF-8;
 * a surrogate pair split across two string chunks is joined.
 *
 * @internal
 */
export function sourceStream<T>(source: Source<T>, options: SourceStreamOptions<T>): ReadableStream<Uint8Array> {
  const channel = new ByteChannel(options);
  const eager = options.eager === true && isReadableStream(source);
  const feeder = new SourceFeeder(source, options.encode, channel, eager);
  channel.feed(feeder);
  return channel.stream;
}

/** Whether `stream` is a body this module made (no second wrapper is needed). @internal */
export function isOwnStream(stream: unknown): stream is ReadableStream<Uint8Array> {
  return stream instanceof ReadableStream && OWN_STREAMS.has(stream);
}

/** The body of a {@link StreamingResponse}: `source` itself when a subclass already built it. */
function streamingBody(source: Source<StreamChunk>, request: Request | undefined): ReadableStream<Uint8Array> {
  if (isOwnStream(source)) return source;
  checkSource(source, "StreamingResponse", "strings or Uint8Arrays");
  return sourceStream(source, { encode: encodeChunk, request });
}

function encodeChunk(chunk: StreamChunk): StreamChunk {
  if (typeof chunk === "string" || chunk instanceof Uint8Array) return chunk;
  throw invalidType("StreamingResponse", `a chunk must be a string or a Uint8Array, not ${describe(chunk)}`);
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
    super(streamingBody(source, init.request), init);
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
