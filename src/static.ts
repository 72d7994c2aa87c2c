/**
 * `staticFiles`: a directory served over HTTP (Starlette's `StaticFiles`) for `Deno.serve`,
 * `Bun.serve` and Node, with everything `FileResponse` does, precompressed siblings and a cache
 * policy — and no way out of its root. `serveFiles` in `allresponses/hono` is the same handler
 * as middleware.
 *
 * @module
 */

import { checkChunkSize, fileError, FileResponse, FOUND, type FoundInit } from "./file.ts";
import { type HeadersInit, toHeaders } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";
import { VariantIndex } from "./precompressed.ts";
import { RedirectResponse } from "./redirect.ts";
import { type DirectoryAccess, directoryAccess } from "./runtime/fs.ts";
import { fileRuntime } from "./runtime/select.ts";
import { type FileInfo, isFailure, sameVersion } from "./runtime/types.ts";
import { httpDate } from "./util.ts";

/**
 * Options of {@link staticFiles} (and of `serveFiles` in `allresponses/hono`).
 *
 * @example
 * ```ts
 * import { staticFiles, type StaticFilesOptions } from "allresponses";
 * const options: StaticFilesOptions = {
 *   root: new URL("./public/", import.meta.url),
 *   prefix: "/static",
 *   precompressed: true,
 *   maxAge: 600,
 *   immutable: /\.[0-9a-f]{8,}\.(?:js|css)$/,
 * };
 * Deno.serve((request) => staticFiles(options)(request) ?? new Response("Not found", { status: 404 }));
 * ```
 */
export interface StaticFilesOptions {
  /** The directory to serve: a path, or a `file:` URL. Nothing outside it is ever served. */
  root: string | URL;
  /**
   * The file a directory request is answered with; `false` for none. Default `index.html`. A
   * directory requested without its trailing slash is redirected (301) to the path with one.
   */
  index?: string | false;
  /** Serve files and directories whose name starts with a dot. Default `false`. */
  dotfiles?: boolean;
  /** Headers for every file response, or a function of the file's path under `root`. */
  headers?: HeadersInit | ((path: string) => HeadersInit | undefined);
  /** The most bytes read from a file at once; see `FileResponse`. */
  chunkSize?: number;
  /**
   * The URL path the files are served under, as it appears in the request (percent-encoded):
   * `/static` serves `/static/app.js` from `<root>/app.js`. It matches at a segment boundary
   * (`/static` does not match `/staticx`) and is stripped before the lookup. Default: none.
   */
  prefix?: string;
  /**
   * Serve a precompressed sibling (`<file>.br`, `<file>.zst`, `<file>.gz`) when the request's
   * Accept-Encoding prefers it; see `FileResponseInit.precompressed`. Default `false`.
   */
  precompressed?: boolean;
  /** `Cache-Control: public, max-age=<maxAge>` (seconds) on every file. */
  maxAge?: number;
  /**
   * `Cache-Control: public, max-age=31536000, immutable` for the files it matches: all (`true`;
   * a directory's index page excepted), those whose URL path after `prefix` a RegExp matches
   * (hashed names: `/app.3f2a9c1b.js`), or those a function of that path accepts. A
   * Cache-Control in `headers` wins over this and `maxAge`.
   */
  immutable?: boolean | RegExp | ((path: string) => boolean);
}

/**
 * The answer of {@link staticFiles}: a response, or `undefined` for a request it does not serve.
 *
 * @example
 * ```ts
 * import { staticFiles, type StaticFilesHandler } from "allresponses";
 * const files: StaticFilesHandler = staticFiles({ root: "./public" });
 * Bun.serve({ fetch: (request) => files(request) ?? new Response("Not found", { status: 404 }) });
 * ```
 */
export type StaticFilesHandler = (request: Request) => Response | undefined;

const IMMUTABLE = "public, max-age=31536000, immutable";
/** How many request paths a handler remembers the files of; the oldest go first. */
const REMEMBERED_PATHS = 4096;

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

/** `index`, when it is `false` or a plain file name. */
function checkIndex(index: unknown, name: string): string | false {
  if (index === false) return false;
  if (typeof index !== "string" || index === "" || index === "." || index === ".." || /[/\\\0]/.test(index)) {
    throw invalidType(name, `index ${describe(index)} is not a plain file name`);
  }
  return index;
}

