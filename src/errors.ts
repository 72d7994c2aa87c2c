/**
 * Errors that become responses: `HttpError`, `Http404`, RFC 9457 problem details, and
 * `handle()`, which turns what a `Deno.serve` / `Bun.serve` handler throws into a response.
 *
 * @module
 */

import { type HeadersInit, toHeaders } from "./headers.ts";
import { encodeJson } from "./json.ts";
import { DEFAULTS, HttpResponse, type HttpResponseInit, PlainTextResponse, type ResponseDefaults } from "./response.ts";
import { badNumber } from "./invalid.ts";
import { reasonPhrase } from "./status.ts";

/**
 * An RFC 9457 problem details object: the standard members and any extensions.
 *
 * @example
 * ```ts
 * import type { ProblemDetails } from "allresponses";
 * const problem: ProblemDetails = { type: "https://example.com/probs/quota", status: 429, remaining: 0 };
 * ```
 */
export interface ProblemDetails {
  /** A URI reference that identifies the problem type. Default `about:blank`. */
  type?: string;
  /** A short summary of the problem type. Default: the status's reason phrase. */
  title?: string;
  /** The HTTP status code. */
  status?: number;
  /** An explanation specific to this occurrence. */
  detail?: string;
  /** A URI reference that identifies this occurrence. */
  instance?: string;
  /** Extension members. */
  [extension: string]: unknown;
}

/**
 * An RFC 9457 problem details response: `application/problem+json`. The status comes from
 * `init.status`, else `problem.status`, else 500; `status` and (for `about:blank`) `title`
 * are filled in.
 *
 * @example
 * ```ts
 * import { ProblemDetailsResponse } from "allresponses";
 * new ProblemDetailsResponse({
 *   type: "https://example.com/probs/out-of-credit",
 *   title: "You do not have enough credit.",
 *   status: 403,
 *   balance: 30,
 * });
 * ```
 */
export class ProblemDetailsResponse extends HttpResponse {
  /** @internal */
  static readonly [DEFAULTS]: ResponseDefaults = { contentType: "application/problem+json" };

  /**
   * Builds an `application/problem+json` response from `problem`.
   *
   * @param problem The problem details; extension members are kept.
   * @param init Status, headers and other base options.
   */
  constructor(problem: ProblemDetails, init: HttpResponseInit = {}) {
    const status = init.status ?? problem.status ?? 500;
    const type = problem.type ?? "about:blank";
    const title = problem.title ?? (type === "about:blank" ? reasonPhrase(status) : undefined);
    const body: ProblemDetails = { type, title, status, ...problem };
    body.status = status;
    super(encodeJson(body, {}, new.target), { ...init, status });
  }
}

/**
 * Options of {@link HttpError}.
 *
 * @example
 * ```ts
 * import { HttpError, type HttpErrorInit } from "allresponses";
 * const init: HttpErrorInit = { headers: { "Retry-After": "30" }, expose: true };
 * throw new HttpError(503, "Down for maintenance", init);
 * ```
 */
export interface HttpErrorInit {
  /** Headers for the error response, e.g. `WWW-Authenticate` or `Retry-After`. */
  headers?: HeadersInit;
  /** Whether the message may be shown to the client. Default: true for 4xx, false for 5xx. */
  expose?: boolean;
  /** The underlying error. */
  cause?: unknown;
}

/** One media range of an Accept header, with its weight and how specific it is. */
interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** The media ranges of an Accept header; a range with an invalid q-value is dropped. */
function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(",")) {
    const [range = "", ...params] = part.split(";");
    const slash = range.indexOf("/");
    if (slash < 0) continue;
    let q = 1;
    for (const param of params) {
      const eq = param.indexOf("=");
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== "q") continue;
      const value = param.slice(eq + 1).trim();
      q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : NaN;
    }
    if (Number.isNaN(q)) continue;
    ranges.push({
      type: range.slice(0, slash).trim().toLowerCase(),
      subtype: range.slice(slash + 1).trim().toLowerCase(),
      q,
    });
  }
  return ranges;
}

/**
 * How acceptable `type/subtype` is: the q-value of the most specific range that matches it
 * (RFC 9110 §12.5.1), and that specificity (2 for `type/subtype`, 1 for `type/*`, 0 for
 * `*\/*`, -1 when nothing matches).
 */
