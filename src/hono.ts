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

import { errorResponse, type HandleOptions, Http404, HttpError, reportError } from "./errors.ts";
import { FileResponse, type FileResponseInit } from "./file.ts";
import type { HeadersInit } from "./headers.ts";
import { RedirectResponse } from "./redirect.ts";

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

function respond(error: unknown, c: HonoContext, options: HandleOptions): Response {
  const request = c.req.raw;
  const own = !(error instanceof HttpError) && hasResponse(error);
  reportError(error, request, options.onError, own || error instanceof HttpError);
  return own ? error.getResponse() : errorResponse(error, request, options.debug);
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
  if (c !== undefined) return respond(arg, c, {});
  const options = { ...(arg as HandleOptions | undefined) };
  return (error, c) => respond(error, c, options);
}

/**
 * A {@link FileResponse} for the request in `c`: HEAD, Range (multipart too), ETag and the
 * conditional requests answered as `FileResponse` answers them. A missing file throws
 * {@link Http404}, an unreadable one an {@link HttpError} 403, which {@link errorHandler} (or
 * Hono's default handler) turns into the response.
 *
 * @param c The Hono context; `c.req.raw` is the request.
 * @param path A file path, or a `file:` URL.
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
export function fileResponse(c: HonoContext, path: string | URL, init: Omit<FileResponseInit, "request"> = {}): FileResponse {
  return new FileResponse(path, { ...init, request: c.req.raw });
}

/**
 * Options of {@link serveFiles}.
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
export interface ServeFilesOptions {
  /** The directory to serve: a path, or a `file:` URL. Nothing outside it is ever served. */
  root: string | URL;
  /**
   * The file a directory request is answered with; `false` for none. Default `index.html`. A
   * directory requested without its trailing slash is redirected (301) to the path with one.
   */
  index?: string | false;
  /** Serve files and directories whose name starts with a dot. Default `false`. */
  dotfiles?: boolean;
  /**
   * Maps the request's path, as sent (percent-encoded), to the path under `root`. Default: the
   * path as it is, so `app.use("/static/*", serveFiles({ root: "." }))` serves `./static/…`.
   */
  rewriteRequestPath?: (path: string) => string;
  /** Headers for every file response (e.g. Cache-Control), or a function of the file's path. */
  headers?: HeadersInit | ((path: string) => HeadersInit | undefined);
  /** The most bytes read from a file at once; see `FileResponse`. */
  chunkSize?: number;
}

/** The part of `node:fs` that {@link serveFiles} uses. */
interface FileSystem {
  realpathSync(path: string): string;
  statSync(path: string): { isDirectory(): boolean };
}

/** `node:fs` and the platform, reached at run time so that this module loads where there is none. */
function fileSystem(): { fs: FileSystem; windows: boolean; fileURLToPath(url: URL): string } {
  const process = (globalThis as {
    process?: { platform?: string; getBuiltinModule?(id: string): unknown };
  }).process;
  const fs = process?.getBuiltinModule?.("node:fs") as FileSystem | undefined;
  const url = process?.getBuiltinModule?.("node:url") as { fileURLToPath(url: URL): string } | undefined;
  if (fs === undefined || url === undefined) throw new TypeError("serveFiles: this runtime has no file system (node:fs)");
  return { fs, windows: process?.platform === "win32", fileURLToPath: url.fileURLToPath };
}

/** The request path of `url` as sent: from the first `/` after the authority to `?` or `#`. */
function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("://") + 3);
  if (start === -1) return "/";
  const query = url.indexOf("?", start);
  const hash = url.indexOf("#", start);
  const end = query === -1 ? hash : hash === -1 ? query : Math.min(query, hash);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/**
 * The decoded segments of a request path, or `undefined` when the path must not reach the
 * file system: an invalid percent-encoding, a `.` or `..` segment (encoded or not), a segment
 * that decodes to a separator (`%2f`, `%5c`, a backslash), a NUL, a `:` on Windows (drive
 * letters, alternate data streams), or a dotfile unless `dotfiles`. Empty segments (`//`) are
 * skipped.
 */
