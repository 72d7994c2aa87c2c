/**
 * `allresponses/hono`: every class of `allresponses`, plus what a Hono app needs to return
 * them directly: {@link responses} keeps the headers and cookies set through Hono's context on
 * the response a handler returns, {@link errorHandler} turns thrown errors into negotiated
 * responses, and {@link fileResponse} / {@link serveFiles} serve files with everything
 * `FileResponse` does.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { setCookie } from "hono/cookie";
 * import { errorHandler, Http404, JsonResponseOK, responses } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.use(responses());
 * app.onError(errorHandler);
 * app.get("/users/:id", (c) => {
 *   if (c.req.param("id") !== "1") throw new Http404("No such user");
 *   setCookie(c, "seen", "1");
 *   return new JsonResponseOK({ id: 1, name: "Ada" });
 * });
 * export default app;
 * ```
 *
 * @module
 */

import { errorResponse, type HandleOptions, HttpError, reportError } from "./errors.ts";
import { FileResponse, type FileResponseInit, type FileSource } from "./file.ts";
import { type StaticFilesOptions, staticHandler } from "./static.ts";

export * from "../mod.ts";
export { compression } from "./hono_middleware.ts";

/**
 * The part of Hono's `Context` that the adapter uses. Hono's own `Context` is one, so
 * `responses()`, `errorHandler` and `fileResponse()` take a Hono context as it is, and this
 * module needs nothing from Hono at run time.
 *
 * @example
 * ```ts
 * import type { Context } from "hono";
 * import type { HonoContext } from "allresponses/hono";
 * const asAdapterContext = (c: Context): HonoContext => c;
 * ```
 */
export interface HonoContext {
  /** The request: `raw` is the web `Request`; `routeIndex` the position of the running handler. */
  readonly req: { readonly raw: Request; readonly routeIndex: number };
  /** Whether a response has been set. */
  finalized: boolean;
  /** The response (Hono makes an empty one on first read; setting `undefined` drops it). */
  res: Response;
  /** Sets (`append`: adds) a response header, or deletes it when `value` is undefined. */
  header(name: string, value?: string, options?: { append?: boolean }): void;
  /** A new response carrying the context's pending headers. */
  newResponse(data: null): Response;
}

/**
 * A middleware as Hono's `app.use()` takes it.
 *
 * @example
 * ```ts
 * import { type HonoMiddleware, responses } from "allresponses/hono";
 * const middleware: HonoMiddleware = responses();
 * ```
 */
export type HonoMiddleware = (c: HonoContext, next: () => Promise<void>) => Promise<Response | void>;

/**
 * An error handler as Hono's `app.onError()` takes it.
 *
 * @example
 * ```ts
 * import { errorHandler, type HonoErrorHandler } from "allresponses/hono";
 * const onError: HonoErrorHandler = errorHandler({ debug: true });
 * ```
 */
export type HonoErrorHandler = (error: Error, c: HonoContext) => Response;

/** Headers that describe a response's own body: the returned response keeps its own. */
const BODY_HEADERS: ReadonlySet<string> = new Set(["content-type", "content-length"]);

/** The tokens of a comma-separated header value. */
function tokens(value: string): string[] {
  return value.split(",").map((t) => t.trim()).filter((t) => t !== "");
}

/**
 * Adds the `pending` headers to `target`, which wins where both have a header: each pending
 * `Set-Cookie` that `target` lacks is appended, `Vary` becomes the union of both, and any
 * other header is set only when `target` has none. Content-Type and Content-Length stay the
 * target's. Running it twice changes nothing the second time.
 */
function mergeHeaders(target: Headers, pending: Headers): void {
  const cookies = pending.getSetCookie();
  if (cookies.length > 0) {
    const present = new Set(target.getSetCookie());
    for (const cookie of cookies) if (!present.has(cookie)) target.append("set-cookie", cookie);
  }
  for (const [name, value] of pending) {
    if (name === "set-cookie" || BODY_HEADERS.has(name)) continue;
    const existing = target.get(name);
    if (existing === null) {
      target.set(name, value);
    } else if (name === "vary" && existing.trim() !== "*") {
      const have = new Set(tokens(existing).map((t) => t.toLowerCase()));
      const add = tokens(value).filter((t) => !have.has(t.toLowerCase()));
      if (add.includes("*")) target.set("vary", "*");
      else if (add.length > 0) target.set("vary", `${existing}, ${add.join(", ")}`);
    }
  }
}

/** True when `headers` has at least one entry. */
function hasEntries(headers: Headers): boolean {
  for (const _ of headers) return true;
  return false;
}