function acceptability(ranges: MediaRange[], type: string, subtype: string): [q: number, specificity: number] {
  let q = 0;
  let specificity = -1;
  for (const range of ranges) {
    const s = range.type === type
      ? range.subtype === subtype ? 2 : range.subtype === "*" ? 1 : -1
      : range.type === "*" && range.subtype === "*"
      ? 0
      : -1;
    if (s > specificity || (s === specificity && range.q > q)) {
      specificity = s;
      q = s < 0 ? 0 : range.q;
    }
  }
  return [q, specificity];
}

/**
 * True when the request's Accept header makes `application/problem+json` (or
 * `application/json`) the better answer than `text/plain`. A tie goes to JSON only when the
 * client named JSON more specifically than `*\/*`, so browsers and `curl` get text and
 * `Accept: application/json, text/plain, *\/*` (axios) gets JSON.
 */
export function prefersJson(request: Request | undefined): boolean {
  const accept = request?.headers.get("accept");
  if (!accept) return false;
  const ranges = parseAccept(accept);
  const [qp, sp] = acceptability(ranges, "application", "problem+json");
  const [qa, sa] = acceptability(ranges, "application", "json");
  const [json, jsonSpecificity] = qp > qa || (qp === qa && sp >= sa) ? [qp, sp] : [qa, sa];
  const [text, textSpecificity] = acceptability(ranges, "text", "plain");
  if (json <= 0) return false;
  return json > text || (json === text && jsonSpecificity > 0 && jsonSpecificity >= textSpecificity);
}

/**
 * An error that is an HTTP response: throw it from a handler wrapped in {@link handle}, from a
 * Hono handler (Hono's default error handler calls `getResponse()`), or turn it into a response
 * yourself with `toResponse(request)`. The message is shown to the client for 4xx statuses and
 * hidden for 5xx unless `expose` says otherwise.
 *
 * @example
 * ```ts
 * import { handle, HttpError } from "allresponses";
 * Deno.serve(handle((req) => {
 *   if (!req.headers.has("authorization")) {
 *     throw new HttpError(401, "Log in first", { headers: { "WWW-Authenticate": "Bearer" } });
 *   }
 *   return new Response("secret");
 * }));
 * ```
 */
export class HttpError extends Error {
  /** The response status, 400 to 599. */
  readonly status: number;
  /** Headers the response carries. */
  readonly headers: Headers;
  /** Whether the message is shown to the client. */
  readonly expose: boolean;

  /**
   * Creates an error that becomes a response with `status`.
   *
   * @param status An error status, 400 to 599.
   * @param message What went wrong. Default: the reason phrase.
   * @param init Headers, `expose` and `cause`.
   * @throws {RangeError} for a status outside 400 to 599.
   */
  constructor(status: number, message?: string, init: HttpErrorInit = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw badNumber("HttpError", "status", status, "an error status (an integer from 400 to 599)");
    }
    super(message ?? reasonPhrase(status), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = status;
    this.headers = toHeaders(init.headers, new.target.name);
    this.expose = init.expose ?? status < 500;
  }

  /**
   * The response for this error. A request whose Accept header prefers JSON gets RFC 9457
   * `application/problem+json`; any other, or none, gets `text/plain`. With a request the
   * response carries `Vary: Accept`. The message is the problem's `detail` (or the text) only
   * when `expose` is true; otherwise the client sees the reason phrase alone.
   *
   * @param request The request whose Accept header picks the format.
   * @example
   * ```ts
   * import { Http404 } from "allresponses";
   * const req = new Request("http://x/", { headers: { accept: "application/json" } });
   * await new Http404("No such user").toResponse(req).json();
   * // { type: "about:blank", title: "Not Found", status: 404, detail: "No such user" }
   * ```
   */
  toResponse(request?: Request): HttpResponse {
    const headers = new Headers(this.headers);
    // The body is this method's to describe.
    headers.delete("content-type");
    headers.delete("content-length");
    if (request) {
      const vary = headers.get("vary");
      if (vary !== "*" && !vary?.split(",").some((v) => v.trim().toLowerCase() === "accept")) {
        headers.set("vary", vary ? `${vary}, Accept` : "Accept");
      }
    }
    const detail = this.expose ? this.message : undefined;
    if (prefersJson(request)) {
      return new ProblemDetailsResponse({ title: reasonPhrase(this.status), detail }, { status: this.status, headers });
    }
    return new PlainTextResponse(detail ?? reasonPhrase(this.status), { status: this.status, headers });
  }

  /**
   * The response for this error as plain text; Hono's default error handler calls it.
   *
   * @example
   * ```ts
   * import { HttpError } from "allresponses";
   * new HttpError(429, "Slow down").getResponse().status; // 429
   * ```
   */
  getResponse(): HttpResponse {
    return this.toResponse();
  }
}