function pathSegments(path: string, dotfiles: boolean, windows: boolean): string[] | undefined {
  const segments: string[] = [];
  for (const raw of path.split("/")) {
    if (raw === "") continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === "." || segment === ".." || /[/\\\0]/.test(segment) || (windows && segment.includes(":"))) {
      return undefined;
    }
    if (!dotfiles && segment.startsWith(".")) return undefined;
    segments.push(segment);
  }
  return segments;
}

/**
 * Static-file middleware with everything {@link FileResponse} does — HEAD, Range (multipart
 * too), a strong ETag, 304 and 412 — and no way out of `root`: `..` segments (also encoded as
 * `%2e%2e`), encoded separators (`%2f`, `%5c`), backslashes, NUL bytes and invalid encodings
 * are refused, and the real path of the file (symlinks resolved) must lie inside the real path
 * of `root`. Dotfiles are not served unless `dotfiles` is set.
 *
 * It answers GET and HEAD for files that exist; anything else — another method, a missing or
 * refused path — goes on to the next handler, and so to a 404 when there is none. A file that
 * cannot be read is an {@link HttpError} 403.
 *
 * @param options The root, index file, dotfiles, path rewriting, headers and chunk size.
 * @throws {TypeError} when the runtime has no file system, `root` is not a directory, or `index`
 *   is not a plain file name.
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { errorHandler, serveFiles } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.onError(errorHandler);
 * // GET /assets/app.css → ./public/app.css, with Range, ETag and 304
 * app.use("/assets/*", serveFiles({
 *   root: "./public",
 *   rewriteRequestPath: (path) => path.replace(/^\/assets/, ""),
 *   headers: { "Cache-Control": "public, max-age=3600" },
 * }));
 * ```
 */
export function serveFiles(options: ServeFilesOptions): HonoMiddleware {
  const { fs, windows, fileURLToPath } = fileSystem();
  const { dotfiles = false, rewriteRequestPath, headers, chunkSize } = options;
  const index = options.index ?? "index.html";
  if (index !== false && (index === "" || index === "." || index === ".." || /[/\\\0]/.test(index))) {
    throw new TypeError(`serveFiles: index ${JSON.stringify(index)} is not a plain file name`);
  }
  const given = typeof options.root === "string" ? options.root : fileURLToPath(options.root);
  let root: string;
  try {
    root = fs.realpathSync(given);
  } catch {
    throw new TypeError(`serveFiles: root ${JSON.stringify(given)} does not exist`);
  }
  if (!fs.statSync(root).isDirectory()) throw new TypeError(`serveFiles: root ${JSON.stringify(given)} is not a directory`);
  const sep = windows ? "\\" : "/";
  const inside = root.endsWith(sep) ? root : root + sep;

  /** Whether `path` is a directory; false when it is gone. */
  function isDirectory(path: string): boolean {
    try {
      return fs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  }

  /** The real path of `segments` under root when it exists and lies inside root. */
  function resolve(segments: readonly string[]): string | undefined {
    let real: string;
    try {
      real = fs.realpathSync(inside + segments.join(sep));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === "EACCES" || code === "EPERM") throw new HttpError(403, undefined, { cause: error });
      return undefined;
    }
    return real === root || real.startsWith(inside) ? real : undefined;
  }

  return async function serveFiles(c, next) {
    const request = c.req.raw;
    if (request.method !== "GET" && request.method !== "HEAD") return await next();
    const requested = rawPath(request.url);
    const path = rewriteRequestPath ? rewriteRequestPath(requested) : requested;
    const segments = pathSegments(path, dotfiles, windows);
    if (segments === undefined) return await next();
    let file = resolve(segments);
    if (file === undefined) return await next();
    const slash = requested.endsWith("/");
    if (isDirectory(file)) {
      file = index === false ? undefined : resolve([...segments, index]);
      if (file === undefined || isDirectory(file)) return await next();
      if (!slash) {
        // Relative, and "./" first, so that nothing in the name can make it another origin.
        const query = request.url.indexOf("?");
        const search = query === -1 ? "" : request.url.slice(query);
        return new RedirectResponse(`./${requested.slice(requested.lastIndexOf("/") + 1)}/${search}`, { status: 301 });
      }
    } else if (slash) {
      return await next();
    }
    try {
      return new FileResponse(file, {
        request,
        headers: typeof headers === "function" ? headers(file) : headers,
        chunkSize,
      });
    } catch (error) {
      if (error instanceof Http404) return await next();
      throw error;
    }
  };
}
