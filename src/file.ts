/**
 * `FileResponse`: a file from disk, with HEAD, byte ranges (multipart too), a strong ETag and
 * the conditional requests of RFC 9110, on the runtime's own file API.
 *
 * @module
 */

import { ifRangeMatches, parseHttpDate, preconditionStatus, type Validators } from "./conditional.ts";
import { contentDisposition, type DispositionType } from "./disposition.ts";
import { Http404 } from "./errors.ts";
import { type HeadersInit, toHeaders } from "./headers.ts";
import { contentType } from "./media.ts";
import { type ByteRange, multipartByteranges, parseRange, type Segment } from "./range.ts";
import { type BodyContent, HttpResponse, initContentType } from "./response.ts";
import { fileRuntime } from "./runtime/select.ts";
import type { FileInfo } from "./runtime/types.ts";
import { NULL_BODY_STATUSES } from "./status.ts";
import { httpDate } from "./util.ts";

/**
 * Options of the {@link FileResponse} constructor.
 *
 * @example
 * ```ts
 * import { FileResponse, type FileResponseInit } from "allresponses";
 * const download: FileResponseInit = { asAttachment: true, headers: { "Cache-Control": "private, max-age=60" } };
 * Bun.serve({ fetch: (request) => new FileResponse("./exports/data.csv", { ...download, request }) });
 * ```
 */
export interface FileResponseInit {
  /**
   * The request being answered. With it, HEAD gets the headers alone, conditional requests
   * (If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since) get 304 or 412, and Range
   * requests get 206 or 416. Without it, the response is the whole file.
   */
  request?: Request;
  /** The status of the full response. Default 200; Range applies to 200 only, preconditions to 2xx only. */
  status?: number;
  /** Extra headers. An `ETag` or `Last-Modified` here replaces the one derived from the file. */
  headers?: HeadersInit;
  /** The media type; `text/*` gets `; charset=utf-8`. Default: from the extension of `filename`, else of the path. */
  mediaType?: string;
  /** The name the client should save the file under: sets Content-Disposition (RFC 6266/8187). */
  filename?: string;
  /** The disposition type; `attachment` by default when a filename is given. */
  contentDispositionType?: DispositionType;
  /**
   * Django's switch: `true` sends `attachment` (with the path's own name when no `filename` is
   * given), `false` sends `inline`.
   */
  asAttachment?: boolean;
  /**
   * The most bytes read from the file at once when the body is a stream (on Node, on Deno for
   * a closed range, and for multipart bodies), 1 byte to 16 MiB. Default 256 KiB. Bun sends a
   * whole file or a single range with sendfile, and Deno.serve a body that runs to the end of
   * the file from Rust; both read as they see fit.
   */
  chunkSize?: number;
}

const DEFAULT_CHUNK_SIZE = 256 * 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const FALLBACK_TYPE = "application/octet-stream";

/** What the constructor works out before the response exists. */
interface Outcome {
  status: number;
  body: BodyContent;
  /** The Content-Type; `""` for none (an empty 304, 412 or 416). */
  type: string;
  /** The headers this response sets on top of the caller's, set after construction. */
  headers: Record<string, string>;
  /** True for a 304, 412 or 416: no Content-* header of the caller's may stay (but Content-Location). */
  bare: boolean;
}

function toPath(path: string | URL): string {
  let text: string;
  if (typeof path === "string") {
    text = path;
  } else {
    if (path.protocol !== "file:") throw new TypeError(`FileResponse: ${path.href} is not a file: URL`);
    if (path.hostname !== "" && path.hostname !== "localhost") {
      throw new TypeError(`FileResponse: ${path.href} names a host; only local file: URLs can be served`);
    }
    if (/%2f/i.test(path.pathname)) throw new TypeError(`FileResponse: ${path.href} holds an encoded "/"`);
    try {
      text = decodeURIComponent(path.pathname);
    } catch {
      throw new TypeError(`FileResponse: ${path.href} holds an invalid percent-encoding`);
    }
    if (/^\/[A-Za-z]:\//.test(text)) text = text.slice(1);
  }
  // No file system has a file named "" or a name with NUL in it.
  if (text === "" || text.includes("\0")) throw new Http404();
  return text;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

function checkChunkSize(chunkSize: number | undefined): number {
  if (chunkSize === undefined) return DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`FileResponse: chunkSize ${chunkSize} is not an integer from 1 to ${MAX_CHUNK_SIZE}`);
  }
  return chunkSize;
}

