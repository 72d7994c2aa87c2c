/**
 * Conditional requests (RFC 9110 §13): entity-tag lists, HTTP dates, the precondition order of
 * §13.2.2 and `If-Range` — one implementation for `FileResponse` and for any other response,
 * through {@link evaluatePreconditions}, {@link condition} (validators before rendering) and
 * `conditionalGet` (an ETag from the bytes after rendering; in `hono_middleware.ts`, being Hono
 * middleware as well).
 *
 * @module
 */

import { HttpResponseNotModified, HttpResponsePreconditionFailed } from "./classes.ts";
import type { Handler } from "./errors.ts";
import { describe, invalidType } from "./invalid.ts";
import { encodesNamedCoding } from "./runtime/server.ts";
import { STATUS_TEXT, type StatusCode } from "./status.ts";
import { httpDate } from "./util.ts";

/** A representation's validators, as a response would send them. */
export interface Validators {
  /** The quoted entity-tag, e.g. `"5f-1a2b"` (or `W/"…"` for a weak one); `undefined` when there is none. */
  etag: string | undefined;
  /** The Last-Modified time in milliseconds, whole seconds; `undefined` when there is none. */
  lastModified: number | undefined;
}

/**
 * What the preconditions decide: `undefined` to go on with the request, 304 (Not Modified) or
 * 412 (Precondition Failed).
 */
export type PreconditionOutcome = 304 | 412 | undefined;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function utc(year: number, month: string, day: string, h: string, m: string, s: string): number | undefined {
  const mon = MONTHS.indexOf(month.toLowerCase());
  const date = new Date(0);
  date.setUTCFullYear(year, mon, Number(day));
  date.setUTCHours(Number(h), Number(m), Number(s), 0);
  // Date rolls 31 Feb over into March and 24:00 into the next day; an HTTP date may not.
  const exact = date.getUTCFullYear() === year && date.getUTCMonth() === mon && date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(h) && date.getUTCMinutes() === Number(m) && date.getUTCSeconds() === Number(s);
  return exact ? date.getTime() : undefined;
}

/**
 * Parses an HTTP-date (RFC 9110 §5.6.7) in any of its three forms — IMF-fixdate, the obsolete
 * RFC 850 form and asctime — into milliseconds since the epoch; `undefined` for anything else.
 * A two-digit RFC 850 year is the nearest such year not more than 50 years ahead of `now`.
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const text = value.trim();
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[3]), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = RFC850.exec(text);
  if (m) {
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(m[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(year, m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  }
  m = ASCTIME.exec(text);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!.trim(), m[3]!, m[4]!, m[5]!);
  return undefined;
}

/** One entity-tag of a list: its opaque part (quotes included) and whether it is weak. */
interface EntityTag {
  weak: boolean;
  opaque: string;
}

/**
 * The entity-tags of an `If-Match` / `If-None-Match` value in one linear pass; `"*"` for the
 * wildcard. A malformed member is skipped up to the next comma.
 */
function entityTags(value: string): EntityTag[] | "*" {
  const tags: EntityTag[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value[i]!;
    if (c === " " || c === "\t" || c === ",") {
      i++;
      continue;
    }
    if (c === "*") return "*";
    let weak = false;
    let j = i;
    if (value.startsWith("W/", j)) {
      weak = true;
      j += 2;
    }
    if (value[j] === '"') {
      const close = value.indexOf('"', j + 1);
      if (close === -1) break;
      tags.push({ weak, opaque: value.slice(j, close + 1) });
      i = close + 1;
      continue;
    }
    const comma = value.indexOf(",", i);
    i = comma === -1 ? n : comma + 1;
  }
  return tags;
}

function parseTag(etag: string): EntityTag {
  return etag.startsWith("W/") ? { weak: true, opaque: etag.slice(2) } : { weak: false, opaque: etag };
}

/** Strong comparison (RFC 9110 §8.8.3.2): both strong, same opaque tag. */
function strongMatch(list: string, etag: string | undefined): boolean {
  const tags = entityTags(list);
  if (tags === "*") return true;
  if (etag === undefined) return false;
  const ours = parseTag(etag);
  return !ours.weak && tags.some((t) => !t.weak && t.opaque === ours.opaque);
}

/** Weak comparison: the same opaque tag, weak or not. */
function weakMatch(list: string, etag: string | undefined): boolean {
  const tags = entityTags(list);
  if (tags === "*") return true;
  if (etag === undefined) return false;
  const ours = parseTag(etag).opaque;
  return tags.some((t) => t.opaque === ours);
}

/**
 * Evaluates the preconditions of `request` against a representation that exists, in the order
 * of RFC 9110 §13.2.2: If-Match, then If-Unmodified-Since (only without If-Match), then
 * If-None-Match, then If-Modified-Since (only without If-None-Match, for GET and HEAD). Dates
 * that are not valid HTTP-dates are ignored.
 */
