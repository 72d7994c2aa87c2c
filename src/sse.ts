/**
 * Server-sent events: `EventSourceResponse` (sse-starlette), the event framing it uses
 * (`encodeServerSentEvent`) and `lastEventId` for resuming a stream, following the WHATWG
 * "Server-sent events" specification.
 *
 * @module
 */

import { type HeadersInit, toHeaders } from "./headers.ts";
import { checkSource, sourceStream, StreamingResponse, typeName } from "./stream.ts";

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

function checkRetry(retry: unknown, what: string): number {
  if (typeof retry !== "number" || !Number.isSafeInteger(retry) || retry < 0) {
    throw new TypeError(`${what}: retry must be a non-negative integer of milliseconds, not ${String(retry)}`);
  }
  return retry;
}

function checkSeparator(sep: unknown, what: string): string {
  if (typeof sep !== "string" || !SEPARATORS.includes(sep)) {
    throw new TypeError(`${what}: sep must be "\\r\\n", "\\n" or "\\r", not ${JSON.stringify(sep)}`);
  }
  return sep;
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
  if (json === undefined) throw new TypeError(`encodeServerSentEvent: data of type ${typeName(data)} has no JSON form`);
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
    throw new TypeError(`encodeServerSentEvent: an event is a string or an object, not ${typeName(event)}`);
  }
  const { comment, id, event: type, data, retry } = event;
  const lines: string[] = [];
  if (comment !== undefined) {
    if (typeof comment !== "string") {
      throw new TypeError(`encodeServerSentEvent: comment must be a string, not ${typeName(comment)}`);
    }
    for (const line of comment.split(LINES)) lines.push(`: ${line}`);
  }
  if (id !== undefined) {
    if (typeof id !== "string" && !(typeof id === "number" && Number.isFinite(id))) {
      throw new TypeError(`encodeServerSentEvent: id must be a string or a finite number, not ${String(id)}`);
    }
    const value = String(id);
    if (/[\r\n\0]/.test(value)) throw new TypeError("encodeServerSentEvent: id must not contain CR, LF or NUL");
    lines.push(`id: ${value}`);
  }
  if (type !== undefined) {
    if (typeof type !== "string") {
      throw new TypeError(`encodeServerSentEvent: event must be a string, not ${typeName(type)}`);
    }
    if (/[\r\n]/.test(type)) throw new TypeError("encodeServerSentEvent: event must not contain CR or LF");
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
 * stream with an error.
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
    const sep = checkSeparator(init.sep ?? "\r\n", "EventSourceResponse") as EventSeparator;
    const ping = init.ping ?? DEFAULT_PING;
    if (typeof ping !== "number" || !Number.isFinite(ping) || ping < 0) {
      throw new TypeError(`EventSourceResponse: ping must be a non-negative number of seconds, not ${String(ping)}`);
    }
    const preamble = init.retry === undefined
      ? undefined
      : encodeServerSentEvent({ retry: checkRetry(init.retry, "EventSourceResponse") }, sep);
    const events: ServerSentEventSource = typeof source === "string" ? [source] : source;
    checkSource(events, "EventSourceResponse", "events");
    const headers = toHeaders(init.headers);
    for (const name of DROPPED_HEADERS) headers.delete(name);
    if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
    headers.set("x-accel-buffering", "no");
    const body = sourceStream(events, {
      encode: (event) => encodeServerSentEvent(event, sep),
      preamble,
      keepAlive: ping > 0 ? { ms: ping * 1000, chunk: encodeServerSentEvent({ comment: "ping" }, sep) } : undefined,
      request: init.request,
    });
    super(body, {
      status: init.status,
      statusText: init.statusText,
      headers,
      contentType: "text/event-stream; charset=utf-8",
    });
  }
}