/** Applies one `c.header()` call to `headers` the way Hono does. */
function applyHeader(headers: Headers, name: string, value: string | undefined, append: boolean | undefined): void {
  if (value === undefined) headers.delete(name);
  else if (append) headers.append(name, value);
  else headers.set(name, value);
}

/** Drops the context's response, so that Hono sets the next one as it is instead of copying it. */
function dropResponse(c: HonoContext): void {
  (c as { res: Response | undefined }).res = undefined;
}

/**
 * Middleware that keeps the headers and cookies set through Hono's context — `c.header()`,
 * `setCookie()` / `deleteCookie()` from `hono/cookie`, and middleware that ran before — on the
 * `Response` a handler returns, whether one of these classes or any other, by adding them to
 * that response's own headers. The response is never rebuilt, so it stays an instance of its
 * class and a Bun file body keeps its sendfile path.
 *
 * Headers the returned response sets itself win over the context's; `Set-Cookie` headers are
 * appended one by one, `Vary` values are combined, and Content-Type and Content-Length always
 * stay the response's own. After a handler has returned, `c.header()` (as later middleware
 * calls it) changes the response in place too, where Hono would rebuild it.
 *
 * Register it with `app.use()` before the routes it covers. Middleware that reads `c.res`
 * before calling `next()` (Hono's `cors()` does) should be registered before `responses()`:
 * what it set is then kept the same way, and the returned response is not rebuilt.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { setCookie } from "hono/cookie";
 * import { JsonResponseCreated, responses } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.use(responses());
 * app.post("/session", (c) => {
 *   c.header("Cache-Control", "no-store");
 *   setCookie(c, "session", "abc", { httpOnly: true });
 *   return new JsonResponseCreated({ ok: true }); // sent with Cache-Control and Set-Cookie
 * });
 * ```
 */
export function responses(): HonoMiddleware {
  return async function responses(c, next) {
    let pending: Headers | undefined;
    if (c.req.routeIndex !== 0 && !c.finalized) {
      // Middleware ran before this one: take over what it left pending, and drop the
      // placeholder response Hono makes when `c.res` is read early, so that Hono does not
      // rebuild the response the handler returns around it.
      const snapshot = c.newResponse(null).headers;
      dropResponse(c);
      c.finalized = false;
      // A copy: under @hono/node-server's Response the snapshot may be Hono's own Headers.
      if (hasEntries(snapshot)) pending = new Headers(snapshot);
    }
    const header = c.header;
    c.header = (name, value, options) => {
      if (c.finalized) {
        try {
          applyHeader(c.res.headers, name, value, options?.append);
          return;
        } catch {
          // Immutable headers (a fetched response): Hono's own header() copies the response.
        }
      } else {
        applyHeader(pending ??= new Headers(), name, value, options?.append);
      }
      header(name, value, options);
    };
    await next();
    if (pending === undefined || !c.finalized) return;
    const res = c.res;
    try {
      mergeHeaders(res.headers, pending);
    } catch {
      // Immutable headers (a fetched response, Response.redirect()): only a copy can take them.
      const copy = new Response(res.body, res);
      mergeHeaders(copy.headers, pending);
      dropResponse(c);
      c.res = copy;
    }
  };
}

/** True for an error that carries its own response, as Hono's `HTTPException` does. */
function hasResponse(error: unknown): error is { getResponse(): Response } {
  return typeof (error as { getResponse?: unknown } | null)?.getResponse === "function";
}

/** The response for an error thrown in a Hono handler, reported as `options` ask. */
function errorToResponse(error: unknown, c: HonoContext, options: HandleOptions): Response {
  const request = c.req.raw;
  const carriesResponse = !(error instanceof HttpError) && hasResponse(error);
  reportError(error, request, options.onError, carriesResponse || error instanceof HttpError);
  return carriesResponse ? error.getResponse() : errorResponse(error, request, options.debug);
}

/**
 * The error handler for `app.onError`: an {@link HttpError} becomes its response, negotiated
 * with the request (RFC 9457 `application/problem+json` for clients that prefer JSON, plain
 * text otherwise); an error that carries its own response (Hono's `HTTPException`, as thrown by
 * `basicAuth()` and `bearerAuth()`) becomes that response; anything else a 500 that reveals
 * nothing of the error. Unexpected errors are logged with `console.error`.
 *
 * Called with options instead, it returns a handler configured like {@link handle}: `debug`
 * shows unexpected errors in the 500 (development only), and `onError` receives every error
 * for logging, in place of `console.error`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { errorHandler, HttpError } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.onError(errorHandler);
 * app.get("/admin", () => {
 *   throw new HttpError(403, "Admins only");
 * });
 *
 * const dev = new Hono();
 * dev.onError(errorHandler({ debug: true, onError: (e) => console.warn(e) }));
 * ```
 */
