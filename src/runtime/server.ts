/**
 * What the HTTP server of this runtime does with a streamed response body, as the streaming
 * code needs to know it: whether the server cancels a body by itself when its client goes
 * away, and whether reading `request.signal` is free of side effects.
 *
 * @module
 */

const isDeno = "Deno" in globalThis;
const isWorkerd = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers";

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
export const headSendsOnlyListedLength: boolean = isWorkerd;

/**
 * Whether this runtime's `Response` encodes a body itself when the response names a
 * Content-Encoding: workerd does unless the init says `encodeBody: "manual"` (its default,
 * `"automatic"`, is what the decoded body of a fetched response needs), so a body that is
 * already encoded would reach the client encoded twice. Deno, Bun and Node send every body as
 * it is.
 *
 * @example
 * ```ts
 * import { encodesNamedCoding } from "./server.ts";
 * if (encodesNamedCoding) console.log("say encodeBody: manual for an encoded body");
 * ```
 */
export const encodesNamedCoding: boolean = isWorkerd;

/**
 * `init`, for a body that is already encoded as its Content-Encoding says (what
 * `compressResponse` makes): told to send it as it is where the runtime would encode it again
 * (see {@link encodesNamedCoding}).
 *
 * @example
 * ```ts
 * import { encodedBodyInit } from "./server.ts";
 * const gzipped = new Uint8Array(await new Response(new Blob(["hi"]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
 * new Response(gzipped, encodedBodyInit({ headers: { "content-encoding": "gzip" } }));
 * ```
 */
export function encodedBodyInit<T extends ResponseInit>(init: T): T {
  if (encodesNamedCoding) (init as T & { encodeBody?: string }).encodeBody = "manual";
  return init;
}
