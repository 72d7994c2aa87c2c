/**
 * `FileResponse`: a file from disk — or a Blob, or any {@link FileSource} — with HEAD, byte
 * ranges (multipart too), validators and the conditional requests of RFC 9110, on the runtime's
 * own file API.
 *
 * @module
 */

import { ifRangeMatches, parseHttpDate, preconditionStatus, type Validators } from "./conditional.ts";
import { contentDisposition, type DispositionType } from "./disposition.ts";
import { Http404, HttpError } from "./errors.ts";
import { checkHeaderValue, type HeadersInit, toHeaders } from "./headers.ts";
import { badNumber, describe, invalidType, outOfRange } from "./invalid.ts";
import { type FileFacts, fileFacts, fileType, validatorFacts } from "./file_cache.ts";
import { contentType } from "./media.ts";
import { type ServedFile, sharedVariants, type VariantIndex } from "./precompressed.ts";
import { type ByteRange, multipartByteranges, parseRange, type Segment } from "./range.ts";
import { type BodyContent, HttpResponse, initContentType, withOptionHeaders } from "./response.ts";
import { fileRuntime } from "./runtime/select.ts";
import { blobFacts } from "./runtime/source.ts";
import { type BodyPlan, type FileBody, type FileFailure, type FileInfo, isFailure } from "./runtime/types.ts";
import { isNullBodyStatus, reasonPhrase } from "./status.ts";
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
   * HEAD apply to it. A sibling older than the file is stale and never served (nor is any where
   * files have no modification time). Every response for a file that has a sibling carries
   * `Vary: Accept-Encoding`. Which siblings exist is learned the first time a file is served and
   * again when it changes. For a path only: with a Blob or a FileSource it is a `TypeError`.
   * Default `false`.
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

/**
 * Bytes that are not on a disk, served by {@link FileResponse} with everything a file gets: an R2
 * object, a database blob, a generated report. Only what the source says is sent as validators:
 * without `etag` there is no ETag, without `lastModified` no Last-Modified.
 *
 * @example
 * ```ts
 * import { FileResponse, type FileSource } from "allresponses";
 * const report = new TextEncoder().encode("id,total\n1,42\n");
 * const source: FileSource = {
 *   size: report.byteLength,
 *   etag: '"report-v1"',
 *   lastModified: Date.UTC(2025, 0, 1),
 *   name: "report.csv",
 *   read: (start, end) => new Blob([report.subarray(start, end)]),
 * };
 * Deno.serve((request) => new FileResponse(source, { request, asAttachment: true }));
 * ```
 */