export function errorHandler(error: Error, c: HonoContext): Response;
/**
 * An error handler for `app.onError` configured like {@link handle}: `debug` shows unexpected
 * errors in the 500 (development only), and `onError` receives every error for logging, in
 * place of `console.error`.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { errorHandler } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.onError(errorHandler({ onError: (error, request) => console.warn(request.url, error) }));
 * ```
 */
export function errorHandler(options?: HandleOptions): HonoErrorHandler;
export function errorHandler(arg?: Error | HandleOptions, c?: HonoContext): Response | HonoErrorHandler {
  if (c !== undefined) return errorToResponse(arg, c, {});
  const options = { ...(arg as HandleOptions | undefined) };
  return (error, c) => errorToResponse(error, c, options);
}

/**
 * A {@link FileResponse} for the request in `c`: HEAD, Range (multipart too), ETag and the
 * conditional requests answered as `FileResponse` answers them. A missing file throws
 * {@link Http404}, an unreadable one an {@link HttpError} 403, which {@link errorHandler} (or
 * Hono's default handler) turns into the response.
 *
 * @param c The Hono context; `c.req.raw` is the request.
 * @param source A file path, a `file:` URL, a `Blob` or a `FileSource`.
 * @param init The options of `FileResponse` but `request`: status, headers, media type,
 *   Content-Disposition and chunk size.
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { errorHandler, fileResponse } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.onError(errorHandler);
 * app.get("/report", (c) => fileResponse(c, "./files/report.pdf", { filename: "Report 2025.pdf" }));
 * ```
 */
export function fileResponse(
  c: HonoContext,
  source: string | URL | Blob | FileSource,
  init: Omit<FileResponseInit, "request"> = {},
): FileResponse {
  return new FileResponse(source, { ...init, request: c.req.raw });
}

/**
 * Options of {@link serveFiles}: those of {@link staticFiles}, and a rewrite of the request path.
 *
 * @example
 * ```ts
 * import { serveFiles, type ServeFilesOptions } from "allresponses/hono";
 * const options: ServeFilesOptions = {
 *   root: new URL("./public/", import.meta.url),
 *   index: "index.html",
 *   headers: (path) => path.includes("/assets/") ? { "Cache-Control": "max-age=31536000, immutable" } : undefined,
 * };
 * serveFiles(options);
 * ```
 */
export interface ServeFilesOptions extends StaticFilesOptions {
  /**
   * Maps the request's path, as sent (percent-encoded), to the path under `root`; applied before
   * `prefix` is stripped. Default: the path as it is, so `app.use("/static/*", serveFiles({ root: "." }))`
   * serves `./static/…`.
   */
  rewriteRequestPath?: (path: string) => string;
}

/**
 * Static-file middleware: {@link staticFiles} for Hono. A GET or HEAD of a file under `root` is
 * answered with its {@link FileResponse} — HEAD, Range (multipart too), a strong ETag, 304 and
 * 412, precompressed siblings and the cache policy when asked — and anything else (another
 * method, a missing or refused path) goes on to the next handler, and so to a 404 when there is
 * none. No way out of `root`: `..` segments (also encoded as `%2e%2e`), encoded separators
 * (`%2f`, `%5c`), backslashes, NUL bytes and invalid encodings are refused, and the real path
 * of the file (symlinks resolved) must lie inside the real path of `root` — checked once per
 * file and remembered while a stat sees the same file. Dotfiles are not served unless
 * `dotfiles` is set. A file that cannot be read is an {@link HttpError} 403.
 *
 * @param options The options of {@link staticFiles}, and `rewriteRequestPath`.
 * @throws {TypeError} for options of the wrong type, an `index` that is not a plain file name,
 *   and a `root` that does not exist or is no directory (checked when the middleware is made);
 *   from the middleware, when the runtime has no file system — so that a worker without one
 *   that mounts it still starts.
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { errorHandler, serveFiles } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.onError(errorHandler);
 * // GET /assets/app.css → ./public/app.css, with Range, ETag and 304
 * app.use("/assets/*", serveFiles({ root: "./public", prefix: "/assets", maxAge: 3600, precompressed: true }));
 * ```
 */
export function serveFiles(options: ServeFilesOptions): HonoMiddleware {
  const respond = staticHandler(options, "serveFiles", options?.rewriteRequestPath);
  return async function serveFiles(c, next) {
    return respond(c.req.raw) ?? await next();
  };
}
