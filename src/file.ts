/**
 * `FileResponse`: a file from disk, with HEAD, byte ranges (multipart too), a strong ETag and
 * the conditional requests of RFC 9110, on the runtime's own file API.
 *
 * @module
 */

import { evaluatePreconditions, ifRangeMatches, parseHttpDate, type Validators } from "./conditional.ts";
import { contentDisposition, type DispositionType } from "./disposition.ts";
import { Http404, HttpError } from "./errors.ts";
import { type HeadersInit, toHeaders } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";
import { fileFacts, fileType } from "./file_cache.ts";
import { type ServedFile, sharedVariants, type VariantIndex } from "./precompressed.ts";
import { type ByteRange, multipartByteranges, parseRange, type Segment } from "./range.ts";
import { type BodyContent, HttpResponse, initContentType, withOptionHeaders } from "./response.ts";
import { fileRuntime } from "./runtime/select.ts";
import { type FileBody, type FileFailure, type FileInfo, isFailure } from "./runtime/types.ts";
import { NULL_BODY_STATUSES, STATUS_TEXT } from "./status.ts";
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
  /**
   * Serve a precompressed sibling — `<path>.br`, `<path>.zst` or `<path>.gz` — when the request's
   * `Accept-Encoding` prefers it (q-values honoured; among equal ones br, then zstd, then gzip),
   * with `Content-Encoding`, the original's Content-Type, and its own length and ETag; Range and
   * HEAD apply to it. A sibling older than the file is stale and never served. Every response
   * for a file that has a sibling carries `Vary: Accept-Encoding`. Which siblings exist is learned
   * the first time a file is served and again when it changes. Default `false`.
   */
  precompressed?: boolean;
}

/**
 * The key under which `staticFiles` hands a FileResponse what it has found already: the file
 * (its own stat of it, which the response uses instead of another), and the index of the
 * file's precompressed siblings under its root.
 */
export const FOUND: unique symbol = Symbol("allresponses.found");

/** What `staticFiles` found, under {@link FOUND}. */
export interface Found {
  file: FileInfo;
  variants: VariantIndex;
}

/** The init `staticFiles` passes: a {@link FileResponseInit} and what it found. */
export interface FoundInit extends FileResponseInit {
  [FOUND]?: Found;
}

const DEFAULT_CHUNK_SIZE = 256 * 1024;
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
const FALLBACK_TYPE = "application/octet-stream";

/** What the constructor works out before the response exists: everything it is made of, once. */
interface ResponsePlan {
  status: number;
  body: BodyContent;
  /** The Content-Type; `""` for none (an empty 304, 412 or 416). */
  contentType: string;
  /** The caller's headers, validated; `undefined` when there are none. */
  callerHeaders: Headers | undefined;
  /** True for a 304, 412 or 416: no Content-* header of the caller's goes on it (but Content-Location). */
  describesNoContent: boolean;
  /** The headers this response sets, which win over the caller's. */
  headers: Record<string, string>;
}

/** The file as the response represents it: its bytes, type, validators and disposition. */
interface Representation {
  file: FileInfo;
  /** The Content-Type of the whole file. */
  type: string;
  etag: string;
  /** The Last-Modified header. */
  lastModified: string;
  /** The validators the request's conditions are evaluated against. */
  validators: Validators;
  /** The Content-Disposition, when one is asked for. */
  disposition: string | undefined;
  /** The Content-Encoding of a precompressed sibling served for the file. */
  coding: string | undefined;
  /** The Vary header, when the file has precompressed siblings. */
  vary: string | undefined;
}

/** What the answer depends on besides the file: the request and the options that shape the body. */
interface Answering {
  request: Request | undefined;
  status: number;
  chunkSize: number;
  callerHeaders: Headers | undefined;
}

/** The body's layout: the status it goes with, what it is made of, and its headers. */
interface Layout {
  status: number;
  segments: Segment[];
  length: number;
  type: string;
  /** The Content-Range of a single range. */
  contentRange: string | undefined;
}

/** `init.status`, checked: a status that can carry a file, 200 by default. */
function checkStatus(status: unknown = 200): number {
  if (typeof status !== "number") throw invalidType("FileResponse", `status ${describe(status)} is not a number`);
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw outOfRange("FileResponse", `status ${describe(status)} is not an integer from 200 to 599`);
  }
  if (NULL_BODY_STATUSES.has(status)) {
    const reason = STATUS_TEXT[status as keyof typeof STATUS_TEXT];
    throw invalidType("FileResponse", `status ${status} (${reason}) is not a status that can carry a file`);
  }
  return status;
}

