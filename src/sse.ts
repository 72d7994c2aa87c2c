/**
 * Server-sent events: `EventSourceResponse` (sse-starlette), the event framing it uses
 * (`encodeServerSentEvent`) and `lastEventId` for resuming a stream, following the WHATWG
 * "Server-sent events" specification.
 *
 * @module
 */

import { type HeadersInit, toHeaders } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";
import {
  type ChannelOptions,
  checkSource,
  type CloseReason,
  isOwnStream,
  sourceStream,
  StreamingResponse,
} from "./stream.ts";

export type { CloseReason } from "./stream.ts";

/**
 * One server-sent event. Every field is optional; an event with none is a bare blank line.
 * `EventSource` dispatches only events with `data` (an `id` or `retry` alone still takes effect).
 *
 * - `data`: a string is sent as is (one `data:` line per line of it); anything else is
 *   JSON-encoded first.
 * - `event`: the event type (`EventSource` listeners by this name receive it; without it, `message`).
 * - `id`: the event ID the browser sends back as `Last-Event-ID` when it reconnects; `""` resets it.
 * - `retry`: the reconnection delay in milliseconds.
 * - `comment`: comment lines, ignored by `EventSource`.
 */
export interface ServerSentEvent {
  /** The payload: a string as is, anything else JSON-encoded. */
  data?: unknown;
  /** The event type; no CR or LF. */
  event?: string;
  /** The event ID; no CR, LF or NUL. A number is written in decimal. */
  id?: string | number;
  /** The reconnection delay in milliseconds: a non-negative integer. */
  retry?: number;
  /** A comment: one `: ` line per line of it. */
  comment?: string;
}

/** What an {@link EventSourceResponse} streams: events, or strings sent as `data`. */
export type ServerSentEventSource =
  | ReadableStream<ServerSentEvent | string>
  | Iterable<ServerSentEvent | string>
  | AsyncIterable<ServerSentEvent | string>;

/** The line separator of an event stream; the spec accepts all three. */
export type EventSeparator = "\r\n" | "\n" | "\r";

/** Options of the {@link EventSourceResponse} constructor. */
export interface EventSourceResponseInit {
  /** The status. Default 200 (the only one `EventSource` accepts as a stream). */
  status?: number;
  /** The reason phrase. Default: the registered phrase of `status`. */
  statusText?: string;
  /**
   * Extra headers, validated. `Cache-Control` replaces the default `no-store`. `Content-Type`
   * and `X-Accel-Buffering` are always set by the class; `Connection`, `Keep-Alive`,
   * `Proxy-Connection`, `Transfer-Encoding`, `Upgrade` and `Content-Length` are dropped (HTTP/2
   * forbids the connection-specific ones, and the server frames the stream itself).
   */
  headers?: HeadersInit;
  /**
   * Seconds of silence after which a comment line (`: ping`) is sent, keeping the connection
   * open through idle timeouts (Bun.serve closes a connection that sends nothing for 10 s).
   * Default 5; `0` turns pings off.
   */
  ping?: number;
  /** The line separator. Default `"\r\n"`. */
  sep?: EventSeparator;
  /** A reconnection delay in milliseconds, sent as a `retry:` field before the first event. */
  retry?: number;
  /**
   * The request being answered. When given, its `signal` also cancels the source and stops the
   * pings: Bun has had releases that did not cancel a response stream when the client
   * disconnected. On Deno the signal is not read: Deno cancels the body itself, and reading
   * `request.signal` makes it print a deprecation warning.
   */
  request?: Request;
  /**
   * The server is shutting down: when it aborts, the source is cancelled, the events already
   * queued go out, then `shutdownEvent` (when given), and the stream ends cleanly (not as an
   * error). A client that stops reading meanwhile is cut after `sendTimeout` (5 s if none).
   */
  signal?: AbortSignal;
  /** The last event of a stream ended by `signal`, e.g. `{ event: "bye", retry: 10000 }`. */
  shutdownEvent?: ServerSentEvent | string;
  /**
   * Called exactly once, when the stream has ended, with what ended it: `"done"` (the source
   * finished), `"client"` (the client went away), `"error"` (the source threw or sent an invalid
   * event), `"timeout"`, `"overflow"`, `"shutdown"`.
   */
  onClose?: (reason: CloseReason) => void;
  /**
   * Seconds a client may take no bytes while an event is ready for it; then it is dropped
   * (`"timeout"`) and its connection cut. An idle source never times a client out. Default: none.
   */
  sendTimeout?: number;
  /**
   * The most events that may wait for one slow client; one more drops it (`"overflow"`) and cuts
   * its connection. With it, a `ReadableStream` source is read as it produces and its events
   * wait in this queue; an iterable source (and a `ReadableStream` without it) is pulled with
   * backpressure, one event per read of the client, and never overflows. Default: none.
   */
  maxQueued?: number;
}