export function preconditionStatus(request: Request, validators: Validators): PreconditionOutcome {
  const headers = request.headers;
  const method = request.method.toUpperCase();
  const safe = method === "GET" || method === "HEAD";
  const { etag, lastModified } = validators;
  const ifMatch = headers.get("if-match");
  if (ifMatch !== null) {
    if (!strongMatch(ifMatch, etag)) return 412;
  } else {
    const since = headers.get("if-unmodified-since");
    const date = since === null ? undefined : parseHttpDate(since);
    if (date !== undefined && lastModified !== undefined && lastModified > date) return 412;
  }
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (weakMatch(ifNoneMatch, etag)) return safe ? 304 : 412;
  } else if (safe) {
    const since = headers.get("if-modified-since");
    const date = since === null ? undefined : parseHttpDate(since);
    if (date !== undefined && lastModified !== undefined && lastModified <= date) return 304;
  }
  return undefined;
}

/**
 * Whether an `If-Range` value (RFC 9110 §13.1.5) lets the Range apply: an entity-tag must be
 * strong and equal to the representation's; a date must equal its Last-Modified exactly, and
 * that Last-Modified must be a strong validator — at least one second before `now`.
 */
export function ifRangeMatches(value: string, validators: Validators, now: number = Date.now()): boolean {
  const text = value.trim();
  if (text.startsWith('"') || text.startsWith("W/")) {
    if (validators.etag === undefined) return false;
    const ours = parseTag(validators.etag);
    return !ours.weak && text === ours.opaque;
  }
  const date = parseHttpDate(text);
  const { lastModified } = validators;
  return date !== undefined && lastModified !== undefined && date === lastModified &&
    Math.floor(now / 1000) * 1000 > lastModified;
}

/**
 * The validators of a representation as a caller gives them to {@link evaluatePreconditions}.
 *
 * @example
 * ```ts
 * import type { ConditionalValidators } from "allresponses";
 * const validators: ConditionalValidators = { etag: '"v42"', lastModified: new Date("2026-01-01T00:00:00Z") };
 * ```
 */
export interface ConditionalValidators {
  /** An entity-tag: `'"v1"'`, `'W/"v1"'`; an unquoted value (`v1`) is quoted. */
  etag?: string;
  /** The Last-Modified time: a `Date` or milliseconds since the epoch (compared in whole seconds). */
  lastModified?: Date | number;
}

// etagc (RFC 9110 §8.8.3): any visible character but the double quote, or obs-text.
const OPAQUE = /^"[\x21\x23-\x7e\x80-\xff]*"$/;

/** `etag` as an entity-tag: quoted when it was not; throws when it cannot be one. */
function entityTagValue(name: string, etag: string): string {
  if (typeof etag !== "string") throw invalidType(name, `etag ${describe(etag)} is not a string`);
  const weak = etag.startsWith("W/");
  const opaque = weak ? etag.slice(2) : etag;
  const quoted = opaque.startsWith('"') ? opaque : `"${opaque}"`;
  if (!OPAQUE.test(quoted)) throw invalidType(name, `etag ${describe(etag)} is not an entity-tag`);
  return weak ? `W/${quoted}` : quoted;
}

/** `lastModified` in milliseconds, whole seconds (HTTP dates have no finer resolution). */
function lastModifiedValue(name: string, lastModified: Date | number): number {
  const ms = lastModified instanceof Date ? lastModified.getTime() : lastModified;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw invalidType(name, `lastModified ${describe(lastModified)} is not a valid Date or number of milliseconds`);
  }
  return Math.floor(ms / 1000) * 1000;
}

/** The validators checked and normalised: the entity-tag quoted, the date in whole seconds. */
function normalised(name: string, given: ConditionalValidators): Validators {
  return {
    etag: given.etag === undefined ? undefined : entityTagValue(name, given.etag),
    lastModified: given.lastModified === undefined ? undefined : lastModifiedValue(name, given.lastModified),
  };
}

/** The ETag and Last-Modified headers of `validators`. */
function validatorHeaders(validators: Validators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators.etag !== undefined) headers.etag = validators.etag;
  if (validators.lastModified !== undefined) headers["last-modified"] = httpDate(validators.lastModified);
  return headers;
}

/** The response for a precondition outcome: a 304 with `headers`, or an empty 412. */
function outcomeResponse(outcome: 304 | 412, headers: Record<string, string>): Response {
  return outcome === 304
    ? new HttpResponseNotModified(null, { headers })
    : new HttpResponsePreconditionFailed(null, { headers });
}

