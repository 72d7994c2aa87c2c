/**
 * Bun's file access: the stat and the streamed bodies of `node:fs`, and `Bun.file()` — sliced for
 * a range — for a whole file or a single range, so that `Bun.serve` sends it with sendfile.
 *
 * @module
 */

import { nodeOpen, nodeStat } from "./node.ts";
import { blobSlice, blobStream, sourceBody } from "./source.ts";
import { segmentStream } from "./stream.ts";
import type { BodyPlan, FileBody, FileRuntime } from "./types.ts";

interface BunNamespace {
  file(path: string): Blob;
}

/** The one contiguous range a plan sends, when it sends one and Bun.serve may be handed it as a Blob. */
function blobRange(plan: BodyPlan) {
  const only = plan.segments.length === 1 ? plan.segments[0]! : undefined;
  return only === undefined || only instanceof Uint8Array || plan.rangeIgnored ? undefined : only;
}

/** The header that keeps Bun.serve's own Content-Disposition off a Blob body: `inline`, unless one was asked for. */
function dispositionFor(plan: BodyPlan): Record<string, string> | undefined {
  return plan.disposition ? undefined : { "content-disposition": "inline" };
}

/**
 * Bun: one contiguous range of the file (the whole file included) is a `Bun.file()` slice,
 * which `Bun.serve` sends with sendfile, and one range of a Blob a slice of it; anything else is
 * a stream, closed when the request's signal aborts as well as on cancel (Bun.serve has not
 * always cancelled a stream body when the client went away). Two things Bun.serve does to a
 * Blob body are kept from reaching the client:
 * - it answers a request that has a Range header with its own 206 when the response is a 200
 *   without Content-Range (for a file's Blob), so a 200 that ignores the Range (an If-Range that
 *   does not match, a malformed Range) is a stream;
 * - it adds `Content-Disposition: filename="<name>"` (no disposition type, which browsers read
 *   as a download) for a file's Blob and a `File`, so a Blob body (and the HEAD response for it)
 *   always carries a Content-Disposition, `inline` unless one was asked for.
 */
export const bunRuntime: FileRuntime = {
  stat: nodeStat,
  fileBody(file, plan): FileBody {
    const range = blobRange(plan);
    if (range === undefined) {
      return { body: plan.head ? null : segmentStream(nodeOpen, file.path, plan, plan.request?.signal) };
    }
    const headers = dispositionFor(plan);
    if (plan.head) return { body: null, headers };
    return { body: blobSlice((globalThis as unknown as { Bun: BunNamespace }).Bun.file(file.path), range), headers };
  },
  blobBody(blob, plan): FileBody {
    const range = blobRange(plan);
    if (range === undefined) return plan.head ? { body: null } : blobStream(blob, plan, plan.request?.signal);
    const headers = dispositionFor(plan);
    return { body: plan.head ? null : blobSlice(blob, range), headers };
  },
  sourceBody: (read, plan) => sourceBody(read, plan, plan.request?.signal),
};
