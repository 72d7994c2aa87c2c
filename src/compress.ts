/**
 * Content-coding of any response (RFC 9110 §8.4, §12.5.3): br, zstd, gzip and deflate chosen by
 * the request's Accept-Encoding, compressed as the body streams — in bounded memory, and with a
 * flush after every event of an event stream. The codecs are the runtime's `node:zlib` (Node,
 * Deno, Bun); where there is none, `CompressionStream` (gzip and deflate only).
 *
 * @module
 */

import { cacheControlMembers, patchVary } from "./cache.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";
import { compressible } from "./media.ts";
import { encodedBodyInit, nullHeadSendsZeroLength } from "./runtime/server.ts";

/** A content-coding that {@link compressResponse} can apply. */
export type Encoding = "br" | "zstd" | "gzip" | "deflate";

/**
 * Options of {@link compressResponse} and of the Hono middleware `compression()`.
 *
 * @example
 * ```ts
 * import type { CompressionOptions } from "allresponses";
 * const options: CompressionOptions = { encodings: ["zstd", "br", "gzip"], threshold: 512 };
 * ```
 */
export interface CompressionOptions {
  /**
   * The codings to offer, in order of preference among those the client accepts with equal
   * q-values. Default `["br", "zstd", "gzip", "deflate"]`; a coding the runtime lacks (zstd on
   * Node 20, br and zstd without `node:zlib`) is skipped.
   */
  encodings?: readonly Encoding[];
  /**
   * The smallest body, in bytes, worth compressing. Default 1024. Applies to bodies of known
   * length (a Content-Length); a body of unknown length is compressed whatever its size.
   */
  threshold?: number;
}

/** The part of a `node:zlib` compression stream used here. */
interface ZlibStream {
  write(chunk: Uint8Array): boolean;
  end(): void;
  flush(callback: () => void): void;
  pause(): void;
  resume(): void;
  destroy(error?: Error): void;
  on(event: "data", listener: (chunk: Uint8Array) => void): void;
  on(event: "end" | "drain" | "close", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  once(event: "drain" | "close", listener: () => void): void;
  off(event: "drain" | "close", listener: () => void): void;
}

type ZlibFactory = (options: Record<string, unknown>) => ZlibStream;

type OneShot = (
  input: Uint8Array,
  options: Record<string, unknown>,
  done: (error: Error | null, output: Uint8Array) => void,
) => void;

/** The part of `node:zlib` used here; zstd exists on Bun, Deno and Node ≥ 22.15 only. */
interface Zlib {
  createBrotliCompress: ZlibFactory;
  createZstdCompress?: ZlibFactory;
  createGzip: ZlibFactory;
  createDeflate: ZlibFactory;
  brotliCompress: OneShot;
  zstdCompress?: OneShot;
  gzip: OneShot;
  deflate: OneShot;
  constants: Record<string, number>;
}

const STREAM_FACTORY = {
  br: "createBrotliCompress",
  zstd: "createZstdCompress",
  gzip: "createGzip",
  deflate: "createDeflate",
} as const;
const ONE_SHOT = { br: "brotliCompress", zstd: "zstdCompress", gzip: "gzip", deflate: "deflate" } as const;

// Reached at run time, so that the module loads on runtimes without `node:zlib` (workerd
// without nodejs_compat), which then compress with CompressionStream; and on first use, not at
// import: loading `node:zlib` costs Deno about 40 ms (BENCHMARKS.md, "Cold start").
let loadedZlib: Zlib | null | undefined;
function nodeZlib(): Zlib | undefined {
  loadedZlib ??= ((globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process
    ?.getBuiltinModule?.("node:zlib") as Zlib | undefined) ?? null;
  return loadedZlib ?? undefined;
}

const ENCODINGS: readonly Encoding[] = ["br", "zstd", "gzip", "deflate"];

/** Whether this runtime can apply `encoding`. */
function available(encoding: Encoding): boolean {
  const zlib = nodeZlib();
  if (zlib === undefined) {
    return (encoding === "gzip" || encoding === "deflate") && typeof CompressionStream === "function";
  }
  return encoding !== "zstd" || typeof zlib.createZstdCompress === "function";
}

// A larger output chunk than zlib's 16 KiB default: fewer chunks for the server to send.
const CHUNK_SIZE = 64 * 1024;

/**
 * The options of a `node:zlib` codec. Brotli at quality 4 and zstd at level 3: the levels that
 * servers use for content compressed per request (brotli's default, 11, is meant for static
 * assets and is about 40 times slower); gzip and deflate at zlib's default, 6.
 */
function codecOptions(z: Zlib, encoding: Encoding, length: number | undefined): Record<string, unknown> {
  const c = z.constants;
  if (encoding === "br") {
    const params: Record<number, number> = { [c.BROTLI_PARAM_QUALITY!]: 4 };
    if (length !== undefined) params[c.BROTLI_PARAM_SIZE_HINT!] = length;
    return { chunkSize: CHUNK_SIZE, params };
  }
  if (encoding === "zstd") return { chunkSize: CHUNK_SIZE, params: { [c.ZSTD_c_compressionLevel!]: 3 } };
  return { chunkSize: CHUNK_SIZE };
}

/** Writes `chunk`, resolving once the compressor takes more (or has been destroyed). */
function write(compressor: ZlibStream, chunk: Uint8Array): Promise<void> | undefined {
  if (compressor.write(chunk)) return undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      compressor.off("drain", done);
      compressor.off("close", done);
      resolve();
    };
    compressor.once("drain", done);
    compressor.once("close", done);
  });
}

