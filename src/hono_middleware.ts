/**
 * The Hono middlewares of caching and compression: {@link conditionalGet} (Django's
 * `ConditionalGetMiddleware`) and {@link compression}, both applying to whatever response the
 * route produced — one of this library's classes, `c.json()`, `c.text()` or any `Response`.
 *
 * @module
 */

import { checkedOptions, type CompressionOptions, compressWith } from "./compress.ts";
import { conditionalGet as conditionalHandler, conditionalResponse } from "./conditional.ts";
import type { Handler } from "./errors.ts";
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
 * Django's `ConditionalGetMiddleware` as Hono middleware: a GET or HEAD 200 whose body has a
 * known length (the library's classes; a Response with a Content-Length) and no ETag gets a
 * strong ETag from its bytes, then the request's preconditions give a 304 or a 412 where they
 * apply, as `evaluatePreconditions` does. Stream bodies are never read for it; Hono's
 * `c.json()` and `c.text()` send no Content-Length, so their responses are tagged only when
 * they carry validators of their own. Called with a handler instead, it is the `conditionalGet`
 * of `allresponses`, for `Deno.serve` and `Bun.serve`.
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
/**
 * The `conditionalGet` of `allresponses`: wraps a `Deno.serve` / `Bun.serve` handler so that
 * its GET and HEAD 200 responses of known length get a strong ETag from their bytes and the
 * request's preconditions are evaluated against them.
 *
 * @param handler The handler whose responses are tagged.
 * @example
 * ```ts
 * import { conditionalGet, JsonResponseOK } from "allresponses/hono";
 * Deno.serve(conditionalGet(() => new JsonResponseOK({ items: [1, 2, 3] })));
 * ```
 */
export function conditionalGet<I extends unknown[]>(
  handler: Handler<I>,
): (request: Request, ...info: I) => Promise<Response>;
export function conditionalGet<I extends unknown[]>(
  handler?: Handler<I>,
): HonoMiddleware | ((request: Request, ...info: I) => Promise<Response>) {
  if (handler !== undefined) return conditionalHandler(handler);
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