/** An event stream's options, validated: how to frame it, its channel, its response. @internal */
export interface EventStreamSetup {
  sep: EventSeparator;
  channel: ChannelOptions;
  response: { status?: number; statusText?: string; headers: Headers; contentType: string };
}

const encoder = new TextEncoder();
// The same bytes for every stream: servers only read what they are given.
const OPENING = { "\r\n": encoder.encode(":\r\n"), "\n": encoder.encode(":\n"), "\r": encoder.encode(":\r") };
const PING = {
  "\r\n": encoder.encode(": ping\r\n\r\n"),
  "\n": encoder.encode(": ping\n\n"),
  "\r": encoder.encode(": ping\r\r"),
};

/**
 * Validates `init` once for {@link EventSourceResponse} and the event hub: the framing, the
 * channel options (the preamble — a comment line that makes the server send the headers at once,
 * then `retry` — pings, limits, shutdown, `onClose`) and the response's status and headers.
 *
 * @internal
 */
export function eventStreamSetup(init: EventSourceResponseInit, name: string): EventStreamSetup {
  const sep = checkSeparator(init.sep ?? "\r\n", name);
  const ping = checkSeconds(init.ping ?? DEFAULT_PING, "ping", true, name);
  const retry = init.retry === undefined ? "" : encodeServerSentEvent({ retry: checkRetry(init.retry, name) }, sep);
  const { signal, shutdownEvent, onClose } = init;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw invalidType(name, `signal must be an AbortSignal, not ${describe(signal)}`);
  }
  if (onClose !== undefined && typeof onClose !== "function") {
    throw invalidType(name, `onClose must be a function, not ${describe(onClose)}`);
  }
  const last = shutdownEvent === undefined ? undefined : encoder.encode(encodeServerSentEvent(shutdownEvent, sep));
  const channel: ChannelOptions = {
    preamble: retry === "" ? OPENING[sep] : encoder.encode(`:${sep}${retry}`),
    keepAlive: ping > 0 ? { ms: ping, chunk: PING[sep] } : undefined,
    sendTimeout: init.sendTimeout === undefined
      ? undefined
      : checkSeconds(init.sendTimeout, "sendTimeout", false, name),
    maxQueued: init.maxQueued === undefined ? undefined : checkCount(init.maxQueued, "maxQueued", name),
    request: init.request,
    shutdown: signal && { signal, last },
    onClose,
  };
  return { sep, channel, response: { ...eventStreamResponse(init), contentType: EVENT_STREAM } };
}

const EVENT_STREAM = "text/event-stream; charset=utf-8";

function eventStreamResponse(init: EventSourceResponseInit) {
  const headers = toHeaders(init.headers, "EventSourceResponse");
  for (const name of DROPPED_HEADERS) headers.delete(name);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  headers.set("x-accel-buffering", "no");
  return { status: init.status, statusText: init.statusText, headers };
}

const PRESETS = new WeakMap<object, EventStreamSetup>();

/**
 * Hands the setup already made for `body` to the {@link EventSourceResponse} about to be made of
 * it, so that the event hub validates a subscriber's init once. @internal
 */
export function presetEventStream(body: ReadableStream<Uint8Array>, setup: EventStreamSetup): void {
  PRESETS.set(body, setup);
}

function takePreset(source: unknown): EventStreamSetup | undefined {
  if (typeof source !== "object" || source === null) return undefined;
  const setup = PRESETS.get(source);
  if (setup !== undefined) PRESETS.delete(source);
  return setup;
}

/** The body of an event stream: `source` itself when the hub built it, else a channel fed by it. */
function eventStreamBody(source: ServerSentEventSource, setup: EventStreamSetup, eager: boolean) {
  if (isOwnStream(source)) return source;
  checkSource(source, "EventSourceResponse", "events");
  const sep = setup.sep;
  return sourceStream(source, { ...setup.channel, encode: (event) => encodeServerSentEvent(event, sep), eager });
}

/** The default ping interval in seconds: half of Bun.serve's default 10 s idle timeout. */
const DEFAULT_PING = 5;
const SEPARATORS: readonly string[] = ["\r\n", "\n", "\r"];
const LINES = /\r\n|\r|\n/;
const DROPPED_HEADERS = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "content-length",
];