/**
 * `source` compressed by `compressor`, pulled as the reader of the result asks: the compressor
 * pauses while the result's queue is full, which stops the writes into it, which stops the
 * reads from `source` — so memory stays bounded, whatever the length. With `flushEach`, what
 * each chunk of `source` compresses to is sent before the next chunk is read. Cancelling the
 * result cancels `source`.
 */
function zlibStream(
  source: ReadableStream<Uint8Array>,
  compressor: ZlibStream,
  flushEach: boolean,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let finished = false;
  const pump = async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (finished) return;
        if (done) return compressor.end();
        await write(compressor, value);
        if (flushEach) await new Promise<void>((resolve) => compressor.flush(resolve));
      }
    } catch (error) {
      compressor.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      compressor.on("data", (chunk) => {
        if (finished) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) compressor.pause();
      });
      compressor.on("end", () => {
        if (!finished) controller.close();
        finished = true;
      });
      compressor.on("error", (error) => {
        if (!finished) controller.error(error);
        finished = true;
        reader.cancel(error).catch(() => {});
      });
      void pump();
    },
    pull() {
      compressor.resume();
    },
    cancel(reason) {
      finished = true;
      compressor.destroy();
      return reader.cancel(reason);
    },
  });
}

// A body of known length up to this is compressed in one call of `node:zlib`, which takes less
// CPU time than a zlib stream (BENCHMARKS.md, "compress"), and is held in memory meanwhile.
const WHOLE_MAX = 4 * 1024 * 1024;

/** The body of `response`, read whole and compressed in one `node:zlib` call. */
function wholeBody(
  response: Response,
  z: Zlib,
  encoding: Encoding,
  options: Record<string, unknown>,
): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const input = new Uint8Array(await response.arrayBuffer());
      const output = await new Promise<Uint8Array>((resolve, reject) => {
        z[ONE_SHOT[encoding]]!(input, options, (error, out) => (error ? reject(error) : resolve(out)));
      });
      if (cancelled) return;
      controller.enqueue(new Uint8Array(output.buffer, output.byteOffset, output.byteLength));
      controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
}

/**
 * The body of `response` compressed with `encoding`: in one call for a known length up to
 * {@link WHOLE_MAX}, else as it streams; `flushEach` for an event stream.
 */
function compressedBody(response: Response, encoding: Encoding, flushEach: boolean): ReadableStream<Uint8Array> {
  const body = response.body!;
  const header = response.headers.get("content-length");
  const length = header === null ? undefined : Number(header);
  const zlib = nodeZlib();
  if (zlib === undefined) {
    const stream = new CompressionStream(encoding as "gzip" | "deflate");
    return body.pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  }
  const options = codecOptions(zlib, encoding, length);
  if (length !== undefined && length <= WHOLE_MAX && !flushEach) return wholeBody(response, zlib, encoding, options);
  return zlibStream(body, zlib[STREAM_FACTORY[encoding]]!(options), flushEach);
}

