/**
 * The middlewares of caching and compression: {@link conditionalGet} (Django's
 * `ConditionalGetMiddleware`), a handler wrapper for `Deno.serve` / `Bun.serve` and, called
 * without a handler, Hono middleware — one function, exported by `allresponses` and
 * `allresponses/hono` alike — and the Hono middleware {@link compression}. Both apply to
 * whatever response the route produced: one of this library's classes, `c.json()`, `c.text()`
 * or any `Response`.
 *
 * @module
 */

import { checkedOptions, type CompressionOptions, compressWith } from "./compress.ts";
import { conditionalResponse } from "./conditional.ts";
import type { Handler } from "./errors.ts";
import { describe, invalidType } from "./invalid.ts";
import type { HonoContext, HonoMiddleware } from "./hono.ts";

/**
 * Replaces the context's response with `response` as it is. Assigning `c.res` over an existing
 * response makes Hono copy the old one's headers into the new one — a 304 would keep the 200's
 * Content-Length — so the old one is dropped first.
 */
function replaceResponse(c: HonoContext, response: Response): void {
  if (response === c.res) return;
  (c as { res: Response | undefined }).res = undefined;
  c.res = response;
}

/**
 * Django's `ConditionalGetMiddleware` for one `Deno.serve` / `Bun.serve` handler: a GET or HEAD
 * 200 whose body has a known length (the library's classes; any Response with a
 * Content-Length, up to 4 MiB) and no ETag gets a strong ETag computed from its bytes; then the
 * request's preconditions are evaluated against the response's ETag and Last-Modified, as
 * `evaluatePreconditions` does, giving a 304 (with the response's Cache-Control, Vary, Expires
 * and validators) or a 412. A stream body is never read for it: a response without a
 * Content-Length is only checked against the validators it already carries. Use `condition` to
 * skip the rendering as well.
 *
 * @param handler The handler whose responses are tagged.
 * @throws {TypeError} when `handler` is not a function.
 * @example
 * ```ts
 * import { conditionalGet, JsonResponseOK } from "allresponses";
 * Bun.serve({ fetch: conditionalGet(() => new JsonResponseOK({ items: [1, 2, 3] })) });
 * // GET → 200 with ETag: "…"; GET with If-None-Match: that tag → 304
 * ```
 */
export function conditionalGet<I extends unknown[]>(
  handler: Handler<I>,
): (request: Request, ...info: I) => Promise<Response>;
/**
 * Called without a handler, `conditionalGet()` is the same as Hono middleware, applied to the
 * response of every route it covers. Hono's `c.json()` and `c.text()` send no Content-Length, so
 * their responses are checked only against validators they carry themselves.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { conditionalGet, JsonResponseOK } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.use(conditionalGet());
 * app.get("/items", () => new JsonResponseOK({ items: [1, 2, 3] })); // ETag, and 304 on a match
 * ```
 */
export function conditionalGet(): HonoMiddleware;
export function conditionalGet<I extends unknown[]>(
  handler?: Handler<I>,
): HonoMiddleware | ((request: Request, ...info: I) => Promise<Response>) {
  if (handler !== undefined) {
    if (typeof handler !== "function") {
      throw invalidType("conditionalGet", `handler ${describe(handler)} is not a function`);
    }
    return async (request: Request, ...info: I) => conditionalResponse(request, await handler(request, ...info));
  }
  const middleware: HonoMiddleware = async (c, next) => {
    await next();
    replaceResponse(c, await conditionalResponse(c.req.raw, c.res));
  };
  return middleware;
}

/**
 * Compression as Hono middleware: the response of every route it covers goes through
 * `compressResponse` — br, zstd where the runtime has it, gzip or deflate by the request's
 * Accept-Encoding, with the same threshold, exclusions, `Vary`, weakened ETag and HEAD
 * handling; streams (server-sent events included) stay streams. Unlike Hono's own `compress()`,
 * it offers brotli and zstd, and sends `Vary: Accept-Encoding` on the uncompressed response too.
 *
 * @param options The codings offered (`encodings`) and the smallest body compressed (`threshold`).
 * @throws {TypeError} for an unknown coding or a threshold that is not a number.
 * @throws {RangeError} for a negative or fractional threshold.
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { compression, EventSourceResponse } from "allresponses/hono";
 *
 * const app = new Hono();
 * app.use(compression({ threshold: 512 }));
 * app.get("/data", (c) => c.json({ rows: Array.from({ length: 1000 }, (_, i) => i) }));
 * app.get("/events", () => new EventSourceResponse(["one", "two"])); // each event flushed
 * ```
 */
export function compression(options: CompressionOptions = {}): HonoMiddleware {
  const checked = checkedOptions("compression", options);
  return async function compression(c, next) {
    await next();
    replaceResponse(c, compressWith(c.req.raw, c.res, checked));
  };
}