/** `prefix` without its trailing slash: a URL path, `""` for none. */
function checkPrefix(prefix: unknown, name: string): string {
  if (prefix === undefined) return "";
  if (typeof prefix !== "string" || !prefix.startsWith("/") || /[?#\0]/.test(prefix)) {
    throw invalidType(name, `prefix ${describe(prefix)} is not a URL path (it starts with "/", without "?" or "#")`);
  }
  return prefix.replace(/\/+$/, "");
}

function checkMaxAge(maxAge: unknown, name: string): number | undefined {
  if (maxAge === undefined) return undefined;
  if (typeof maxAge !== "number") throw invalidType(name, `maxAge ${describe(maxAge)} is not a number`);
  if (!Number.isInteger(maxAge) || maxAge < 0) {
    throw outOfRange(name, `maxAge ${describe(maxAge)} is not a whole number of seconds, 0 or more`);
  }
  return maxAge;
}

/** The test of `immutable` for a URL path and whether it names a directory's index page. */
function immutableTest(
  immutable: StaticFilesOptions["immutable"],
  name: string,
): (path: string, isIndex: boolean) => boolean {
  if (immutable === undefined || immutable === false) return () => false;
  if (immutable === true) return (_, isIndex) => !isIndex;
  if (immutable instanceof RegExp) return (path) => (immutable.lastIndex = 0, immutable.test(path));
  if (typeof immutable === "function") return (path) => immutable(path) === true;
  throw invalidType(name, `immutable ${describe(immutable)} is not a boolean, a RegExp or a function`);
}

/** `headers` as given: validated once when they are fixed, a function of the path otherwise. */
function checkHeaders(
  headers: StaticFilesOptions["headers"],
  name: string,
): Headers | ((path: string) => HeadersInit | undefined) | undefined {
  if (headers === undefined || typeof headers === "function") return headers;
  if (typeof headers !== "object" || headers === null) {
    throw invalidType(name, `headers ${describe(headers)} is not a headers object or a function`);
  }
  return toHeaders(headers);
}

/** The directory served: its real path, and the prefix every path under it starts with. */
interface ServedRoot {
  access: DirectoryAccess;
  real: string;
  /** `real` with a trailing separator. */
  inside: string;
}

/** The real path of `root`, which must be a directory. */
function servedRoot(root: string | URL, name: string): ServedRoot {
  const access = directoryAccess();
  if (access === undefined) {
    throw invalidType(name, "this runtime has no file system (node:fs) to serve a directory from");
  }
  const given = typeof root === "string" ? root : access.pathOf(root);
  const real = access.realPath(given);
  if (typeof real !== "string") throw invalidType(name, `root ${describe(given)} does not exist`);
  if (!access.isDirectory(real)) throw invalidType(name, `root ${describe(given)} is not a directory`);
  return { access, real, inside: real.endsWith(access.separator) ? real : real + access.separator };
}

/**
 * The real path of `path` (symlinks resolved) when it lies inside the root; `undefined` when it
 * does not, or does not exist. A path this process may not resolve is a 403.
 */
function realInside(root: ServedRoot, path: string, name: string): string | undefined {
  const real = root.access.realPath(path);
  if (typeof real !== "string") {
    if (real.problem === "forbidden") throw fileError(real, name);
    return undefined;
  }
  return real === root.real || real.startsWith(root.inside) ? real : undefined;
}

/** A file a request path names, as checked: the version a stat found, and the headers it is served with. */
interface Entry {
  file: FileInfo;
  headers: Headers | undefined;
}

/** What a request path names under the root: a file to serve, a directory to redirect to, or nothing. */
type Lookup = Entry | "redirect" | undefined;

/**
 * The 301 to a directory's path with its trailing slash: relative, and `./` first, so that
 * nothing in the name can make it another origin. Its own Date where the server sends none (Bun, on HEAD).
 */
function directoryRedirect(request: Request, requested: string): RedirectResponse {
  const { url } = request;
  const query = url.indexOf("?");
  const search = query === -1 ? "" : url.slice(query);
  const headers = fileRuntime.headWithoutDate === true && request.method === "HEAD"
    ? { date: httpDate(Date.now()) }
    : undefined;
  return new RedirectResponse(`./${requested.slice(requested.lastIndexOf("/") + 1)}/${search}`, {
    status: 301,
    headers,
  });
}

/**
 * The handler behind {@link staticFiles} and `serveFiles`: `name` is the one its errors carry,
 * `rewrite` maps the request path before the prefix is stripped.
 */
export function staticHandler(
  options: StaticFilesOptions,
  name: string,
  rewrite?: (path: string) => string,
): StaticFilesHandler {
  if (typeof options !== "object" || options === null) {
    throw invalidType(name, `options ${describe(options)} is not an object`);
  }
  return new StaticSite(options, name, rewrite).handler();
}

/** One served directory: its options, and what it has learned of the files under it. */
class StaticSite {
  readonly #index: string | false;
  readonly #dotfiles: boolean;
  readonly #prefix: string;
  readonly #headers: Headers | ((path: string) => HeadersInit | undefined) | undefined;
  readonly #cacheControl: string | undefined;
  readonly #immutable: (path: string, isIndex: boolean) => boolean;
  readonly #chunkSize: number | undefined;
  readonly #precompressed: boolean;
  #root: ServedRoot | undefined;
  /** The files of request paths (after the prefix), as last checked. */
  readonly #entries = new Map<string, Entry>();
  readonly #variants = new VariantIndex((path) => realInside(this.#root!, path, this.name) !== undefined);

  constructor(
    readonly options: StaticFilesOptions,
    readonly name: string,
    readonly rewrite?: (path: string) => string,
  ) {
    this.#index = checkIndex(options.index ?? "index.html", name);
    this.#dotfiles = options.dotfiles === true;
    this.#prefix = checkPrefix(options.prefix, name);
    this.#headers = checkHeaders(options.headers, name);
    const maxAge = checkMaxAge(options.maxAge, name);
    this.#cacheControl = maxAge === undefined ? undefined : `public, max-age=${maxAge}`;
    this.#immutable = immutableTest(options.immutable, name);
    this.#chunkSize = options.chunkSize === undefined ? undefined : checkChunkSize(options.chunkSize, name);
    this.#precompressed = options.precompressed === true;
    if (rewrite !== undefined && typeof rewrite !== "function") {
      throw invalidType(name, `rewriteRequestPath ${describe(rewrite)} is not a function`);
    }
    // Where there is a file system, a wrong root fails here, at once; where there is none (a
    // Worker), on first use, so that an app that creates the handler still starts.
    if (directoryAccess() !== undefined) this.#root = servedRoot(options.root, name);
  }

  handler(): StaticFilesHandler {
    return (request) => this.respond(request);
  }

  /** The root: found on creation, or on first use on a runtime without a file system (which then throws). */
  #served(): ServedRoot {
    return this.#root ??= servedRoot(this.options.root, this.name);
  }

  /** The request path after `prefix`, or `undefined` when the prefix does not match. */
  #local(path: string): string | undefined {
    const prefix = this.#prefix;
    if (prefix === "") return path;
    if (!path.startsWith(prefix)) return undefined;
    const rest = path.slice(prefix.length);
    return rest === "" || rest.startsWith("/") ? rest : undefined;
  }

  respond(request: Request): Response | undefined {
    const method = request.method;
    if (method !== "GET" && method !== "HEAD") return undefined;
    const root = this.#served();
    const requested = rawPath(request.url);
    const local = this.#local(this.rewrite === undefined ? requested : this.rewrite(requested));
    if (local === undefined) return undefined;
    const found = this.#lookup(root, local);
    if (found === undefined) return undefined;
    if (found === "redirect") return directoryRedirect(request, requested);
    const init: FoundInit = {
      request,
      headers: found.headers,
      chunkSize: this.#chunkSize,
      precompressed: this.#precompressed,
      [FOUND]: { file: found.file, variants: this.#variants },
    };
    return new FileResponse(found.file.path, init);
  }

  /**
   * The file `local` names. A path checked before is served while a stat of it still sees the
   * version that was checked; anything else is checked anew.
   */
  #lookup(root: ServedRoot, local: string): Lookup {
    const known = this.#entries.get(local);
    if (known !== undefined) {
      const now = this.#stat(known.file.path);
      if (now !== undefined && sameVersion(now, known.file)) return known;
      this.#entries.delete(local);
    }
    const found = this.#check(root, local);
    if (found !== undefined && found !== "redirect") this.#remember(local, found);
    return found;
  }

  #remember(local: string, entry: Entry): void {
    if (this.#entries.size >= REMEMBERED_PATHS) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(local, entry);
  }

  /** The regular file at `path`; `undefined` when there is none; a 403 for one that may not be read. */
  #stat(path: string): FileInfo | undefined {
    const found = fileRuntime.stat(path);
    if (!isFailure(found)) return found;
    if (found.problem === "missing") return undefined;
    throw fileError(found, this.name);
  }

  /**
   * Checks what `local` names: its segments (no way out of the root, no dotfiles unless asked),
   * then a stat, then the real path inside the root, then a second stat of the real path that
   * must find the same version — so that the version remembered is the one whose real path was
   * checked, even when a symlink is swapped meanwhile.
   */
  #check(root: ServedRoot, local: string): Lookup {
    const segments = pathSegments(local, this.#dotfiles, root.access.separator === "\\");
    if (segments === undefined) return undefined;
    let path = root.inside + segments.join(root.access.separator);
    const slash = local.endsWith("/");
    let isIndex = false;
    if (root.access.isDirectory(path)) {
      if (this.#index === false || realInside(root, path, this.name) === undefined) return undefined;
      path = segments.length === 0 ? root.inside + this.#index : path + root.access.separator + this.#index;
      isIndex = true;
    } else if (slash) {
      return undefined;
    }
    const file = this.#stat(path);
    const real = file === undefined ? undefined : realInside(root, path, this.name);
    const again = real === undefined ? undefined : this.#stat(real);
    if (again === undefined || !sameVersion(file!, again)) return undefined;
    // A directory's index is served at the directory's path with its slash, so that its relative links work.
    if (isIndex && !slash) return "redirect";
    return { file: file!, headers: this.#headersFor(path, local, isIndex) };
  }

  /** The headers a file is served with: the caller's, and a Cache-Control from `maxAge` or `immutable`. */
  #headersFor(path: string, local: string, isIndex: boolean): Headers | undefined {
    const given = typeof this.#headers === "function" ? this.#headers(path) : this.#headers;
    const headers = given === undefined ? undefined : toHeaders(given);
    const cacheControl = this.#immutable(local, isIndex) ? IMMUTABLE : this.#cacheControl;
    if (cacheControl === undefined || headers?.has("cache-control") === true) return headers;
    const withPolicy = headers ?? new Headers();
    withPolicy.set("cache-control", cacheControl);
    return withPolicy;
  }
}