/** `chunkSize` checked (an integer from 1 byte to 16 MiB), the default when it is not given; `name` is the caller's. */
export function checkChunkSize(chunkSize: number | undefined, name = "FileResponse"): number {
  if (chunkSize === undefined) return DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw outOfRange(name, `chunkSize ${describe(chunkSize)} is not an integer from 1 to ${MAX_CHUNK_SIZE}`);
  }
  return chunkSize;
}

/** The path a `file:` URL names, refusing what is no local file. */
function urlPath(url: URL): string {
  const shown = describe(url.href);
  if (url.protocol !== "file:") throw invalidType("FileResponse", `${shown} is not a file: URL`);
  if (url.hostname !== "" && url.hostname !== "localhost") {
    throw invalidType("FileResponse", `${shown} names a host; only local file: URLs can be served`);
  }
  if (/%2f/i.test(url.pathname)) throw invalidType("FileResponse", `${shown} holds an encoded "/"`);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw invalidType("FileResponse", `${shown} holds an invalid percent-encoding`);
  }
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

function toPath(path: string | URL): string {
  const text = typeof path === "string" ? path : urlPath(path);
  // No file system has a file named "" or a name with NUL in it.
  if (text === "" || text.includes("\0")) throw new Http404();
  return text;
}

/**
 * The HTTP error for a path that names no file that can be served: 404 for nothing there, 403
 * for a file that may not be read or is not a regular file. The messages name no path: 4xx
 * messages reach the client. No file system at all is the caller's mistake, a `TypeError`.
 */
export function fileError(failure: FileFailure, name: string): Error {
  const init = failure.cause === undefined ? undefined : { cause: failure.cause };
  switch (failure.problem) {
    case "missing":
      return new Http404(undefined, init);
    case "forbidden":
      return new HttpError(403, undefined, init);
    case "not a regular file":
      return new HttpError(403, "Not a regular file");
    case "no file system":
      return invalidType(
        name,
        "this runtime has no file system API it can use (it needs Deno, Bun, or Node 20.16 or later)",
      );
  }
}

