/**
 * Bun's file access: the stat and the streamed bodies of `node:fs`, and `Bun.file()` — sliced for
 * a range — for a whole file or a single range, so that `Bun.serve` sends it with sendfile.
 *
 * @module
 */

import { nodeOpen, nodeStat } from "./node.ts";
import { segmentStream } from "./stream.ts";
import { type BodyPlan, type FileInfo, type FileRuntime, sameVersion } from "./types.ts";

interface BunNamespace {
  file(path: string): Blob;
}

/** How many whole-file bodies are kept for reuse; the oldest go first. */
const KEPT_BODIES = 1024;
const wholeBodies = new Map<string, { file: FileInfo; body: Blob }>();

/** `Bun.file(path).slice(start, end + 1)`: the bytes of the file that Bun.serve sends with sendfile. */
function fileSlice(file: FileInfo, start: number, end: number): Blob {
  return (globalThis as unknown as { Bun: BunNamespace }).Bun.file(file.path).slice(start, end + 1);
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
  const body = fileSlice(file, 0, file.size - 1);
  wholeBodies.set(file.path, { file, body });
  return body;
}

/**
 * The Content-Types for which Bun.serve adds no `Content-Disposition: filename="<basename>"` of
 * its own to a `Bun.file()` body: a text, image, font, audio or video type, or exactly
 * `application/json`, `application/geo+json` or `application/wasm` — compared as sent, case
 * and all. Measured on Bun 1.4.5 against every type of mime-db; every other type gets one.
 */
const BUN_NAMES_NOTHING = /^(?:(?:text|image|font|audio|video)\/[^;]|application\/(?:json|geo\+json|wasm)(?:;|$))/;

/**
 * The Content-Disposition that keeps Bun.serve from adding its own to a file of `plan.type`:
 * `inline`, where Bun would add a `filename=` without a disposition type (which browsers read
 * as a download); none where Bun adds nothing, or one was asked for.
 */
function dispositionHeaders(plan: BodyPlan): Record<string, string> | undefined {
  return plan.disposition || BUN_NAMES_NOTHING.test(plan.type) ? undefined : { "content-disposition": "inline" };
}

/**
 * True when the body must be a stream rather than a `Bun.file()` slice. Bun.serve answers a
 * request that has a Range header with its own 206 when a file body comes in a 200 without
 * Content-Range, so a 200 that ignores the Range (an If-Range that does not match, a malformed
 * Range), and a response made without the request, whose Range it cannot know, are streams.
 */
function needsStream(plan: BodyPlan): boolean {
  const only = plan.segments.length === 1 ? plan.segments[0]! : undefined;
  return only === undefined || only instanceof Uint8Array || plan.rangeIgnored || plan.request === undefined;
}

/**
 * Bun: one contiguous range of the file (the whole file included) is a `Bun.file()` slice,
 * which `Bun.serve` sends with sendfile; anything else is a stream, closed when the request's
 * signal aborts as well as on cancel (Bun.serve has not always cancelled a stream body when the
 * client went away). What Bun.serve does to a file body on its own — a 206 of its own, a
 * `filename=` — is kept from reaching the client (see {@link needsStream} and
 * {@link dispositionHeaders}); and since Bun.serve sends no Date on a response to HEAD, those
 * carry their own.
 */
export const bunRuntime: FileRuntime = {
  stat: nodeStat,
  body(plan) {
    if (needsStream(plan)) return { body: plan.head ? null : segmentStream(nodeOpen, plan, plan.request?.signal) };
    const headers = dispositionHeaders(plan);
    if (plan.head) return { body: null, headers };
    const { start, end } = plan.segments[0] as { start: number; end: number };
    const whole = start === 0 && end === plan.file.size - 1;
    return { body: whole ? wholeBody(plan.file) : fileSlice(plan.file, start, end), headers };
  },
  headWithoutDate: true,
};