/**
 * A handler that serves the files under `options.root` (Starlette's `StaticFiles`) for
 * `Deno.serve`, `Bun.serve` or Node: a {@link FileResponse} for a GET or HEAD of a file there —
 * HEAD, Range (multipart too), a strong ETag, 304 and 412 — and `undefined` for anything else
 * (another method, no such file, a refused path), which the caller answers.
 *
 * No way out of `root`: `..` segments (also encoded as `%2e%2e`), encoded separators (`%2f`,
 * `%5c`), backslashes, NUL bytes and invalid encodings are refused, and the real path of a file
 * (symlinks resolved) must lie inside the real path of `root`. That check is made once per file
 * and remembered while a stat of the path sees the same file (device, inode, size and mtime):
 * a request costs one stat, and a file changed, created, deleted or swapped for a symlink is
 * seen on the next request. Dotfiles are not served unless `dotfiles` is set. A directory is
 * answered with its `index` file; one requested without its trailing slash gets a 301.
 *
 * The root is checked when the handler is created. A runtime without a file system (a Worker)
 * can still create the handler, so that an app that makes it starts; its requests throw a
 * `TypeError`.
 *
 * @param options The root, index file, dotfiles, prefix, headers, cache policy, precompressed
 *   siblings and chunk size.
 * @returns `(request) => Response | undefined`.
 * @throws {TypeError} for options of the wrong type, an `index` that is not a plain file name,
 *   and a `root` that does not exist or is no directory; from the handler, when the runtime has
 *   no file system. A file that may not be read is an `HttpError` 403 from the handler.
 * @throws {RangeError} for a `maxAge` or `chunkSize` out of range.
 * @example
 * ```ts
 * import { handle, HttpResponseNotFound, staticFiles } from "allresponses";
 *
 * const assets = staticFiles({ root: "./public", prefix: "/assets", precompressed: true, maxAge: 3600 });
 * Deno.serve(handle((request) => assets(request) ?? new HttpResponseNotFound("Not found")));
 * // Bun: Bun.serve({ fetch: (request) => assets(request) ?? new Response("Not found", { status: 404 }) });
 * ```
 */
export function staticFiles(options: StaticFilesOptions): StaticFilesHandler {
  return staticHandler(options, "staticFiles");
}
