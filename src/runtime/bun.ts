/**
 * Bun's file access: the stat and the streamed bodies of `node:fs`, and `Bun.file()` — sliced for
 * a range — for a whole file or a single range, so that `Bun.serve` sends it with sendfile.
 *
 * @module
 */

import { nodeOpen, nodeStat } from "./node.ts";
import { segmentStream } from "./stream.ts";
import type { FileRuntime } from "./types.ts";

interface BunNamespace {
  file(path: string): Blob;
}

/**
 * Bun: one contiguous range of the file (the whole file included) is a `Bun.file()` slice,
 * which `Bun.serve` sends with sendfile; anything else is a stream, closed when the request's
 * signal aborts as well as on cancel (Bun.serve has not always cancelled a stream body when the
 * client went away). Two things Bun.serve does to a file body are kept from reaching the client:
 * - it answers a request that has a Range header with its own 206 when the response is a 200
 *   without Content-Range, so a 200 that ignores the Range (an If-Range that does not match, a
 *   malformed Range) is a stream;
 * - it adds `Content-Disposition: filename="<basename>"` (no disposition type, which browsers
 *   read as a download) for some media types, so a file body (and the HEAD response for it) always carries
 *   a Content-Disposition, `inline` unless one was asked for.
 */
export const bunRuntime: FileRuntime = {
  stat: nodeStat,
  body(plan) {
    const only = plan.segments.length === 1 ? plan.segments[0]! : undefined;
    if (only === undefined || only instanceof Uint8Array || plan.rangeIgnored) {
      return { body: plan.head ? null : segmentStream(nodeOpen, plan, plan.request?.signal) };
    }
    const headers = plan.disposition ? undefined : { "content-disposition": "inline" };
    if (plan.head) return { body: null, headers };
    const file = (globalThis as unknown as { Bun: BunNamespace }).Bun.file(plan.file.path);
    return { body: file.slice(only.start, only.end + 1), headers };
  },
};
