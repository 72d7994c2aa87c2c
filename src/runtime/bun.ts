/**
 * Bun's file access: the stat and the streamed bodies of `node:fs`, and `Bun.file()` — sliced for
 * a range — for a whole file or a single range, so that `Bun.serve` sends it with sendfile.
 *
 * @module
 */

import { nodeOpen, nodeStat } from "./node.ts";
import { blobSlice, blobStream, sourceBody } from "./source.ts";
import { segmentStream } from "./stream.ts";
import { type BodyPlan, type FileBody, type FileInfo, type FileRuntime, sameVersion } from "./types.ts";

interface BunNamespace {
  file(path: string): Blob;
}

/** How many whole-file bodies are kept for reuse; the oldest go first. */
const KEPT_BODIES = 1024;
const wholeBodies = new Map<string, { file: FileInfo; body: Blob }>();

/** `Bun.file(path)`: the file as a Blob, which Bun.serve sends with sendfile. */
function bunFile(file: FileInfo): Blob {
  return (globalThis as unknown as { Bun: BunNamespace }).Bun.file(file.path);
}

/**
 * The body of a whole file: one Blob per version of the file (device, inode, size, mtime), made
 * once and given to every response for it — a Blob is immutable, and each response opens the
 * file anew — which spares a small file's response two Blob objects.
 */
function wholeBody(file: FileInfo): Blob {
  const kept = wholeBodies.get(file.path);
  if (kept !== undefined && sameVersion(kept.file, file)) return kept.body;
  if (kept !== undefined) wholeBodies.delete(file.path);
  else if (wholeBodies.size >= KEPT_BODIES) wholeBodies.delete(wholeBodies.keys().next().value!);
  const body = bunFile(file).slice(0, file.size);
  wholeBodies.set(file.path, { file, body });
  return body;
}

/**
 * The one contiguous range a plan sends, when it sends one and Bun.serve may be handed it as a
 * Blob. Bun.serve answers a request that has a Range header with its own 206 when a file's Blob
 * comes in a 200 without Content-Range, so a 200 that ignores the Range (an If-Range that does not
 * match, a malformed Range) is a stream.
 */
function blobRange(plan: BodyPlan) {
  const only = plan.segments.length === 1 ? plan.segments[0]! : undefined;
  return only === undefined || only instanceof Uint8Array || plan.rangeIgnored ? undefined : only;
}

/** The header that keeps Bun.serve's own Content-Disposition off a Blob body: `inline`, unless one was asked for. */
function dispositionFor(plan: BodyPlan): Record<string, string> | undefined {
  return plan.disposition ? undefined : { "content-disposition": "inline" };
}

/**
 * The Content-Types for which Bun.serve adds no `Content-Disposition: filename="<basename>"` of
 * its own to a `Bun.file()` body: a text, image, font, audio or video type, or exactly
 * `application/json`, `application/geo+json` or `application/wasm` — compared as sent, case
 * and all. Measured on Bun 1.4.5 against every type of mime-db; every other type gets one.
 */
const BUN_NAMES_NOTHING = /^(?:(?:text|image|font|audio|video)\/[^;]|application\/(?:json|geo\+json|wasm)(?:;|$))/;

/** {@link dispositionFor} for a `Bun.file()` body: none where Bun.serve adds no `filename=` to its type. */
function fileDispositionFor(plan: BodyPlan): Record<string, string> | undefined {
  return BUN_NAMES_NOTHING.test(plan.type) ? undefined : dispositionFor(plan);
}

/**
 * Bun: one contiguous range of the file (the whole file included) is a `Bun.file()` slice,
 * which `Bun.serve` sends with sendfile, and one range of a Blob a slice of it; anything else is
 * a stream, closed when the request's signal aborts as well as on cancel (Bun.serve has not
 * always cancelled a stream body when the client went away). What Bun.serve does to a Blob body
 * on its own is kept from reaching the client:
 * - its own 206 (see {@link blobRange}); a file response made without the request, whose Range
 *   it cannot know, is a stream too;
 * - its `Content-Disposition: filename="<name>"` (no disposition type, which browsers read as a
 *   download) for a file's Blob of most types and for a `File`: such a body (and the HEAD
 *   response for it) carries `Content-Disposition: inline` unless one was asked for.
 * And since Bun.serve sends no Date on a response to HEAD, those carry their own.
 */
export const bunRuntime: FileRuntime = {
  stat: nodeStat,
  fileBody(file, plan): FileBody {
    const range = plan.request === undefined ? undefined : blobRange(plan);
    if (range === undefined) {
      return { body: plan.head ? null : segmentStream(nodeOpen, file.path, plan, plan.request?.signal) };
    }
    const headers = fileDispositionFor(plan);
    if (plan.head) return { body: null, headers };
    const whole = range.start === 0 && range.end === file.size - 1;
    return { body: whole ? wholeBody(file) : blobSlice(bunFile(file), range), headers };
  },
  blobBody(blob, plan): FileBody {
    const range = blobRange(plan);
    if (range === undefined) return plan.head ? { body: null } : blobStream(blob, plan, plan.request?.signal);
    const headers = dispositionFor(plan);
    return { body: plan.head ? null : blobSlice(blob, range), headers };
  },
  sourceBody: (read, plan) => sourceBody(read, plan, plan.request?.signal),
  headWithoutDate: true,
};
