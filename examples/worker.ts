/**
 * A Cloudflare Worker on allresponses: the response classes, JSON, a redirect, cookies,
 * server-sent events, errors as problem details through `handle()`, and files from an R2
 * bucket with Range, ETag and conditional requests, each object turned into a `FileSource`.
 *
 * Deploy with `wrangler deploy examples/worker.ts` and an R2 binding named `FILES`
 * (`compatibility_flags = ["nodejs_compat", "enable_request_signal"]`, so that a client that
 * leaves closes its event stream); without the binding it serves an in-memory bucket with one
 * file, `hello.txt`. Try:
 *   curl -i https://<worker>/files/hello.txt -H 'range: bytes=0-4'
 *   curl -i https://<worker>/files/hello.txt -H 'if-none-match: "v1"'
 *   curl -N https://<worker>/events
 *
 * @module
 */

import {
  EventSourceResponse,
  FileResponse,
  type FileSource,
  handle,
  Http404,
  HttpResponseOK,
  JsonResponseOK,
  RedirectResponse,
  type ServerSentEvent,
} from "../mod.ts";

/** The part of an R2 object's metadata a file response needs (`R2Object` on Workers). */
export interface R2ObjectLike {
  key: string;
  size: number;
  /** The entity-tag, quoted, as `R2Object.httpEtag`. */
  httpEtag: string;
  uploaded: Date;
  httpMetadata?: { contentType?: string };
}

/** The part of an R2 bucket this worker uses (`R2Bucket` on Workers). */
export interface R2BucketLike {
  head(key: string): Promise<R2ObjectLike | null>;
  get(
    key: string,
    options?: { range?: { offset: number; length: number } },
  ): Promise<(R2ObjectLike & { body: ReadableStream<Uint8Array> }) | null>;
}

/**
 * An R2 object as a `FileSource`: its size, entity-tag, upload time and type from the metadata
 * (`head()`, no body read), and each range read with one ranged `get()` when the body is sent, so
 * a 304, a 412 or a HEAD reads nothing.
 *
 * @example
 * ```ts
 * import { FileResponse } from "allresponses";
 * export default {
 *   async fetch(request: Request, env: { FILES: R2BucketLike }) {
 *     const object = await env.FILES.head("report.pdf");
 *     return new FileResponse(r2FileSource(env.FILES, object!), { request });
 *   },
 * };
 * ```
 */
export function r2FileSource(bucket: R2BucketLike, object: R2ObjectLike): FileSource {
  return {
    size: object.size,
    etag: object.httpEtag,
    lastModified: object.uploaded,
    type: object.httpMetadata?.contentType,
    name: object.key,
    async read(start: number, end: number) {
      const ranged = await bucket.get(object.key, { range: { offset: start, length: end - start } });
      if (!ranged) throw new Http404(`${object.key} was deleted while it was being sent`);
      return ranged.body;
    },
  };
}

/** An in-memory bucket with R2's `head()` / ranged `get()`, for running the example without R2. */
export function memoryBucket(files: Record<string, { text: string; type: string; etag: string }>): R2BucketLike {
  const uploaded = new Date("2026-01-01T00:00:00Z");
  const meta = (key: string): R2ObjectLike | null => {
    const file = files[key];
    if (!file) return null;
    const size = new TextEncoder().encode(file.text).length;
    return { key, size, httpEtag: `"${file.etag}"`, uploaded, httpMetadata: { contentType: file.type } };
  };
  return {
    head: (key) => Promise.resolve(meta(key)),
    get(key, options) {
      const object = meta(key);
      if (!object) return Promise.resolve(null);
      const bytes = new TextEncoder().encode(files[key]!.text);
      const { offset = 0, length = bytes.length - offset } = options?.range ?? {};
      return Promise.resolve({ ...object, body: new Blob([bytes.subarray(offset, offset + length)]).stream() });
    },
  };
}

const fallbackBucket = memoryBucket({
  "hello.txt": { text: "Hello from an R2-like bucket.\n", type: "text/plain; charset=utf-8", etag: "v1" },
});

// A source with `return()` rather than an async generator: on Workers a generator paused at an
// `await` never runs its `finally` once the client has left; an iterator's return() does run.
function countdown(from: number): AsyncIterable<ServerSentEvent> {
  let left = from;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        new Promise((resolve) => {
          if (left < 0) return resolve({ done: true, value: undefined });
          timer = setTimeout(() => resolve({ done: false, value: { event: "count", id: left, data: left-- } }), 1000);
        }),
      return: () => {
        clearTimeout(timer);
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
}

/** The worker's routes; an unknown path is a 404 (problem details for JSON clients). */
async function route(request: Request, bucket: R2BucketLike): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === "/") return new HttpResponseOK("<h1>allresponses on Workers</h1>");
  if (pathname === "/api/time") return new JsonResponseOK({ now: new Date().toISOString() });
  if (pathname === "/old") return new RedirectResponse("/", { status: 301 });
  if (pathname === "/visit") {
    return await new HttpResponseOK("welcome").setCookie("visited", "yes", { maxAge: 3600, httpOnly: true });
  }
  if (pathname === "/events") return new EventSourceResponse(countdown(5), { request });
  if (pathname.startsWith("/files/")) {
    const object = await bucket.head(decodeURIComponent(pathname.slice("/files/".length)));
    if (!object) throw new Http404("No such file");
    return new FileResponse(r2FileSource(bucket, object), { request });
  }
  throw new Http404();
}

export default {
  fetch: handle((request: Request, env: { FILES?: R2BucketLike } = {}) => route(request, env.FILES ?? fallbackBucket)),
};