export interface FileSource {
  /** The length in bytes. */
  readonly size: number;
  /** A strong or weak entity-tag (`'"v1"'`, `'W/"v1"'`); an unquoted value is quoted. */
  readonly etag?: string;
  /** The modification time: milliseconds since the epoch (as `File.lastModified`), or a Date. */
  readonly lastModified?: number | Date;
  /** The Content-Type, sent as it is (as a `Blob`'s own type is): `"text/plain; charset=utf-8"`. */
  readonly type?: string;
  /** A file name: its extension gives the type when there is none, and `asAttachment` sends it. */
  readonly name?: string;
  /**
   * The bytes from `start` up to but not including `end`, as `Blob.slice(start, end)` returns
   * them. Called only when the body is read — never for HEAD, 304, 412 or 416 — once per range,
   * for exactly the bytes needed; a delivery of fewer or more bytes makes the body fail.
   */
  read(start: number, end: number): ReadableStream<Uint8Array> | Blob | Promise<ReadableStream<Uint8Array> | Blob>;
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

/** What the bytes are, wherever they come from: a file, a Blob or a {@link FileSource}. */
interface Origin {
  size: number;
  /** Its ETag, Last-Modified and validators: only what it says of itself. */
  facts: FileFacts;
  /** Its own media type. */
  type: string | undefined;
  /** Its name or path: for the extension, and the name of an attachment. */
  name: string | undefined;
  /** The type of a name's extension (for a file on disk, remembered with its version). */
  typeOf(name: string): string | undefined;
  /** The Content-Encoding of a precompressed sibling served for a file. */
  coding: string | undefined;
  /** True when the file has precompressed siblings: the answer varies by Accept-Encoding. */
  varies: boolean;
  /** The body for `plan`. */
  body(plan: BodyPlan): FileBody;
}

/** The bytes as the response represents them: their size, type, validators, disposition and body. */
interface Representation {
  size: number;
  /** The Content-Type of the whole representation. */
  type: string;
  etag: string | undefined;
  /** The Last-Modified header. */
  lastModified: string | undefined;
  /** The validators the request's conditions are evaluated against. */
  validators: Validators;
  /** The Content-Disposition, when one is asked for. */
  disposition: string | undefined;
  /** The Content-Encoding of a precompressed sibling served for the file. */
  coding: string | undefined;
  /** The Vary header, when the file has precompressed siblings. */
  vary: string | undefined;
  body(plan: BodyPlan): FileBody;
}

/** What the answer depends on besides the file: the request and the options that shape the body. */
interface Answering {
  request: Request | undefined;
  /** The request's method, upper-case; GET without a request. */
  method: string;
  /** The request's Range header. */
  range: string | null;
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
  if (isNullBodyStatus(status)) {
    throw invalidType(
      "FileResponse",
      `status ${status} (${reasonPhrase(status)}) is not a status that can carry a file`,
    );
  }
  return status;
}

/** `chunkSize` checked (an integer from 1 byte to 16 MiB), the default when it is not given; `name` is the caller's. */
export function checkChunkSize(chunkSize: number | undefined, name = "FileResponse"): number {
  if (chunkSize === undefined) return DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw badNumber(name, "chunkSize", chunkSize, `an integer from 1 to ${MAX_CHUNK_SIZE}`);
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
      return invalidType(name, "this runtime has no file system to read a path from; pass a Blob or a FileSource");
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

/** The Content-Disposition that `init` asks for, or `undefined`; an attachment is named after `name` by default. */
function disposition(name: string | undefined, init: FileResponseInit): string | undefined {
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
  const defaultName = type === "attachment" && name !== undefined ? basename(name) : undefined;
  return contentDisposition(filename ?? defaultName, type);
}

/** The caller's Vary with `Accept-Encoding` in it. */
function varyByCoding(callerHeaders: Headers | undefined): string {
  const given = callerHeaders?.get("vary");
  if (given === null || given === undefined) return "Accept-Encoding";
  return /(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(given) ? given : `${given}, Accept-Encoding`;
}

/** The file that answers: `file` itself, or the precompressed sibling the request prefers when `init` asks for one. */
function servedFile(file: FileInfo, init: FoundInit): ServedFile {
  if (init.precompressed !== true) return { file, coding: undefined, vary: false };
  return (init[FOUND]?.variants ?? sharedVariants).serve(file, init.request);
}

/**
 * The file at a path or `file:` URL (or the one `staticFiles` found), as an {@link Origin}: the
 * precompressed sibling the request prefers, when asked for, with the original's name; its
 * validators and type learned once per version of the file.
 */
function pathOrigin(path: string | URL, init: FoundInit): Origin {
  const original = init[FOUND]?.file ?? findFile(toPath(path));
  const { file, coding, vary } = servedFile(original, init);
  return {
    size: file.size,
    facts: fileFacts(file),
    type: undefined,
    name: original.path,
    typeOf: (name) => fileType(file, name),
    coding,
    varies: vary,
    body: (plan) => fileRuntime.fileBody(file, plan),
  };
}

/** An origin that is not on a disk, with what it says of itself. */
function bytesOrigin(
  size: number,
  facts: FileFacts,
  type: string | undefined,
  name: string | undefined,
  body: Origin["body"],
): Origin {
  return { size, facts, type, name, typeOf: contentType, coding: undefined, varies: false, body };
}

/**
 * A Blob as an {@link Origin}: its type, and a `File`'s (or a `Bun.file()`'s) name and
 * modification time; no ETag, which only its bytes could give.
 */
function blobOrigin(blob: Blob): Origin {
  const { name, lastModified } = blobFacts(blob);
  const type = blob.type === "" ? undefined : blob.type;
  return bytesOrigin(
    blob.size,
    validatorFacts(undefined, lastModified),
    type,
    name,
    (plan) => fileRuntime.blobBody(blob, plan),
  );
}

const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;
const OPAQUE_TAG = /^[\x21\x23-\x7e\x80-\xff]*$/;

/** A source's `etag`, quoted when it is not. */
function sourceTag(etag: unknown): string | undefined {
  if (etag === undefined) return undefined;
  if (typeof etag === "string" && ENTITY_TAG.test(etag)) return etag;
  if (typeof etag === "string" && OPAQUE_TAG.test(etag)) return `"${etag}"`;
  throw invalidType("FileResponse", `the source's etag ${describe(etag)} is not an entity-tag`);
}

/** A source's `lastModified` in milliseconds. */
function sourceTime(time: unknown): number | undefined {
  if (time === undefined) return undefined;
  const ms = time instanceof Date ? time.getTime() : time;
  if (typeof ms !== "number") {
    throw invalidType("FileResponse", `the source's lastModified ${describe(time)} is not a number or a Date`);
  }
  if (!Number.isFinite(ms)) {
    throw outOfRange("FileResponse", `the source's lastModified ${describe(time)} is not a time`);
  }
  return ms;
}

/** A source's optional string field. */
function sourceText(value: unknown, field: string): string | undefined {
  if (value === undefined || typeof value === "string") return value === "" ? undefined : value;
  throw invalidType("FileResponse", `the source's ${field} ${describe(value)} is not a string`);
}

/** A {@link FileSource} as an {@link Origin}, its fields checked. */
function sourceOrigin(source: FileSource): Origin {
  const { size } = source;
  if (typeof size !== "number") {
    throw invalidType("FileResponse", `the source's size ${describe(size)} is not a number`);
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw outOfRange("FileResponse", `the source's size ${describe(size)} is not a non-negative safe integer`);
  }
  const type = sourceText(source.type, "type");
  return bytesOrigin(
    size,
    validatorFacts(sourceTag(source.etag), sourceTime(source.lastModified)),
    type === undefined ? undefined : checkHeaderValue("content-type", type),
    sourceText(source.name, "name"),
    (plan) => fileRuntime.sourceBody((start, end) => source.read(start, end), plan),
  );
}

/**
 * What `source` is: a path, a `file:` URL, a Blob or a {@link FileSource}. `precompressed`
 * names siblings on a disk, so it is for a path alone.
 */
function originOf(source: unknown, init: FoundInit): Origin {
  if (typeof source === "string" || source instanceof URL) return pathOrigin(source, init);
  if (init.precompressed === true) {
    throw invalidType(
      "FileResponse",
      "precompressed serves the siblings of a file on disk; pass a path, not a Blob or a FileSource",
    );
  }
  if (source instanceof Blob) return blobOrigin(source);
  if (typeof (source as FileSource | null)?.read === "function") return sourceOrigin(source as FileSource);
  throw invalidType("FileResponse", `${describe(source)} is not a path, a file: URL, a Blob or a FileSource`);
}

/**
 * The Content-Type: `mediaType`, then a Content-Type in the caller's headers, then the origin's
 * own type (a full Content-Type, as a `Blob`'s is, sent as it is: nothing can tell its charset),
 * then the extension of `filename` or of the origin's name (the original's, for a precompressed
 * sibling).
 */
function mediaTypeOf(origin: Origin, init: FileResponseInit, callerHeaders: Headers | undefined): string {
  if (init.mediaType !== undefined) return initContentType({ mediaType: init.mediaType }, "FileResponse")!;
  const given = callerHeaders?.get("content-type") ?? undefined;
  if (given !== undefined) return given;
  if (origin.type !== undefined) return initContentType({ contentType: origin.type }, "FileResponse")!;
  const name = init.filename ?? origin.name;
  return (name === undefined ? undefined : origin.typeOf(name)) ?? FALLBACK_TYPE;
}

/**
 * The origin as this response represents it. An ETag or Last-Modified in the caller's headers
 * replaces the origin's; where neither has one, there is none.
 */
function represent(origin: Origin, init: FileResponseInit, callerHeaders: Headers | undefined): Representation {
  const { facts } = origin;
  const givenTag = callerHeaders?.get("etag") ?? undefined;
  const givenDate = callerHeaders?.get("last-modified") ?? undefined;
  const etag = givenTag ?? facts.etag;
  const validators = givenTag === undefined && givenDate === undefined ? facts.validators : {
    // An entity-tag of "" matches none of a request's but the wildcard: the semantics of none.
    etag: etag ?? "",
    lastModified: givenDate === undefined ? facts.validators.lastModified : parseHttpDate(givenDate),
  };
  return {
    size: origin.size,
    type: mediaTypeOf(origin, init, callerHeaders),
    etag,
    lastModified: givenDate ?? facts.lastModified,
    validators,
    disposition: disposition(origin.name, init) ?? callerHeaders?.get("content-disposition") ?? undefined,
    coding: origin.coding,
    vary: origin.varies ? varyByCoding(callerHeaders) : undefined,
    body: origin.body,
  };
}

/**
 * The ranges the request asks for (RFC 9110 §14.2): `undefined` for the whole file — no Range,
 * a method other than GET and HEAD, a status other than 200, an If-Range that does not match, a
 * Range to ignore — `[]` for none satisfiable.
 */
function requestedRanges(answering: Answering, rep: Representation): ByteRange[] | undefined {
  const { range, method } = answering;
  if (range === null || answering.status !== 200 || (method !== "GET" && method !== "HEAD")) return undefined;
  const ifRange = answering.request!.headers.get("if-range");
  if (ifRange !== null && !ifRangeMatches(ifRange, rep.validators)) return undefined;
  return parseRange(range, rep.size);
}

/** The body for `ranges` of the file: the whole file, one range, or a multipart body of several. */
function layOut(ranges: ByteRange[] | undefined, rep: Representation, status: number): Layout {
  const { size } = rep;
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

/** The ETag and Last-Modified of `rep`, Accept-Ranges for a 200, and its Vary: every response carries them. */
function validatorHeaders(rep: Representation, status: number): Record<string, string> {
  const { etag, lastModified } = rep;
  let headers: Record<string, string>;
  // Both, the common case, as one literal: a record that gains keys one by one costs more.
  if (etag !== undefined && lastModified !== undefined) {
    headers = status === 200
      ? { etag, "last-modified": lastModified, "accept-ranges": "bytes" }
      : { etag, "last-modified": lastModified };
  } else {
    headers = status === 200 ? { "accept-ranges": "bytes" } : {};
    if (etag !== undefined) headers.etag = etag;
    if (lastModified !== undefined) headers["last-modified"] = lastModified;
  }
  if (rep.vary !== undefined) headers.vary = rep.vary;
  return headers;
}

/** A 304, 412 or 416: the validators (and for a 416 its Content-Range), and no content. */
function noContentPlan(status: number, rep: Representation, answering: Answering): ResponsePlan {
  const headers = validatorHeaders(rep, answering.status);
  if (status === 416) headers["content-range"] = `bytes */${rep.size}`;
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
  return rep.body({
    segments: layout.segments,
    length: layout.length,
    chunkSize,
    head: answering.method === "HEAD",
    request,
    rangeIgnored: ranges === undefined && answering.range !== null,
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
    const precondition = preconditionStatus(request, rep.validators);
    if (precondition !== undefined) return noContentPlan(precondition, rep, answering);
  }
  const ranges = requestedRanges(answering, rep);
  if (ranges !== undefined && ranges.length === 0) return noContentPlan(416, rep, answering);
  return contentPlan(rep, ranges, answering);
}

/**
 * The Date of a response to HEAD on a runtime whose server sends none there (RFC 9110 §6.6.1:
 * an origin server with a clock sends one), unless the caller gave one.
 */
function addHeadDate(plan: ResponsePlan, method: string): void {
  if (fileRuntime.headWithoutDate !== true || method !== "HEAD") return;
  if (plan.callerHeaders?.has("date") !== true) plan.headers.date = httpDate(Date.now());
}

/** The plan of a FileResponse for `source`: every check, the stat of a path, and the answer to the request. */
function planFileResponse(source: unknown, init: FoundInit): ResponsePlan {
  const status = checkStatus(init.status);
  const chunkSize = checkChunkSize(init.chunkSize);
  const origin = originOf(source, init);
  const callerHeaders = init.headers === undefined ? undefined : toHeaders(init.headers, "FileResponse");
  const { request } = init;
  const method = request === undefined ? "GET" : request.method.toUpperCase();
  const range = request === undefined ? null : request.headers.get("range");
  const planned = plan(represent(origin, init, callerHeaders), {
    request,
    method,
    range,
    status,
    chunkSize,
    callerHeaders,
  });
  addHeadDate(planned, method);
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
 * The bytes can also be a `Blob` (a `File`, a `Bun.file()`), sent as a slice of it, never a
 * copy, or a {@link FileSource} (an R2 object, a database blob), read one range at a time and
 * only when the body is read: the same answers, from the validators the Blob or source has (a
 * plain Blob has none, so it gets no ETag and no Last-Modified). The type is `mediaType`, else
 * the source's own, else that of the extension of `filename` or the source's name. Where there is
 * no file system (Cloudflare Workers), a path is a `TypeError`: serve a Blob or a source there.
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
 *
 * @example
 * ```ts
 * import { FileResponse } from "allresponses";
 * const logo = new File([await Deno.readFile("./logo.png")], "logo.png", { type: "image/png" });
 * Deno.serve((request) => new FileResponse(logo, { request })); // Range, Last-Modified, 304 …
 * ```
 */
export class FileResponse extends HttpResponse {
  /**
   * Stats the file (of a path) and builds the response; nothing is opened or read yet.
   *
   * @param source A file path, a `file:` URL, a `Blob`, or a {@link FileSource}.
   * @param init The request, status, headers, media type, Content-Disposition and chunk size.
   * @throws {Http404} when there is no file at the path, or a directory.
   * @throws {HttpError} with status 403 when the file cannot be read or is not a regular file.
   * @throws {RangeError} for a `status`, `chunkSize` or source `size` out of range.
   * @throws {TypeError} for a status without a body (204, 205, 304), a URL that is not a local
   *   `file:` URL, a source that is none of the above or has a field of the wrong type,
   *   `asAttachment` and `contentDispositionType` that disagree, `precompressed` with a Blob or a
   *   source, or a path on a runtime without a file system.
   * @throws {BadHeaderError} when a header in `init.headers` is unsafe.
   */
  constructor(source: string | URL | Blob | FileSource, init: FileResponseInit = {}) {
    const plan = planFileResponse(source, init);
    const record = plannedRecord(plan);
    const responseInit = { status: plan.status, contentType: plan.contentType };
    // In the init, the headers reach the web Response at once (Deno.serve's fast path needs that).
    super(plan.body, record === undefined ? responseInit : withOptionHeaders(responseInit, record));
    if (record === undefined) setPlannedHeaders(this.headers, plan);
  }
}