/**
 * 404 Not Found as an error (Django's `Http404`).
 *
 * @example
 * ```ts
 * import { Http404 } from "allresponses";
 * throw new Http404("No such article");
 * ```
 */
export class Http404 extends HttpError {
  /**
   * Creates a 404 error.
   *
   * @param message What was not found. Default "Not Found".
   * @param init Headers, `expose` and `cause`.
   */
  constructor(message?: string, init?: HttpErrorInit) {
    super(404, message, init);
  }
}

/**
 * Options of {@link handle} (and of `errorHandler(options)` for Hono).
 *
 * @example
 * ```ts
 * import { handle, type HandleOptions } from "allresponses";
 * const options: HandleOptions = { debug: false, onError: (error, request) => console.error(request.url, error) };
 * Deno.serve(handle(() => new Response("ok"), options));
 * ```
 */
export interface HandleOptions {
  /**
   * Show the message and stack of unexpected errors in the 500 response. For development only:
   * never in production.
   */
  debug?: boolean;
  /**
   * Called with every error the handler throws (an {@link HttpError} too) and the request, for
   * logging; what it throws or rejects with is ignored. Without it, errors that are not an
   * {@link HttpError} are logged with `console.error`.
   */
  onError?: (error: unknown, request: Request) => void | Promise<void>;
}

/**
 * A `Deno.serve` / `Bun.serve` handler: the request, then whatever the server passes along
 * (Deno's `info`, Bun's `server`).
 *
 * @example
 * ```ts
 * import { handle, type Handler } from "allresponses";
 * const hello: Handler = () => new Response("hello");
 * Deno.serve(handle(hello));
 * ```
 */
export type Handler<I extends unknown[] = unknown[]> = (
  request: Request,
  ...info: I
) => Response | Promise<Response>;

/** The text a debug 500 shows: the stack, with the error's name and message in front of it. */
function debugText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const head = `${error.name}: ${error.message}`;
  const stack = typeof error.stack === "string" ? error.stack : "";
  return stack.includes(head) ? stack : stack ? `${head}\n${stack}` : head;
}

/**
 * Reports `error` to `onError`, or, when there is no hook, logs it with `console.error` unless
 * it is `expected` (an error meant to become its own response, such as an {@link HttpError}).
 * A hook that throws or rejects is ignored: it must not turn a handled error into a crash.
 */
export function reportError(
  error: unknown,
  request: Request,
  onError: HandleOptions["onError"],
  expected: boolean,
): void {
  if (!onError) {
    if (!expected) console.error(error);
    return;
  }
  try {
    const result: unknown = onError(error, request);
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // ignored, as documented
  }
}

/**
 * The response for anything a handler threw: an {@link HttpError}'s own response, or a 500
 * that reveals nothing of the error unless `debug` is set. Both negotiated with `request`.
 */
export function errorResponse(error: unknown, request: Request, debug: boolean | undefined): HttpResponse {
  if (error instanceof HttpError) return error.toResponse(request);
  if (debug === true) return new HttpError(500, debugText(error), { expose: true, cause: error }).toResponse(request);
  return new HttpError(500).toResponse(request);
}

/**
 * Wraps a `Deno.serve` / `Bun.serve` handler so that a thrown {@link HttpError} becomes its
 * response and anything else a 500 that reveals nothing (unless `debug`). Clients that prefer
 * JSON get RFC 9457 problem details, others plain text. `onError` sees every error, for
 * logging; without it, unexpected errors are logged with `console.error`.
 *
 * @param handler The handler to wrap; it may be sync or async.
 * @param options `debug` and `onError`.
 * @example
 * ```ts
 * import { handle, Http404, JsonResponseOK } from "allresponses";
 * const users = new Map([["1", { name: "Ada" }]]);
 * Deno.serve(handle((req) => {
 *   const user = users.get(new URL(req.url).searchParams.get("id") ?? "");
 *   if (!user) throw new Http404("No such user");
 *   return new JsonResponseOK(user);
 * }, { onError: (e) => console.error(e) }));
 * ```
 */
export function handle<I extends unknown[]>(
  handler: Handler<I>,
  options: HandleOptions = {},
): (request: Request, ...info: I) => Promise<Response> {
  const { debug, onError } = options;
  return async (request, ...info) => {
    try {
      return await handler(request, ...info);
    } catch (error) {
      reportError(error, request, onError, error instanceof HttpError);
      return errorResponse(error, request, debug);
    }
  };
}
