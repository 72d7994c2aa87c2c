/**
 * What the HTTP server of this runtime does with a streamed response body, as the streaming
 * code needs to know it: whether the server cancels a body by itself when its client goes
 * away, and whether reading `request.signal` is free of side effects.
 *
 * @module
 */

const isDeno = "Deno" in globalThis;

/**
 * Whether this runtime's server cancels a response body by itself when the client disconnects.
 * Deno.serve does; Bun has had releases that did not, so elsewhere `request.signal` is watched
 * as well.
 *
 * @example
 * ```ts
 * import { serverCancelsBodyOnDisconnect } from "./server.ts";
 * if (!serverCancelsBodyOnDisconnect) console.log("watch request.signal as well");
 * ```
 */
export const serverCancelsBodyOnDisconnect: boolean = isDeno;

/**
 * Whether code may read `request.signal` without side effects. Deno prints a deprecation
 * warning the first time it is read (it aborts on successful responses too).
 *
 * @example
 * ```ts
 * import { requestSignalIsQuiet } from "./server.ts";
 * const watch = (request: Request) => requestSignalIsQuiet ? request.signal : undefined;
 * ```
 */
export const requestSignalIsQuiet: boolean = !isDeno;

/**
 * Whether this runtime's server sends `Content-Length: 0` for a HEAD response whose body is
 * null, instead of no length: Deno.serve and Bun.serve do (so a compressed HEAD, whose GET has
 * no length known in advance, needs a body that never ends, which those servers cancel); Node's
 * servers send no length for a null body, and would wait on a body that never ends.
 *
 * @example
 * ```ts
 * import { nullHeadSendsZeroLength } from "./server.ts";
 * const body = nullHeadSendsZeroLength ? new ReadableStream({ pull: () => new Promise(() => {}) }) : null;
 * ```
 */
export const nullHeadSendsZeroLength: boolean = isDeno || "Bun" in globalThis;

/**
 * Whether this runtime's server sends a HEAD response's Content-Length only when the header is
 * in the response's own list: workerd measures a GET's string or byte body itself, but sends a
 * HEAD's headers as they are, without reading them through the response's `headers` (where
 * HttpResponse adds the length the first time they are read). Deno.serve, Bun.serve and
 * `@hono/node-server` send it either way.
 *
 * @example
 * ```ts
 * import { headSendsOnlyListedLength } from "./server.ts";
 * if (headSendsOnlyListedLength) console.log("put the Content-Length in the header list");
 * ```
 */
export const headSendsOnlyListedLength: boolean =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers";