/** The regular, readable file at `path`, or the error for why there is none. */
function findFile(path: string): FileInfo {
  const lookup = fileRuntime.stat(path);
  if (isFailure(lookup)) throw fileError(lookup, "FileResponse");
  return lookup;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** The Content-Disposition that `init` asks for, or `undefined`. */
function disposition(path: string, init: FileResponseInit): string | undefined {
  const { filename, asAttachment, contentDispositionType } = init;
  if (
    asAttachment !== undefined && contentDispositionType !== undefined &&
    (asAttachment ? "attachment" : "inline") !== contentDispositionType
  ) {
    throw invalidType(
      "FileResponse",
      `asAttachment ${describe(asAttachment)} and contentDispositionType ${describe(contentDispositionType)} disagree`,
    );
  }
  if (
    contentDispositionType !== undefined && contentDispositionType !== "attachment" &&
    contentDispositionType !== "inline"
  ) {
    throw invalidType(
      "FileResponse",
      `contentDispositionType ${describe(contentDispositionType)} is not "attachment" or "inline"`,
    );
  }
  if (filename === undefined && asAttachment !== true && contentDispositionType === undefined) return undefined;
  const type = contentDispositionType ?? (asAttachment === false ? "inline" : "attachment");
  return contentDisposition(filename ?? (type === "attachment" ? basename(path) : undefined), type);
}

/** The caller's Vary with `Accept-Encoding` in it. */
function varyByCoding(callerHeaders: Headers | undefined): string {
  const given = callerHeaders?.get("vary");
  if (given === null || given === undefined) return "Accept-Encoding";
  return /(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(given) ? given : `${given}, Accept-Encoding`;
}

/**
 * The file as this response represents it. `mediaType` wins for the type, then a Content-Type
 * in the caller's headers, then the extension of `filename` or of the path (the original's, for
 * a precompressed sibling); an ETag or Last-Modified in the caller's headers replaces the one
 * derived from the file.
 */
function represent(
  served: ServedFile,
  init: FileResponseInit,
  callerHeaders: Headers | undefined,
  path: string,
): Representation {
  const { file } = served;
  const type = init.mediaType !== undefined
    ? initContentType({ mediaType: init.mediaType })!
    : callerHeaders?.get("content-type") ?? fileType(file, init.filename ?? path) ?? FALLBACK_TYPE;
  const facts = fileFacts(file);
  const givenTag = callerHeaders?.get("etag") ?? undefined;
  const givenDate = callerHeaders?.get("last-modified") ?? undefined;
  const etag = givenTag ?? facts.etag;
  const validators = givenTag === undefined && givenDate === undefined ? facts.validators : {
    etag,
    lastModified: givenDate === undefined ? facts.validators.lastModified : parseHttpDate(givenDate),
  };
  return {
    file,
    type,
    etag,
    lastModified: givenDate ?? facts.lastModified,
    validators,
    disposition: disposition(path, init) ?? callerHeaders?.get("content-disposition") ?? undefined,
    coding: served.coding,
    vary: served.vary ? varyByCoding(callerHeaders) : undefined,
  };
}

/**
 * The ranges the request asks for (RFC 9110 §14.2): `undefined` for the whole file — no Range,
 * a method other than GET and HEAD, a status other than 200, an If-Range that does not match, a
 * Range to ignore — `[]` for none satisfiable.
 */
function requestedRanges(request: Request | undefined, status: number, rep: Representation): ByteRange[] | undefined {
  const range = request?.headers.get("range") ?? null;
  if (range === null || status !== 200) return undefined;
  const method = request!.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") return undefined;
  const ifRange = request!.headers.get("if-range");
  if (ifRange !== null && !ifRangeMatches(ifRange, rep.validators)) return undefined;
  return parseRange(range, rep.file.size);
}

/** The body for `ranges` of the file: the whole file, one range, or a multipart body of several. */
function layOut(ranges: ByteRange[] | undefined, rep: Representation, status: number): Layout {
  const { size } = rep.file;
  if (ranges === undefined) {
    return { status, segments: [{ start: 0, end: size - 1 }], length: size, type: rep.type, contentRange: undefined };
  }
  if (ranges.length === 1) {
    const { start, end } = ranges[0]!;
    const contentRange = `bytes ${start}-${end}/${size}`;
    return { status: 206, segments: [{ start, end }], length: end - start + 1, type: rep.type, contentRange };
  }
  const { segments, length, type } = multipartByteranges(ranges, size, rep.type);
  return { status: 206, segments, length, type, contentRange: undefined };
}

/** The ETag and Last-Modified of `rep`, and Accept-Ranges for a 200: every response carries them. */
function validatorHeaders(rep: Representation, status: number): Record<string, string> {
  const headers: Record<string, string> = status === 200
    ? { etag: rep.etag, "last-modified": rep.lastModified, "accept-ranges": "bytes" }
    : { etag: rep.etag, "last-modified": rep.lastModified };
  if (rep.vary !== undefined) headers.vary = rep.vary;
  return headers;
}

/** A 304, 412 or 416: the validators (and for a 416 its Content-Range), and no content. */
function noContentPlan(status: number, rep: Representation, answering: Answering): ResponsePlan {
  const headers = validatorHeaders(rep, answering.status);
  if (status === 416) headers["content-range"] = `bytes */${rep.file.size}`;
  return {
    status,
    body: null,
    contentType: "",
    callerHeaders: answering.callerHeaders,
    describesNoContent: true,
    headers,
  };
}

/** The body the runtime makes for `layout`: nothing for an empty one, nor for HEAD. */
function runtimeBody(
  rep: Representation,
  layout: Layout,
  ranges: ByteRange[] | undefined,
  answering: Answering,
): FileBody {
  if (layout.length === 0) return { body: null };
  const { request, chunkSize } = answering;
  return fileRuntime.body({
    file: rep.file,
    segments: layout.segments,
    chunkSize,
    head: request?.method.toUpperCase() === "HEAD",
    request,
    rangeIgnored: ranges === undefined && request?.headers.has("range") === true,
    disposition: rep.disposition !== undefined,
    type: layout.type,
  });
}

/** A 200 or 206 with the file's bytes for `ranges`. */
function contentPlan(rep: Representation, ranges: ByteRange[] | undefined, answering: Answering): ResponsePlan {
  const layout = layOut(ranges, rep, answering.status);
  const headers = validatorHeaders(rep, answering.status);
  if (rep.disposition !== undefined) headers["content-disposition"] = rep.disposition;
  if (rep.coding !== undefined) headers["content-encoding"] = rep.coding;
  if (layout.contentRange !== undefined) headers["content-range"] = layout.contentRange;
  headers["content-length"] = String(layout.length);
  const { body, headers: runtimeHeaders } = runtimeBody(rep, layout, ranges, answering);
  if (runtimeHeaders !== undefined) Object.assign(headers, runtimeHeaders);
  const { callerHeaders } = answering;
  return { status: layout.status, body, contentType: layout.type, callerHeaders, describesNoContent: false, headers };
}

/** Decides the response for the request: preconditions (RFC 9110 §13.2.2), then Range (§14). */
function plan(rep: Representation, answering: Answering): ResponsePlan {
  const { request, status } = answering;
  if (request !== undefined && status < 300) {
    const precondition = evaluatePreconditions(request, rep.validators);
    if (precondition !== undefined) return noContentPlan(precondition, rep, answering);
  }
  const ranges = requestedRanges(request, status, rep);
  if (ranges !== undefined && ranges.length === 0) return noContentPlan(416, rep, answering);
  return contentPlan(rep, ranges, answering);
}

/** The file that answers: `file` itself, or the precompressed sibling the request prefers when `init` asks for one. */
function servedFile(file: FileInfo, init: FoundInit): ServedFile {
  if (init.precompressed !== true) return { file, coding: undefined, vary: false };
  return (init[FOUND]?.variants ?? sharedVariants).serve(file, init.request);
}

/**
 * The Date of a response to HEAD on a runtime whose server sends none there (RFC 9110 §6.6.1:
 * an origin server with a clock sends one), unless the caller gave one.
 */
function addHeadDate(plan: ResponsePlan, request: Request | undefined): void {
  if (fileRuntime.headWithoutDate !== true || request?.method !== "HEAD") return;
  if (plan.callerHeaders?.has("date") !== true) plan.headers.date = httpDate(Date.now());
}

/** The plan of a FileResponse for `path`: every check, the stat, and the answer to the request. */
function planFileResponse(path: string | URL, init: FoundInit): ResponsePlan {
  const status = checkStatus(init.status);
  const chunkSize = checkChunkSize(init.chunkSize);
  const file = init[FOUND]?.file ?? findFile(toPath(path));
  const callerHeaders = init.headers === undefined ? undefined : toHeaders(init.headers);
  const rep = represent(servedFile(file, init), init, callerHeaders, file.path);
  const planned = plan(rep, { request: init.request, status, chunkSize, callerHeaders });
  addHeadDate(planned, init.request);
  return planned;
}

/**
 * Whether a caller's header goes on the response: not its Content-Type (the plan's type has
 * it) nor its Content-Length (the body's own is set), and, on a response that describes no
 * content, no Content-* header but Content-Location.
 */
function keepsCallerHeader(name: string, describesNoContent: boolean): boolean {
  if (name === "content-type" || name === "content-length") return false;
  return !describesNoContent || !name.startsWith("content-") || name === "content-location";
}

/**
 * The planned headers as one record — the caller's that go on the response, then the response's
 * own — for the init of the web Response; `undefined` when a Set-Cookie needs a header of its own.
 */
function plannedRecord(plan: ResponsePlan): Record<string, string> | undefined {
  if (plan.callerHeaders === undefined) return plan.headers;
  const record: Record<string, string> = {};
  for (const [name, value] of plan.callerHeaders) {
    if (name === "set-cookie") return undefined;
    if (keepsCallerHeader(name, plan.describesNoContent)) record[name] = value;
  }
  return Object.assign(record, plan.headers);
}

/** Sets the planned headers on `headers`: the caller's first, then the response's own. */
function setPlannedHeaders(headers: Headers, plan: ResponsePlan): void {
  if (plan.callerHeaders !== undefined) {
    for (const [name, value] of plan.callerHeaders) {
      if (name === "set-cookie") headers.append(name, value);
      else if (keepsCallerHeader(name, plan.describesNoContent)) headers.set(name, value);
    }
  }
  for (const name in plan.headers) headers.set(name, plan.headers[name]!);
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
   * @throws {RangeError} for a `status` or `chunkSize` out of range.
   * @throws {TypeError} for a status without a body (204, 205, 304), a URL that is not a local
   *   `file:` URL, `asAttachment` and `contentDispositionType` that disagree, or a runtime
   *   without a file system.
   * @throws {BadHeaderError} when a header in `init.headers` is unsafe.
   */
  constructor(path: string | URL, init: FileResponseInit = {}) {
    const plan = planFileResponse(path, init);
    const record = plannedRecord(plan);
    const responseInit = { status: plan.status, contentType: plan.contentType };
    // In the init, the headers reach the web Response at once (Deno.serve's fast path needs that).
    super(plan.body, record === undefined ? responseInit : withOptionHeaders(responseInit, record));
    if (record === undefined) setPlannedHeaders(this.headers, plan);
  }
}
