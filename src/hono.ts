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
import { fileError, FileResponse, type FileResponseInit, type FileSource } from "./file.ts";
import type { HeadersInit } from "./headers.ts";
import { describe, invalidType } from "./invalid.ts";
import { RedirectResponse } from "./redirect.ts";
import { type DirectoryAccess, directoryAccess } from "./runtime/fs.ts";

export * from "../mod.ts";

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
 * The root is looked up on the first request, not when the middleware is made, so that an app
 * that mounts it starts where there is no file system (a worker); that request fails with a
 * `TypeError` when the runtime has no file system or `root` is not a directory.
 *
 * @throws {TypeError} when `index` is not a plain file name.
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
  const { headers, chunkSize } = options;
  const index = checkIndex(options.index ?? "index.html");
  // The file system is looked up on first use, so that a worker without one that mounts this
  // middleware still starts.
  let root: ServedRoot | undefined;
  const find = (path: string) =>
    findFile(root ??= servedRoot(options.root), path, { index, dotfiles: options.dotfiles ?? false });
  return async function serveFiles(c, next) {
    const request = c.req.raw;
    if (request.method !== "GET" && request.method !== "HEAD") return await next();
    const requested = rawPath(request.url);
    const found = find(options.rewriteRequestPath ? options.rewriteRequestPath(requested) : requested);
    if (found === undefined) return await next();
    const slash = requested.endsWith("/");
    if (found.isIndex && !slash) return directoryRedirect(request.url, requested);
    if (!found.isIndex && slash) return await next();
    try {
      return new FileResponse(found.path, {
        request,
        headers: typeof headers === "function" ? headers(found.path) : headers,
        chunkSize,
      });
    } catch (error) {
      if (error instanceof Http404) return await next();
      throw error;
    }
  };
}

/** `index`, when it is `false` or a plain file name. */
function checkIndex(index: string | false): string | false {
  if (index !== false && (index === "" || index === "." || index === ".." || /[/\\\0]/.test(index))) {
    throw invalidType("serveFiles", `index ${describe(index)} is not a plain file name`);
  }
  return index;
}

/** The directory a {@link serveFiles} serves: its real path, and the prefix every path under it starts with. */
interface ServedRoot {
  access: DirectoryAccess;
  real: string;
  /** `real` with a trailing separator. */
  inside: string;
}

/** The real path of `root`, which must be a directory. */
function servedRoot(root: string | URL): ServedRoot {
  const access = directoryAccess();
  if (access === undefined) throw invalidType("serveFiles", "this runtime has no file system (node:fs)");
  const given = typeof root === "string" ? root : access.pathOf(root);
  const real = access.realPath(given);
  if (typeof real !== "string") throw invalidType("serveFiles", `root ${describe(given)} does not exist`);
  if (!access.isDirectory(real)) throw invalidType("serveFiles", `root ${describe(given)} is not a directory`);
  return { access, real, inside: real.endsWith(access.separator) ? real : real + access.separator };
}

/**
 * The real path of `segments` under the root, when it exists and lies inside the root;
 * `undefined` otherwise. A path this process may not resolve is an {@link HttpError} 403.
 */
function resolveInside(root: ServedRoot, segments: readonly string[]): string | undefined {
  const real = root.access.realPath(root.inside + segments.join(root.access.separator));
  if (typeof real !== "string") {
    if (real.problem === "forbidden") throw fileError(real, "serveFiles");
    return undefined;
  }
  return real === root.real || real.startsWith(root.inside) ? real : undefined;
}

/** A file that {@link serveFiles} answers with: the path, and whether it is a directory's index. */
interface FoundFile {
  path: string;
  isIndex: boolean;
}

/** The file under `root` that a request path names (a directory's index file for a directory), if any. */
function findFile(
  root: ServedRoot,
  requestPath: string,
  { index, dotfiles }: { index: string | false; dotfiles: boolean },
): FoundFile | undefined {
  const segments = pathSegments(requestPath, dotfiles, root.access.separator === "\\");
  if (segments === undefined) return undefined;
  const path = resolveInside(root, segments);
  if (path === undefined) return undefined;
  if (!root.access.isDirectory(path)) return { path, isIndex: false };
  const indexPath = index === false ? undefined : resolveInside(root, [...segments, index]);
  if (indexPath === undefined || root.access.isDirectory(indexPath)) return undefined;
  return { path: indexPath, isIndex: true };
}

/**
 * The 301 to a directory's path with its trailing slash: relative, and `./` first, so that
 * nothing in the name can make it another origin.
 */
function directoryRedirect(url: string, requested: string): RedirectResponse {
  const query = url.indexOf("?");
  const search = query === -1 ? "" : url.slice(query);
  return new RedirectResponse(`./${requested.slice(requested.lastIndexOf("/") + 1)}/${search}`, { status: 301 });
}