function disposition(path: string, init: FileResponseInit): string | undefined {
  const { filename, asAttachment, contentDispositionType } = init;
  if (asAttachment !== undefined && contentDispositionType !== undefined &&
    (asAttachment ? "attachment" : "inline") !== contentDispositionType) {
    throw new TypeError(
      `FileResponse: asAttachment: ${asAttachment} and contentDispositionType: "${contentDispositionType}" disagree`,
    );
  }
  if (filename === undefined && asAttachment !== true && contentDispositionType === undefined) return undefined;
  const type = contentDispositionType ?? (asAttachment === false ? "inline" : "attachment");
  return contentDisposition(filename ?? (type === "attachment" ? basename(path) : undefined), type);
}

/** A strong entity-tag from what changes when the file does: inode, size and modification time. */
function entityTag(file: FileInfo): string {
  return `"${file.ino.toString(36)}-${file.size.toString(36)}-${Math.round(file.mtimeMs * 1000).toString(36)}"`;
}

/** Drops the representation metadata (Content-*, but Content-Location) that a 304, 412 or 416 must not describe. */
function dropContentHeaders(headers: Headers): void {
  const names = [...headers.keys()].filter((name) => name.startsWith("content-") && name !== "content-location");
  for (const name of names) headers.delete(name);
}

/**
 * A file from disk as a response (Django's and Starlette's `FileResponse`), on the runtime's own
 * file API: `Bun.file()` on Bun, so that `Bun.serve` sends it with sendfile; `Deno.open` on Deno,
 * whose server sends the file from Rust when the body runs to its end; `node:fs` on Node.
 *
 * The constructor is synchronous: it stats the file and sets Content-Type (from the extension,
 * `text/*` with `charset=utf-8`, else `application/octet-stream`), Content-Length,
 * Last-Modified, a strong ETag, Accept-Ranges and, when asked, Content-Disposition. The file is
 * opened only when the body is read, read in bounded chunks, and closed when the body ends,
 * fails or is cancelled — including when the client disconnects.
 *
 * Given the request (`init.request`), it answers as a file server should (RFC 9110):
 * - HEAD: the headers of the GET, without a body;
 * - preconditions in the order of §13.2.2: If-Match and If-Unmodified-Since → 412;
 *   If-None-Match and If-Modified-Since → 304 for GET and HEAD (412 for If-None-Match otherwise).
 *   A 304 keeps ETag, Last-Modified, Cache-Control, Expires, Vary and Content-Location and
 *   drops the Content-* headers;
 * - `Range` (unit `bytes`, any case) on GET and HEAD: one range → 206 with Content-Range;
 *   several → a `multipart/byteranges` 206 with an exact Content-Length (overlapping and
 *   adjacent ranges coalesced); none satisfiable → 416 with `Content-Range: bytes *\/size`; a
 *   malformed Range, another unit or more than 100 ranges → the whole file. `If-Range` must match
 *   exactly — the strong ETag, or the Last-Modified date — or the whole file is sent.
 *
 * On Bun, a response that sends a file body carries `Content-Disposition: inline` when no other
 * was asked for (Bun.serve would otherwise add a `filename=` of its own), and Bun.serve sends
 * stream bodies — multipart ranges, and a 200 that ignores a Range — chunked, without the
 * Content-Length the response holds.
 *
 * @example
 * ```ts
 * import { FileResponse, handle } from "allresponses";
 * Deno.serve(handle((req) => {
 *   const { pathname } = new URL(req.url);
 *   if (pathname === "/report") {
 *     return new FileResponse("./files/report.pdf", { request: req, filename: "Report 2025.pdf" });
 *   }
 *   return new FileResponse("./public/video.mp4", { request: req }); // Range, ETag, 304 …
 * }));
 * // A missing file throws Http404, which handle() turns into a 404 response.
 * ```
 */