/**
 * Evaluates the preconditions of `request` (RFC 9110 §13.2.2, in its order) against the
 * validators of the current representation, before anything is rendered: If-Match (strong
 * comparison), else If-Unmodified-Since; then If-None-Match (weak comparison), else, for GET and
 * HEAD only, If-Modified-Since. Dates that are not HTTP-dates are ignored.
 *
 * @param request The request whose conditional headers are evaluated.
 * @param validators The representation's `etag` (quoted when it is not) and `lastModified`.
 * @returns `HttpResponseNotModified` (304, with ETag and Last-Modified) for a GET or HEAD that
 *   the client has already, `HttpResponsePreconditionFailed` (412) when a precondition fails,
 *   `undefined` to go on with the request.
 * @throws {TypeError} when `etag` cannot be an entity-tag or `lastModified` is not a valid date.
 * @example
 * ```ts
 * import { evaluatePreconditions, JsonResponseOK } from "allresponses";
 * const article = { id: 1, version: 7, updated: Date.parse("2026-01-01T00:00:00Z") };
 * Deno.serve((request) => {
 *   const validators = { etag: `"v${article.version}"`, lastModified: article.updated };
 *   return evaluatePreconditions(request, validators) ??
 *     new JsonResponseOK(article, { headers: { etag: validators.etag } });
 * });
 * ```
 */
export function evaluatePreconditions(request: Request, validators: ConditionalValidators): Response | undefined {
  const checked = normalised("evaluatePreconditions", validators);
  const outcome = preconditionStatus(request, checked);
  return outcome === undefined ? undefined : outcomeResponse(outcome, validatorHeaders(checked));
}

/**
 * How {@link condition} computes a validator from the request: sync or async; `undefined` when
 * the resource has none (or does not exist, for which the handler then answers).
 */
export type ValidatorFunction<T> = (request: Request) => T | undefined | Promise<T | undefined>;

/**
 * The validator functions of {@link condition}.
 *
 * @example
 * ```ts
 * import type { ConditionOptions } from "allresponses";
 * const options: ConditionOptions = { etag: (req) => `"${new URL(req.url).pathname.length}"` };
 * ```
 */
export interface ConditionOptions {
  /** The current entity-tag of the requested resource. */
  etag?: ValidatorFunction<string>;
  /** The time the requested resource last changed: a `Date` or milliseconds. */
  lastModified?: ValidatorFunction<Date | number>;
}

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** Sets each of `headers` that `response` lacks; a response with immutable headers is copied. */
function withMissingHeaders(response: Response, headers: Record<string, string>): Response {
  const missing = Object.keys(headers).filter((name) => !response.headers.has(name));
  if (missing.length === 0) return response;
  let target = response;
  try {
    for (const name of missing) target.headers.set(name, headers[name]!);
  } catch {
    // Immutable headers (a fetched response, Response.redirect()): only a copy can take them.
    target = new Response(response.body, response);
    for (const name of missing) target.headers.set(name, headers[name]!);
  }
  return target;
}

/**
 * Django's `condition` decorator: wraps `handler` so that the validators of the requested
 * resource are computed first and the request's preconditions evaluated against them (as
 * {@link evaluatePreconditions} does). For a 304 or a 412 the handler does not run at all, so
 * an unchanged page is never rendered; otherwise the 2xx response to a GET or HEAD gets the
 * ETag and Last-Modified it lacks.
 *
 * @param options `etag` and `lastModified`, each a function of the request (sync or async).
 * @param handler The handler that renders the response.
 * @throws {TypeError} (as a rejection) when a validator function returns a value that is not an
 *   entity-tag or a valid date.
 * @example
 * ```ts
 * import { condition, JsonResponseOK } from "allresponses";
 * const posts = new Map([["1", { title: "Hello", version: 3, updated: new Date("2026-01-01") }]]);
 * const post = (req: Request) => posts.get(new URL(req.url).searchParams.get("id") ?? "");
 * Deno.serve(condition(
 *   { etag: (req) => post(req) && `"v${post(req)!.version}"`, lastModified: (req) => post(req)?.updated },
 *   (req) => new JsonResponseOK(post(req)), // not run for a 304
 * ));
 * ```
 */
export function condition<I extends unknown[]>(
  options: ConditionOptions,
  handler: Handler<I>,
): (request: Request, ...info: I) => Promise<Response> {
  if (typeof handler !== "function") throw invalidType("condition", `handler ${describe(handler)} is not a function`);
  const { etag, lastModified } = options;
  return async (request, ...info) => {
    const validators = normalised("condition", {
      etag: await etag?.(request),
      lastModified: await lastModified?.(request),
    });
    const outcome = preconditionStatus(request, validators);
    if (outcome !== undefined) return outcomeResponse(outcome, validatorHeaders(validators));
    const response = await handler(request, ...info);
    const ok = response.status >= 200 && response.status < 300;
    return ok && SAFE_METHODS.has(request.method.toUpperCase())
      ? withMissingHeaders(response, validatorHeaders(validators))
      : response;
  };
}

