/**
 * Byte ranges (RFC 9110 §14): parsing a `Range` header in one linear pass, and laying out a
 * `multipart/byteranges` body.
 *
 * @module
 */

import { badNumber } from "./invalid.ts";

/**
 * One byte range of a representation, both ends inclusive: `{ start: 0, end: 0 }` is the first
 * byte.
 *
 * @example
 * ```ts
 * import { type ByteRange, parseRange } from "allresponses";
 * const [first]: ByteRange[] = parseRange("bytes=100-199", 1000) ?? [];
 * first; // { start: 100, end: 199 }: 100 bytes, "Content-Range: bytes 100-199/1000"
 * ```
 */
export interface ByteRange {
  /** The offset of the first byte. */
  start: number;
  /** The offset of the last byte (inclusive). */
  end: number;
}

/** A `Range` header that names more ranges than this is ignored. */
export const MAX_RANGES = 100;

// Sticky patterns, so the scanning runs in the regular-expression engine: the gap between
// range-specs (the list syntax's optional whitespace and empty elements), and one range-spec.
// Neither can backtrack by more than the run of digits or blanks it just read.
const GAP = /[ \t,]*/y;
const SPEC = /(\d*)-(\d*)[ \t]*/y;
const COMMA = 0x2c;

interface Ranked extends ByteRange {
  /** The position of the (first) range-spec this range came from. */
  rank: number;
}

/**
 * Parses a `Range` header (RFC 9110 §14.1.1) against a representation of `size` bytes.
 *
 * - `undefined`: use the whole representation, as if there were no header. That is the answer
 *   for no header, a malformed one, a unit other than `bytes` (any case), more than
 *   {@link MAX_RANGES} ranges, and an empty representation asked for a suffix (its only bytes
 *   are no bytes, which a 206 cannot describe).
 * - `[]`: none of the ranges is satisfiable; answer 416 with `Content-Range: bytes *\/size`.
 * - Otherwise the satisfiable ranges, inclusive, clamped to the representation, with overlapping
 *   and adjacent ranges coalesced, in the order the header named them.
 *
 * The header is read in one pass, so the cost is linear in its length, and at most
 * {@link MAX_RANGES} ranges are kept.
 *
 * @param header The `Range` header value, or `null`/`undefined` when there is none.
 * @param size The representation's length in bytes.
 * @throws {RangeError} when `size` is not a non-negative safe integer.
 * @example
 * ```ts
 * import { parseRange } from "allresponses";
 * parseRange("bytes=0-499", 1000); // [{ start: 0, end: 499 }]
 * parseRange("bytes=-100", 1000); // [{ start: 900, end: 999 }]
 * parseRange("bytes=0-9, 5-19, 500-", 1000); // [{ start: 0, end: 19 }, { start: 500, end: 999 }]
 * parseRange("bytes=1000-", 1000); // [] → 416
 * parseRange("lines=1-2", 1000); // undefined → 200, the whole file
 * ```
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange[] | undefined {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw badNumber("parseRange", "size", size, "a non-negative safe integer");
  }
  if (header === null || header === undefined) return undefined;
  const n = header.length;
  const eq = header.indexOf("=");
  if (eq !== 5 || header.slice(0, 5).toLowerCase() !== "bytes") return undefined;
  const ranges: Ranked[] = [];
  let specs = 0;
  let emptySuffix = false;
  let i = eq + 1;
  while (true) {
    GAP.lastIndex = i;
    GAP.test(header);
    i = GAP.lastIndex;
    if (i >= n) break;
    SPEC.lastIndex = i;
    const spec = SPEC.exec(header);
    if (spec === null) return undefined;
    i = SPEC.lastIndex;
    if (i < n && header.charCodeAt(i) !== COMMA) return undefined;
    const [, from, to] = spec as unknown as [string, string, string];
    if (from === "" && to === "") return undefined;
    if (++specs > MAX_RANGES) return undefined;
    const last = to === "" ? -1 : Number(to);
    if (from === "") {
      // suffix-range: the last `last` bytes; a zero length is unsatisfiable.
      if (last === 0) continue;
      if (size === 0) emptySuffix = true;
      else ranges.push({ start: Math.max(0, size - last), end: size - 1, rank: specs });
    } else {
      const first = Number(from);
      if (last !== -1 && last < first) return undefined;
      if (first < size) {
        ranges.push({ start: first, end: last === -1 ? size - 1 : Math.min(last, size - 1), rank: specs });
      }
    }
  }
  if (specs === 0) return undefined;
  if (ranges.length === 0) return emptySuffix ? undefined : [];
  return coalesce(ranges);
}

/** Merges overlapping and adjacent ranges; each merged range keeps the rank of its first spec. */
function coalesce(ranges: Ranked[]): ByteRange[] {
  if (ranges.length === 1) return [{ start: ranges[0]!.start, end: ranges[0]!.end }];
  const sorted = ranges.slice().sort((a, b) => a.start - b.start);
  const merged: Ranked[] = [];
  let current = { ...sorted[0]! };
  for (let k = 1; k < sorted.length; k++) {
    const next = sorted[k]!;
    if (next.start <= current.end + 1) {
      if (next.end > current.end) current.end = next.end;
      if (next.rank < current.rank) current.rank = next.rank;
    } else {
      merged.push(current);
      current = { ...next };
    }
  }
  merged.push(current);
  merged.sort((a, b) => a.rank - b.rank);
  return merged.map(({ start, end }) => ({ start, end }));
}

/** A piece of a response body: literal bytes, or a byte range of the file. */
export type Segment = Uint8Array | ByteRange;

/** A `multipart/byteranges` body (RFC 9110 §14.6), laid out but not yet read. */
export interface MultipartLayout {
  /** The response's Content-Type: `multipart/byteranges; boundary=…`. */
  type: string;
  /** The exact length of the body in bytes. */
  length: number;
  /** The body: each part's header lines, then its range of the file, then the closing delimiter. */
  segments: Segment[];
}

const encoder = new TextEncoder();

/** A boundary of 24 random hexadecimal digits, which no file is at all likely to contain. */
function newBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Lays out the `multipart/byteranges` body for `ranges` of a file of `size` bytes whose own
 * Content-Type is `partType`: each part carries that type and its `Content-Range`.
 */
export function multipartByteranges(
  ranges: readonly ByteRange[],
  size: number,
  partType: string,
  boundary: string = newBoundary(),
): MultipartLayout {
  const segments: Segment[] = [];
  let length = 0;
  let lead = `--${boundary}\r\n`;
  for (const { start, end } of ranges) {
    const head = encoder.encode(
      `${lead}Content-Type: ${partType}\r\nContent-Range: bytes ${start}-${end}/${size}\r\n\r\n`,
    );
    segments.push(head, { start, end });
    length += head.byteLength + end - start + 1;
    lead = `\r\n--${boundary}\r\n`;
  }
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  segments.push(tail);
  length += tail.byteLength;
  return { type: `multipart/byteranges; boundary=${boundary}`, length, segments };
}
