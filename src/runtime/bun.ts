/**
 * Bun's file access: the stat and the streamed bodies of `node:fs`, and `Bun.file()` — sliced for
 * a range — for a whole file or a single range, so that `Bun.serve` sends it with sendfile.
 *
 * @module
 */

import { nodeOpen, nodeStat } from "./node.ts";
import { segmentStream } from "./stream.ts";
import type { BodyPlan, FileRuntime } from "./types.ts";

interface BunNamespace {
  file(path: string): Blob;
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
    const only = plan.segments[0] as { start: number; end: number };
    const file = (globalThis as unknown as { Bun: BunNamespace }).Bun.file(plan.file.path);
    return { body: file.slice(only.start, only.end + 1), headers };
  },
  headWithoutDate: true,
};