// The most bytes conditionalGet reads into memory to hash: a longer body with a Content-Length
// (a proxied download, say) passes on as it is, like a stream.
const MAX_HASHED = 4 * 1024 * 1024;

/** MurmurHash3's finaliser: every input bit moves every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A 64-bit hash of `bytes`: two FNV-1a lanes over alternate 32-bit words, each finalised. Each
 * step of a lane is a bijection of its state, so a change confined to one word (or one byte of
 * the tail) always changes the hash; 1 µs for 4 KiB, where WebCrypto's SHA-1 adds 15–17 µs of
 * server CPU time per request (BENCHMARKS.md, "conditionalGet"). An entity-tag must change with
 * the content, not resist an attacker, who could only spoil their own cache.
 */
function hash64(bytes: Uint8Array): string {
  const n = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  let h1 = 0x811c9dc5 ^ n;
  let h2 = 0x9747b28c;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    h1 = Math.imul(h1 ^ view.getInt32(i, true), 0x01000193);
    h2 = Math.imul(h2 ^ view.getInt32(i + 4, true), 0x5bd1e995);
  }
  for (; i < n; i++) h1 = Math.imul(h1 ^ bytes[i]!, 0x01000193);
  return fmix32(h1).toString(36) + "-" + fmix32(h2).toString(36);
}

/** True when a body with these headers may be read to hash: a known length, not above {@link MAX_HASHED}. */
function hashable(headers: Headers): boolean {
  const length = headers.get("content-length");
  return length !== null && Number(length) <= MAX_HASHED;
}

/** The strong entity-tag of `bytes`: their length and their hash. */
function contentTag(bytes: Uint8Array): string {
  return `"${bytes.byteLength.toString(36)}-${hash64(bytes)}"`;
}

/**
 * A new response of `bytes` with the headers of `response` and `etag`. The headers are complete
 * before it is made: Deno.serve sends a response whose headers were never read or changed on a
 * faster path.
 */
function taggedResponse(response: Response, bytes: Uint8Array<ArrayBuffer>, etag: string): Response {
  const { status, statusText } = response;
  const headers = new Headers(response.headers);
  headers.set("etag", etag);
  // A reason phrase in the init costs a validation: passed only when it is not the registered one.
  const init = statusText === STATUS_TEXT[status as StatusCode] ? { status, headers } : { status, statusText, headers };
  return new Response(bytes, init);
}

// What a 304 carries from the 200 it stands for (RFC 9110 §15.4.5).
const NOT_MODIFIED_HEADERS = ["cache-control", "content-location", "date", "expires", "last-modified", "vary"];

/**
 * The 304 or 412 for a representation with `etag` and the other headers `headers`, or
 * `undefined` when the request's preconditions let it through.
 */
function preconditionResponse(request: Request, etag: string | null, headers: Headers): Response | undefined {
  const modified = headers.get("last-modified");
  if (etag === null && modified === null) return undefined;
  const validators = { etag: etag ?? undefined, lastModified: modified === null ? undefined : parseHttpDate(modified) };
  const outcome = preconditionStatus(request, validators);
  if (outcome === undefined) return undefined;
  const kept: Record<string, string> = {};
  if (outcome === 304) {
    if (etag !== null) kept.etag = etag;
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = headers.get(name);
      if (value !== null) kept[name] = value;
    }
  }
  return outcomeResponse(outcome, kept);
}

/**
 * What `conditionalGet` does to one response: for a GET or HEAD 200, a strong ETag from
 * its bytes when it has none and its length is known, then the request's preconditions.
 */
export async function conditionalResponse(request: Request, response: Response): Promise<Response> {
  if (response.status !== 200 || !SAFE_METHODS.has(request.method.toUpperCase())) return response;
  const headers = response.headers;
  const own = headers.get("etag");
  // On workerd a copy cannot tell an encoded body from a decoded one (see encodesNamedCoding):
  // a response with a Content-Encoding keeps its own body there, and gets no entity-tag of ours.
  if (own === null && hashable(headers) && !(encodesNamedCoding && headers.has("content-encoding"))) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    const etag = contentTag(bytes);
    return preconditionResponse(request, etag, headers) ?? taggedResponse(response, bytes, etag);
  }
  const answer = preconditionResponse(request, own, headers);
  // The body is not sent: release what it holds (an open file, a generator).
  if (answer !== undefined) response.body?.cancel().catch(() => {});
  return answer ?? response;
}
