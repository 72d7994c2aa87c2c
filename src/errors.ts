/**
 * Errors that become responses: `HttpError`, `Http404`, RFC 9457 problem details, and
 * `handle()`, which turns what a `Deno.serve` / `Bun.serve` handler throws into a response.
 *
 * @module
 */

import { type HeadersInit, toHeaders } from "./headers.ts";
import { encodeJson } from "./json.ts";
import { DEFAULTS, HttpResponse, type HttpResponseInit, PlainTextResponse, type ResponseDefaults } from "./response.ts";
import { STATUS_TEXT } from "./status.ts";

/** An RFC 9457 problem details object: the standard members and any extensions. */
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

function reason(status: number): string {
  return STATUS_TEXT[status as keyof typeof STATUS_TEXT] ?? "";
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
  static readonly [DEFAULTS]: ResponseDefaults = { type: "application/problem+json" };

  /**
   * Builds an `application/problem+json` response from `problem`.
   *
   * @param problem The problem details; extension members are kept.
   * @param init Status, headers and other base options.
   */
  constructor(problem: ProblemDetails, init: HttpResponseInit = {}) {
    const status = init.status ?? problem.status ?? 500;
    const type = problem.type ?? "about:blank";
    const title = problem.title ?? (type === "about:blank" ? reason(status) : undefined);
    const body: ProblemDetails = { type, title, status, ...problem };
    body.status = status;
    super(encodeJson(body, {}, "ProblemDetailsResponse"), { ...init, status });
  }
}

/** Options of {@link HttpError}. */
export interface HttpErrorInit {
  /** Headers for the error response, e.g. `WWW-Authenticate` or `Retry-After`. */
  headers?: HeadersInit;
  /** Whether the message may be shown to the client. Default: true for 4xx, false for 5xx. */
  expose?: boolean;
  /** The underlying error. */
  cause?: unknown;
}

/** The media types a client asking for which gets problem details rather than text. */
const JSON_TYPES = /^application\/(?:problem\+)?json$|^application\/\*\+json$/;
const TEXT_TYPES = /^text\/(?:plain|html|\*)$/;

/** True when the request's Accept header prefers JSON to text. */
function wantsJson(request: Request | undefined): boolean {
  const accept = request?.headers.get("accept");
  if (!accept) return false;
  let json = 0;
  let text = 0;
  for (const range of accept.split(",")) {
    const [type = "", ...params] = range.split(";").map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!(weight >= 0 && weight <= 1)) continue;
    if (JSON_TYPES.test(type)) json = Math.max(json, weight);
    else if (TEXT_TYPES.test(type)) text = Math.max(text, weight);
  }
  return json > 0 && json >= text;
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
      throw new RangeError(`HttpError: status ${status} is not an error status (an integer from 400 to 599)`);
    }
    super(message ?? reason(status), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "HttpError";
    this.status = status;
    this.headers = toHeaders(init.headers);
    this.expose = init.expose ?? status < 500;
  }

  /**
   * The response for this error. A request whose Accept header prefers JSON gets RFC 9457
   * `application/problem+json`; any other gets `text/plain`.
   *
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
    const detail = this.expose ? this.message : undefined;
    if (wantsJson(request)) {
      return new ProblemDetailsResponse({ title: reason(this.status), detail }, { status: this.status, headers });
    }
    return new PlainTextResponse(detail ?? reason(this.status), { status: this.status, headers });
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
    this.name = "Http404";
  }
}

/** Options of {@link handle}. */
export interface HandleOptions {
  /** Show the message and stack of unexpected errors in the 500 response. Never in production. */
  debug?: boolean;
  /** Called with every error the handler throws, for logging; what it throws is ignored. */
  onError?: (error: unknown, request: Request) => void;
}

/** A `Deno.serve` / `Bun.serve` handler. */
export type Handler<I extends unknown[] = unknown[]> = (
  request: Request,
  ...info: I
) => Response | Promise<Response>;

/**
 * Wraps a `Deno.serve` / `Bun.serve` handler so that a thrown {@link HttpError} becomes its
 * response and anything else a 500 that reveals nothing (unless `debug`). Clients that prefer
 * JSON get RFC 9457 problem details.
 *
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
  return async (request, ...info) => {
    try {
      return await handler(request, ...info);
    } catch (error) {
      try {
        options.onError?.(error, request);
      } catch {
        // A failing logger must not turn a handled error into a crash.
      }
      if (error instanceof HttpError) return error.toResponse(request);
      const message = options.debug ? String((error as Error)?.stack ?? error) : undefined;
      return new HttpError(500, message, { expose: options.debug === true }).toResponse(request);
    }
  };
}