export class FileResponse extends HttpResponse {
  /**
   * Stats the file and builds the response; nothing is opened yet.
   *
   * @param path A file path, or a `file:` URL.
   * @param init The request, status, headers, media type, Content-Disposition and chunk size.
   * @throws {Http404} when there is no file at `path`, or a directory.
   * @throws {HttpError} with status 403 when the file cannot be read or is not a regular file.
   * @throws {RangeError} for an invalid `status` or `chunkSize`.
   * @throws {TypeError} for a status without a body (204, 205, 304), a URL that is not a local
   *   `file:` URL, or `asAttachment` and `contentDispositionType` that disagree.
   * @throws {BadHeaderError} when a header in `init.headers` is unsafe.
   */
  constructor(path: string | URL, init: FileResponseInit = {}) {
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`FileResponse: status ${status} is not a valid response status (an integer from 200 to 599)`);
    }
    if (NULL_BODY_STATUSES.has(status)) throw new TypeError(`FileResponse: a ${status} response cannot carry a file`);
    const chunkSize = checkChunkSize(init.chunkSize);
    const filePath = toPath(path);
    const file = fileRuntime.stat(filePath);
    // The caller's headers, validated; read here only for what they override.
    const given = init.headers === undefined ? undefined : toHeaders(init.headers);
    const type = init.mediaType !== undefined
      ? initContentType({ mediaType: init.mediaType })!
      : given?.get("content-type") ?? contentType(init.filename ?? filePath) ?? FALLBACK_TYPE;
    const etag = given?.get("etag") ?? entityTag(file);
    const lastModified = given?.get("last-modified");
    const validators: Validators = {
      etag,
      lastModified: lastModified === undefined || lastModified === null
        ? Math.floor(file.mtimeMs / 1000) * 1000
        : parseHttpDate(lastModified),
    };
    const own: Record<string, string> = { etag, "last-modified": lastModified ?? httpDate(file.mtimeMs) };
    if (status === 200) own["accept-ranges"] = "bytes";
    const cd = disposition(filePath, init);
    const outcome = respond(file, status, type, validators, init.request, chunkSize, {
      own,
      disposition: cd ?? given?.get("content-disposition") ?? undefined,
    });
    super(outcome.body, { status: outcome.status, headers: init.headers, contentType: outcome.type });
    const headers = this.headers;
    if (outcome.bare && given !== undefined) dropContentHeaders(headers);
    for (const name in outcome.headers) headers.set(name, outcome.headers[name]!);
  }
}

/** Decides the status, body and headers for `request` (RFC 9110 §13.2.2, then §14). */
function respond(
  file: FileInfo,
  status: number,
  type: string,
  validators: Validators,
  request: Request | undefined,
  chunkSize: number,
  { own, disposition }: { own: Record<string, string>; disposition: string | undefined },
): Outcome {
  const method = request?.method.toUpperCase() ?? "GET";
  const head = method === "HEAD";
  const rangeHeader = request?.headers.get("range") ?? null;
  if (request !== undefined && status >= 200 && status < 300) {
    const precondition = preconditionStatus(request, validators);
    if (precondition !== undefined) return { status: precondition, body: null, type: "", headers: own, bare: true };
  }
  let ranges: ByteRange[] | undefined;
  if (rangeHeader !== null && status === 200 && (method === "GET" || head)) {
    const ifRange = request!.headers.get("if-range");
    if (ifRange === null || ifRangeMatches(ifRange, validators)) ranges = parseRange(rangeHeader, file.size);
  }
  if (ranges !== undefined && ranges.length === 0) {
    own["content-range"] = `bytes */${file.size}`;
    return { status: 416, body: null, type: "", headers: own, bare: true };
  }
  if (disposition !== undefined) own["content-disposition"] = disposition;
  let segments: Segment[];
  let length: number;
  let bodyType = type;
  if (ranges === undefined) {
    segments = [{ start: 0, end: file.size - 1 }];
    length = file.size;
  } else if (ranges.length === 1) {
    const [{ start, end }] = ranges as [ByteRange];
    segments = [{ start, end }];
    length = end - start + 1;
    own["content-range"] = `bytes ${start}-${end}/${file.size}`;
  } else {
    const multipart = multipartByteranges(ranges, file.size, type);
    segments = multipart.segments;
    length = multipart.length;
    bodyType = multipart.type;
  }
  const partial = ranges === undefined ? status : 206;
  own["content-length"] = String(length);
  if (length === 0) return { status: partial, body: null, type: bodyType, headers: own, bare: false };
  const { body, headers } = fileRuntime.body({
    file,
    segments,
    chunkSize,
    head,
    request,
    rangeIgnored: ranges === undefined && rangeHeader !== null,
    disposition: disposition !== undefined,
  });
  if (headers !== undefined) Object.assign(own, headers);
  return { status: partial, body, type: bodyType, headers: own, bare: false };
}