// A `retry` that is not a non-negative integer is a TypeError, as the contract fixes for
// encodeServerSentEvent: it is the value of a field that the stream could not carry.
function checkRetry(retry: unknown, name: string): number {
  if (typeof retry !== "number" || !Number.isSafeInteger(retry) || retry < 0) {
    throw invalidType(name, `retry must be a non-negative integer of milliseconds, not ${describe(retry)}`);
  }
  return retry;
}

function checkSeparator(sep: unknown, name: string): EventSeparator {
  if (typeof sep !== "string" || !SEPARATORS.includes(sep)) {
    throw invalidType(name, `sep must be "\\r\\n", "\\n" or "\\r", not ${describe(sep)}`);
  }
  return sep as EventSeparator;
}

/** Seconds as milliseconds: a number `≥ 0` (or `> 0` unless `zero`), else TypeError / RangeError. */
function checkSeconds(value: unknown, option: string, zero: boolean, name: string): number {
  if (typeof value !== "number") {
    throw invalidType(name, `${option} must be a number of seconds, not ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value < 0 || (!zero && value === 0)) {
    throw outOfRange(
      name,
      `${option} ${describe(value)} is not a ${zero ? "non-negative" : "positive"} number of seconds`,
    );
  }
  return value * 1000;
}

/** A count: a positive safe integer, else TypeError / RangeError. @internal */
export function checkCount(value: unknown, option: string, name: string): number {
  if (typeof value !== "number") throw invalidType(name, `${option} must be a number, not ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw outOfRange(name, `${option} ${describe(value)} is not a positive integer`);
  }
  return value;
}

function encodeData(data: unknown): string {
  if (typeof data === "string") return data;
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    throw new TypeError(`encodeServerSentEvent: data cannot be JSON-encoded (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (json === undefined) throw invalidType("encodeServerSentEvent", `data ${describe(data)} has no JSON form`);
  return json;
}

/**
 * Frames one server-sent event: its comment lines (`: …`), `id: …`, `event: …`, one `data: …`
 * line per line of the data (split on CRLF, CR and LF), `retry: …`, then a blank line. A string
 * event is sent as `data`; data that is not a string is JSON-encoded. Nothing given can add a
 * field or end the event early: CR or LF in `event` or `id`, NUL in `id`, or a `retry` that is
 * not a non-negative integer throws.
 *
 * @param event The event, or a string to send as its data.
 * @param sep The line separator: `"\r\n"` (default), `"\n"` or `"\r"`.
 * @throws {TypeError} for an invalid field, data that can't be JSON-encoded, or an invalid `sep`.
 * @example
 * ```ts
 * import { encodeServerSentEvent } from "allresponses";
 * encodeServerSentEvent("hello");
 * // "data: hello\r\n\r\n"
 * encodeServerSentEvent({ id: 7, event: "update", data: { n: 1 } }, "\n");
 * // "id: 7\nevent: update\ndata: {\"n\":1}\n\n"
 * encodeServerSentEvent({ comment: "two\nlines", data: "a\r\nb", retry: 3000 });
 * // ": two\r\n: lines\r\ndata: a\r\ndata: b\r\nretry: 3000\r\n\r\n"
 * ```
 */
export function encodeServerSentEvent(event: ServerSentEvent | string, sep: EventSeparator = "\r\n"): string {
  checkSeparator(sep, "encodeServerSentEvent");
  if (typeof event === "string") event = { data: event };
  else if (event === null || typeof event !== "object" || Array.isArray(event)) {
    throw invalidType("encodeServerSentEvent", `an event is a string or an object, not ${describe(event)}`);
  }
  const { comment, id, event: type, data, retry } = event;
  const lines: string[] = [];
  if (comment !== undefined) {
    if (typeof comment !== "string") {
      throw invalidType("encodeServerSentEvent", `comment must be a string, not ${describe(comment)}`);
    }
    for (const line of comment.split(LINES)) lines.push(`: ${line}`);
  }
  if (id !== undefined) {
    if (typeof id !== "string" && !(typeof id === "number" && Number.isFinite(id))) {
      throw invalidType("encodeServerSentEvent", `id must be a string or a finite number, not ${describe(id)}`);
    }
    const value = String(id);
    if (/[\r\n\0]/.test(value)) {
      throw invalidType("encodeServerSentEvent", `id must not contain CR, LF or NUL: ${describe(value)}`);
    }
    lines.push(`id: ${value}`);
  }
  if (type !== undefined) {
    if (typeof type !== "string") {
      throw invalidType("encodeServerSentEvent", `event must be a string, not ${describe(type)}`);
    }
    if (/[\r\n]/.test(type)) {
      throw invalidType("encodeServerSentEvent", `event must not contain CR or LF: ${describe(type)}`);
    }
    lines.push(`event: ${type}`);
  }
  if (data !== undefined) {
    for (const line of encodeData(data).split(LINES)) lines.push(`data: ${line}`);
  }
  if (retry !== undefined) lines.push(`retry: ${checkRetry(retry, "encodeServerSentEvent")}`);
  lines.push("", "");
  return lines.join(sep);
}

/**
 * The `Last-Event-ID` a reconnecting `EventSource` sends: the `id` of the last event it received,
 * so the stream can resume after it. `undefined` when the header is absent or empty. The browser
 * sends the ID as UTF-8, which `Headers` reads byte by byte; it is decoded back here.
 *
 * @param request The request (anything with `headers`, such as Hono's `c.req.raw`).
 * @example
 * ```ts
 * import { EventSourceResponse, lastEventId } from "allresponses";
 * Deno.serve((request) => {
 *   const after = Number(lastEventId(request) ?? 0);
 *   async function* counter() {
 *     for (let n = after + 1; ; n++) {
 *       yield { id: n, data: String(n) };
 *       await new Promise((resolve) => setTimeout(resolve, 1000));
 *     }
 *   }
 *   return new EventSourceResponse(counter(), { request });
 * });
 * ```
 */
export function lastEventId(request: { readonly headers: Headers }): string | undefined {
  const value = request.headers.get("last-event-id");
  if (!value) return undefined;
  if (!/[\x80-\xff]/.test(value) || /[^\0-\xff]/.test(value)) return value;
  const bytes = Uint8Array.from(value, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}

/**
 * A stream of server-sent events for the browser's `EventSource` (sse-starlette's
 * `EventSourceResponse`). Each item of the source (an `AsyncIterable`, an `Iterable` or a
 * `ReadableStream`) is framed by {@link encodeServerSentEvent} and sent as it comes, with
 * backpressure. Headers: `Content-Type: text/event-stream; charset=utf-8`,
 * `Cache-Control: no-store` (unless given), `X-Accel-Buffering: no` (so nginx does not buffer),
 * and never `Connection` or `Transfer-Encoding`. After `ping` seconds without an event (default
 * 5) a `: ping` comment goes out, so idle timeouts (Bun.serve's 10 s) don't close the stream.
 * When the client disconnects, the source is cancelled (a generator's `finally` runs) and the
 * pings stop. Every option is validated when the response is made; an invalid event ends the
 * stream with an error. The stream opens with an empty comment line, so the server sends the
 * headers at once. Its lifecycle: `onClose(reason)` is called exactly once, whatever ended it;
 * `signal` ends it cleanly (queued events, then `shutdownEvent`); a client that takes nothing
 * for `sendTimeout` while an event is ready, or lets more than `maxQueued` events wait, is
 * dropped and its connection cut.
 *
 * @example
 * ```ts
 * import { EventSourceResponse } from "allresponses";
 * Bun.serve({
 *   fetch(request) {
 *     async function* clock() {
 *       try {
 *         for (;;) {
 *           yield { event: "tick", data: { now: new Date().toISOString() } };
 *           await new Promise((resolve) => setTimeout(resolve, 1000));
 *         }
 *       } finally {
 *         console.log("client left");
 *       }
 *     }
 *     return new EventSourceResponse(clock(), { request, retry: 2000 });
 *   },
 * });
 * ```
 */
export class EventSourceResponse extends StreamingResponse {
  /**
   * Makes an event stream of `source`; nothing is read from it until the body is.
   *
   * @param source The events: an `AsyncIterable`, an `Iterable` or a `ReadableStream` of
   *   {@link ServerSentEvent} objects or strings (a single string is one event).
   * @param init Status, headers, `ping`, `sep`, `retry` and `request`.
   * @throws {TypeError} for a source that is not iterable, an invalid `ping`, `sep` or `retry`,
   *   or a null-body status.
   * @throws {BadHeaderError} when a header name or value is unsafe.
   */
  constructor(source: ServerSentEventSource | string, init: EventSourceResponseInit = {}) {
    const setup = takePreset(source) ?? eventStreamSetup(init, "EventSourceResponse");
    const events: ServerSentEventSource = typeof source === "string" ? [source] : source;
    super(eventStreamBody(events, setup, init.maxQueued !== undefined), setup.response);
  }
}