/** Options as {@link compressWith} takes them: checked, with their defaults, the codings this runtime lacks left out. */
export interface CheckedCompressionOptions {
  encodings: Encoding[];
  threshold: number;
}

/** `options` checked for the public function `name`, with their defaults. */
export function checkedOptions(name: string, options: CompressionOptions): CheckedCompressionOptions {
  if (options === null || typeof options !== "object") {
    throw invalidType(name, `options ${describe(options)} is not an object`);
  }
  const { encodings = ENCODINGS, threshold = 1024 } = options;
  if (!Array.isArray(encodings)) {
    throw invalidType(name, `encodings ${describe(encodings)} is not an array`);
  }
  for (const encoding of encodings) {
    if (!ENCODINGS.includes(encoding)) {
      throw invalidType(name, `encoding ${describe(encoding)} is not "br", "zstd", "gzip" or "deflate"`);
    }
  }
  if (typeof threshold !== "number") {
    throw invalidType(name, `threshold ${describe(threshold)} is not a number of bytes`);
  }
  if (!Number.isSafeInteger(threshold) || threshold < 0) {
    throw outOfRange(name, `threshold ${describe(threshold)} is not a whole number of bytes ≥ 0`);
  }
  return { encodings: encodings.filter(available), threshold };
}

/** The q-value of each coding an Accept-Encoding value names (lower-cased); invalid members are skipped. */
function acceptedCodings(value: string): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const member of value.split(",")) {
    const [coding, ...params] = member.split(";").map((part) => part.trim());
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const m = /^q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i.exec(param);
      if (m !== null) q = Number(m[1]);
      else if (/^q\s*=/i.test(param)) q = NaN;
    }
    if (!Number.isNaN(q)) accepted.set(coding.toLowerCase(), q);
  }
  return accepted;
}

/**
 * The coding to apply for `acceptEncoding` (RFC 9110 §12.5.3): the highest q-value above 0
 * among `encodings` (`*` stands for any coding not named), the first of `encodings` among equal
 * q; `undefined` for none, or when the client ranks `identity` above them.
 */
export function negotiateEncoding(acceptEncoding: string | null, encodings: readonly Encoding[]): Encoding | undefined {
  if (acceptEncoding === null) return undefined;
  const accepted = acceptedCodings(acceptEncoding);
  const any = accepted.get("*");
  let best: Encoding | undefined;
  let bestQ = 0;
  for (const encoding of encodings) {
    const q = accepted.get(encoding) ?? any ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  const identity = accepted.get("identity");
  return identity !== undefined && identity > bestQ ? undefined : best;
}

const UNCOMPRESSED_STATUSES: ReadonlySet<number> = new Set([204, 206, 304]);

/**
 * Whether some Accept-Encoding would get `response` compressed: a status with content (not
 * 204, 206, 304, 1xx), no Content-Encoding or Content-Range yet, no `Cache-Control:
 * no-transform`, a compressible Content-Type, and a body of unknown length or of at least
 * `threshold` bytes. An event stream needs a codec that can flush.
 */
function compressibleResponse(response: Response, threshold: number): boolean {
  const headers = response.headers;
  if (response.status < 200 || UNCOMPRESSED_STATUSES.has(response.status)) return false;
  if (headers.has("content-encoding") || headers.has("content-range")) return false;
  const type = headers.get("content-type");
  if (type === null || !compressible(type)) return false;
  if (nodeZlib() === undefined && isEventStream(type)) return false;
  const cacheControl = headers.get("cache-control");
  if (cacheControl !== null && cacheControlMembers(cacheControl).some((m) => m.toLowerCase() === "no-transform")) {
    return false;
  }
  const length = headers.get("content-length");
  return length === null || Number(length) >= threshold;
}

function isEventStream(type: string): boolean {
  return /^\s*text\/event-stream\s*(;|$)/i.test(type);
}

/** `response` with `Vary: Accept-Encoding`; a copy when its headers are immutable (a fetched response). */
function varyingOnEncoding(response: Response): Response {
  try {
    return patchVary(response, "Accept-Encoding");
  } catch {
    return patchVary(new Response(response.body, response), "Accept-Encoding");
  }
}

/** The headers of the compressed response: Content-Encoding, no Content-Length, a weak ETag. */
function compressedHeaders(headers: Headers, encoding: Encoding): Headers {
  const out = new Headers(headers);
  out.set("content-encoding", encoding);
  out.delete("content-length");
  const etag = out.get("etag");
  if (etag !== null && etag.startsWith('"')) out.set("etag", `W/${etag}`);
  return out;
}

/**
 * The body of a compressed HEAD response. For a null or an already-closed body, Bun.serve (both)
 * and Deno.serve (null) send `Content-Length: 0`, which is not the length of the GET's body; a
 * stream that stays pending until they cancel it (as they do for a HEAD) keeps them from sending
 * a length at all. Node's servers send no length for a null body, and would wait on the stream.
 */
function headBody(): ReadableStream<Uint8Array> | null {
  return nullHeadSendsZeroLength ? new ReadableStream({ pull: () => new Promise<void>(() => {}) }) : null;
}

/**
 * Compresses `response` for `request`: br, zstd (where the runtime's `node:zlib` has it), gzip
 * or deflate (the zlib format), chosen by the request's Accept-Encoding — the highest q-value,
 * and among equal ones the order of `options.encodings`; no Accept-Encoding, `identity`, or
 * nothing acceptable leaves the body as it is.
 *
 * Left alone entirely: a response that already has a Content-Encoding (or a Content-Range),
 * `Cache-Control: no-transform`, a 204, 206 or 304, a type that does not compress (images,
 * video, archives, compressed fonts: mime-db's `compressible` flag), and a body of known length
 * below `options.threshold`. Every other response gets `Vary: Accept-Encoding`, compressed or
 * not; a compressed one gets Content-Encoding, loses its Content-Length (the compressed length
 * is not known before the end) and has a strong ETag weakened (`W/"…"`). A HEAD gets the
 * headers its GET would get, and no body.
 *
 * The body is compressed as it streams, in bounded memory; an event stream
 * (`text/event-stream`) is flushed after every chunk, so each event reaches the client as it is
 * sent. Where the runtime has no `node:zlib`, gzip and deflate run on `CompressionStream`, and
 * event streams are not compressed (it cannot flush).
 *
 * @param request The request, for its Accept-Encoding and method.
 * @param response The response to compress; its body is taken over when it is compressed.
 * @param options The codings offered and the threshold.
 * @returns `response` itself (with Vary added where it applies) or a new, compressed `Response`.
 * @throws {TypeError} for an unknown coding in `options.encodings` or a threshold that is not a number.
 * @throws {RangeError} for a negative or fractional threshold.
 * @example
 * ```ts
 * import { compressResponse, JsonResponseOK } from "allresponses";
 * const items = Array.from({ length: 500 }, (_, id) => ({ id, name: `item ${id}` }));
 * Deno.serve((request) => compressResponse(request, new JsonResponseOK(items)));
 * // Accept-Encoding: gzip, br → Content-Encoding: br, Vary: Accept-Encoding
 * ```
 */
export function compressResponse(request: Request, response: Response, options: CompressionOptions = {}): Response {
  return compressWith(request, response, checkedOptions("compressResponse", options));
}

/** {@link compressResponse} with options already checked. */
export function compressWith(request: Request, response: Response, options: CheckedCompressionOptions): Response {
  const { encodings, threshold } = options;
  if (encodings.length === 0 || !compressibleResponse(response, threshold)) return response;
  const target = varyingOnEncoding(response);
  const encoding = negotiateEncoding(request.headers.get("accept-encoding"), encodings);
  const head = request.method.toUpperCase() === "HEAD";
  // An empty body stays empty: there is nothing to compress (and no coding of nothing is empty).
  if (encoding === undefined || (!head && target.body === null)) return target;
  const headers = compressedHeaders(target.headers, encoding);
  const init = encodedBodyInit({ status: target.status, statusText: target.statusText, headers });
  if (head) {
    target.body?.cancel().catch(() => {});
    return new Response(headBody(), init);
  }
  const flushEach = isEventStream(target.headers.get("content-type")!);
  return new Response(compressedBody(target, encoding, flushEach), init);
}
