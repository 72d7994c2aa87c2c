/**
 * `HttpResponse`: the base of every response class, a web `Response` with Django's and
 * Starlette's constructor rules.
 *
 * @module
 */

import { cookieHeader, type CookieOptions, deletionCookieHeader, signedCookieHeader } from "./cookies.ts";
import { checkHeaderValue, type HeadersInit, toHeaders } from "./headers.ts";
import { badNumber, describe, invalidType, outOfRange } from "./invalid.ts";
import { isNullBodyStatus, reasonPhrase } from "./status.ts";
import { headSendsOnlyListedLength } from "./runtime/server.ts";

/** What an {@link HttpResponse} accepts as content. */
export type BodyContent =
  | string
  | Uint8Array
  | ArrayBuffer
  | Blob
  | ReadableStream
  | URLSearchParams
  | FormData
  | null
  | undefined;

/** Options of the {@link HttpResponse} constructor. */
export interface HttpResponseInit {
  /** The status code: an integer from 200 to 599 (101 where the runtime allows it). Default 200. */
  status?: number;
  /** The reason phrase. Default: the registered phrase of `status` (`STATUS_TEXT`). */
  statusText?: string;
  /** Extra headers; every name and value is validated (`BadHeaderError`). */
  headers?: HeadersInit;
  /** The Content-Type, used verbatim (Django's `content_type`). */
  contentType?: string;
  /** The media type (Starlette's `media_type`); `text/*` gets `; charset=…` appended. */
  mediaType?: string;
  /** The charset named for `text/*` media types. Default `utf-8`; strings are always encoded as UTF-8. */
  charset?: string;
}

/**
 * The key under which a response class keeps its {@link ResponseDefaults}, so that the status
 * classes and the Starlette-style classes need no copy of the constructor.
 */
export const DEFAULTS: unique symbol = Symbol("allresponses.defaults");

/** Defaults that a subclass of {@link HttpResponse} declares under {@link DEFAULTS}. */
export interface ResponseDefaults {
  /** The status when `init.status` is not given. */
  status?: number;
  /** The Content-Type when neither `init` nor the headers name one; `""` for none. */
  contentType?: string;
}

/**
 * The init a subclass hands {@link HttpResponse} when its own options ask for headers (a
 * redirect's Location, a 201's Location…): the caller's init and those headers, already checked,
 * which go into the web `Response` with everything else. The headers are a record made for this
 * one response, which `HttpResponse` completes with the Content-Type rather than copying it.
 */
export class OptionHeadersInit {
  /** The caller's init, and the headers from the subclass's options, which win over `init.headers`. */
  constructor(readonly init: HttpResponseInit, readonly optionHeaders: Record<string, string>) {}
}

/**
 * The init of every response of one class made with the same option headers and no init of the
 * caller's (a redirect to the same target, a 405 with the same Allow): made once, with the web
 * `Response`'s init ready for {@link HttpResponse} to pass on as it is — a `Response` copies its
 * init, so it can be shared. Made by {@link PreparedInit.of}.
 */
export class PreparedInit extends OptionHeadersInit {
  /** The web `Response`'s init: a plain object, which Bun's `Response` reads fastest. */
  readonly responseInit: ResponseInit | undefined;

  private constructor(cls: ResponseClass, optionHeaders: Record<string, string>) {
    super(NO_INIT, optionHeaders);
    const { status, statusText, contentType } = sharedInit(cls);
    this.responseInit = responseInit(status, statusText, contentType, { ...optionHeaders });
  }

  /**
   * The init of class `cls` with `optionHeaders`, for a class whose status may have content: what
   * its constructor passes to {@link HttpResponse} as its init.
   */
  static of(cls: ResponseClass, optionHeaders: Record<string, string>): HttpResponseInit {
    return new PreparedInit(cls, optionHeaders) as HttpResponseInit;
  }
}

/** The init of a constructor called without one: the default value of every `init` parameter. */
export const NO_INIT: HttpResponseInit = Object.freeze({});

/**
 * `init` with the option headers `extra`, when there are any: what a subclass passes to
 * {@link HttpResponse} as its init (which recognizes an {@link OptionHeadersInit}).
 */
export function withOptionHeaders(init: HttpResponseInit, extra: Record<string, string> | undefined): HttpResponseInit {
  return extra === undefined ? init : new OptionHeadersInit(init, extra) as HttpResponseInit;
}

type BodyInit = ConstructorParameters<typeof Response>[0];

/** A class that may declare {@link ResponseDefaults}: `new.target` in the constructor. */
export interface ResponseClass {
  readonly name: string;
  readonly [DEFAULTS]?: ResponseDefaults;
}

const HTML_CONTENT_TYPE = "text/html; charset=utf-8";
const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded;charset=UTF-8";
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;
const UTF8 = /^utf-?8$/i;

// ---- status: the code and the reason phrase -------------------------------------------------

// The `Response` this module extends, which a library may replace on globalThis later (as
// @hono/node-server does).
const WebResponse = Response;
let supports101: boolean | undefined;

/** Whether this runtime's `Response` takes status 101; asked on first use, not at import. */
function runtimeSupports101(): boolean {
  if (supports101 === undefined) {
    try {
      supports101 = new WebResponse(null, { status: 101 }).status === 101;
    } catch {
      supports101 = false;
    }
  }
  return supports101;
}

/** `status`, when it is a status a web `Response` can have. */
function checkedStatus(status: number, cls: ResponseClass): number {
  if (Number.isInteger(status) && status >= 200 && status <= 599) return status;
  if (status !== 101) {
    throw badNumber(cls.name, "status", status, "a valid response status (an integer from 200 to 599, or 101)");
  }
  if (!runtimeSupports101()) throw outOfRange(cls.name, "status 101 is not supported by this runtime's Response");
  return status;
}

let fillsReasonPhrase: boolean | undefined;

/**
 * The reason phrase to hand the runtime for `status` when the caller gave none: none where the
 * runtime leaves it empty (Deno, Bun, Node; the getter below fills it in), the registered phrase
 * where the runtime would put its own (workerd's "Payload Too Large" for 413). Asked on first use.
 */
function defaultStatusText(status: number): string | undefined {
  fillsReasonPhrase ??= new WebResponse(null, { status: 413 }).statusText !== "";
  return fillsReasonPhrase ? reasonPhrase(status) : undefined;
}

/** `statusText`, when it is a valid reason phrase. */
function checkedStatusText(statusText: string, cls: ResponseClass): string {
  if (typeof statusText !== "string" || !REASON_PHRASE.test(statusText)) {
    throw invalidType(cls.name, `statusText ${describe(statusText)} is not a valid reason phrase`);
  }
  return statusText;
}

// ---- body description: what the content is ----------------------------------------------------

/** A Content-Length: the byte count, or a string body whose UTF-8 length it is (counted when needed). */
type ByteCount = number | string;

/** What the constructor makes of content that is not on its fast path (see {@link HttpResponse}). */
interface BodyDescription {
  /** The body handed to the web `Response`. */
  readonly body: BodyInit | null;
  /** The Content-Type that `init` or the content names; `""` leaves it to the runtime (form data). */
  readonly contentType: string | undefined;
  /** The Content-Length, when the content has a known length. */
  readonly length: ByteCount | undefined;
}

const NULL_BODY: BodyDescription = { body: null, contentType: "", length: undefined };

const encoder = new TextEncoder();
let countUtf8: ((text: string) => number) | undefined;

/**
 * The UTF-8 length of a string, counted without encoding by `Buffer.byteLength` where the
 * runtime has it (Node, Bun, Deno), else by encoding. Looked up on first use: `Buffer` is a
 * global Deno loads only when it is first read, at a cost (BENCHMARKS.md, cold start).
 */
function utf8Counter(): (text: string) => number {
  const buffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: "utf8"): number } }).Buffer;
  return buffer !== undefined ? (text) => buffer.byteLength(text, "utf8") : (text) => encoder.encode(text).byteLength;
}

/** The length of `text` in UTF-8, as the runtimes encode it: a lone surrogate becomes U+FFFD, three bytes. */
function utf8Length(text: string): number {
  countUtf8 ??= utf8Counter();
  return countUtf8(text);
}

function contentLengthValue(count: ByteCount): string {
  return String(typeof count === "string" ? utf8Length(count) : count);
}

/** The Content-Type that `init` asks for, or `undefined` when it asks for none; `caller` names errors. */
export function initContentType(init: HttpResponseInit, caller: string): string | undefined {
  if (init.contentType !== undefined) return checkHeaderValue("content-type", init.contentType, caller);
  const mediaType = init.mediaType;
  if (mediaType === undefined) return undefined;
  checkHeaderValue("content-type", mediaType, caller);
  if (!mediaType.startsWith("text/") || /;\s*charset=/i.test(mediaType)) return mediaType;
  return `${mediaType}; charset=${checkHeaderValue("content-type", init.charset ?? "utf-8", caller)}`;
}

function isEmpty(content: BodyContent): boolean {
  if (content === null || content === undefined) return true;
  if (typeof content === "string") return content.length === 0;
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) return content.byteLength === 0;
  if (content instanceof Blob) return content.size === 0;
  return false;
}

/** Checks that a null-body status (101, 204, 205, 304) has no content, which empty content may stand for. */
function checkNoContent(content: BodyContent, status: number, cls: ResponseClass): void {
  if (!isEmpty(content)) {
    throw invalidType(cls.name, `a ${status} ${reasonPhrase(status)} response cannot have content`);
  }
}

/** Checks that `init` names no charset but UTF-8 for string content, which is always encoded as UTF-8. */
function checkStringCharset(content: BodyContent, init: HttpResponseInit, cls: ResponseClass): void {
  if (typeof content === "string" && init.charset !== undefined && !UTF8.test(init.charset)) {
    throw invalidType(
      cls.name,
      `string content is encoded as UTF-8, not ${describe(init.charset)}; pass bytes for other charsets`,
    );
  }
}

/**
 * The Content-Length of content whose length every runtime's server measures itself (a string,
 * bytes, nothing): the byte count or the string; `undefined` for any other content.
 */
function measuredLength(content: BodyContent): ByteCount | undefined {
  if (content === null || content === undefined) return 0;
  if (typeof content === "string") return content;
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) return content.byteLength;
  return undefined;
}

/** What `content` is as a body, with the Content-Type `init` names. */
function describeBody(content: BodyContent, init: HttpResponseInit, cls: ResponseClass): BodyDescription {
  const contentType = initContentType(init, cls.name);
  const length = measuredLength(content);
  if (length !== undefined) return { body: (content ?? null) as BodyInit | null, contentType, length };
  if (content instanceof Blob) {
    const blobType = contentType ?? (content.type === "" ? undefined : content.type);
    return { body: content, contentType: blobType, length: content.size };
  }
  if (content instanceof URLSearchParams) {
    const text = content.toString();
    return { body: text, contentType: contentType ?? FORM_CONTENT_TYPE, length: text.length };
  }
  // A stream has no known length; form data gets its length and multipart type from the runtime.
  const runtimeType = content instanceof FormData && contentType === undefined ? "" : contentType;
  return { body: content as BodyInit, contentType: runtimeType, length: undefined };
}

// ---- headers ------------------------------------------------------------------------------------

const PENDING_LENGTH: unique symbol = Symbol("allresponses.pendingContentLength");
const nativeHeaders = Object.getOwnPropertyDescriptor(WebResponse.prototype, "headers")!.get! as (
  this: Response,
) => Headers;

/** The option headers `extra` (made for this response alone, see {@link OptionHeadersInit}) with the Content-Type. */
function withContentType(contentType: string, extra: Record<string, string>): Record<string, string> {
  extra["content-type"] = contentType;
  return extra;
}

/** The init of the web `Response`: nothing that the runtime's defaults already say. */
function responseInit(
  status: number,
  statusText: string | undefined,
  contentType: string | undefined,
  extra: Record<string, string> | undefined,
): ResponseInit | undefined {
  if (contentType || extra !== undefined) {
    // A one-entry record is the shape Deno's constructor takes without a Headers object.
    const headers = contentType
      ? (extra === undefined ? { "content-type": contentType } : withContentType(contentType, extra))
      : extra;
    if (statusText !== undefined) return { status, statusText, headers };
    return status === 200 ? { headers } : { status, headers };
  }
  if (statusText !== undefined) return { status, statusText };
  return status === 200 ? undefined : { status };
}

const SHARED_INIT: unique symbol = Symbol("allresponses.sharedInit");
const PLAIN_DEFAULTS: ResponseDefaults = {};

/** What every response of a class made with no options and string content or none shares. */
interface SharedInit {
  /** The web `Response`'s init: status, Content-Type (none for a null-body status), reason phrase. */
  readonly init: ResponseInit | undefined;
  /** True for a null-body status, whose content must be empty. */
  readonly nullBody: boolean;
  /** The status, the reason phrase to hand the runtime and the Content-Type (`""`: none) of `init`. */
  readonly status: number;
  readonly statusText: string | undefined;
  readonly contentType: string;
}

/**
 * The init of every response of class `cls` with string content or none and no options: its
 * status and Content-Type (and, where the runtime fills in reason phrases, the registered one),
 * made on first use and kept with the class's defaults, since a `Response` copies its init.
 */
function sharedInit(cls: ResponseClass): SharedInit {
  const defaults: ResponseDefaults & { [SHARED_INIT]?: SharedInit } = cls[DEFAULTS] ?? PLAIN_DEFAULTS;
  const made = defaults[SHARED_INIT];
  if (made !== undefined) return made;
  const status = checkedStatus(defaults.status ?? 200, cls);
  const nullBody = isNullBodyStatus(status);
  const contentType = nullBody ? "" : defaults.contentType ?? HTML_CONTENT_TYPE;
  const statusText = defaultStatusText(status);
  const init = responseInit(status, statusText, contentType, undefined);
  const shared = { init, nullBody, status, statusText, contentType };
  defaults[SHARED_INIT] = shared;
  return shared;
}

const STATUS_INITS: unique symbol = Symbol("allresponses.statusInits");

/**
 * The init of a response of a class with `defaults`, of `status`, with string content or none and
 * nothing else asked for but the status: made once per status and kept with the defaults, as
 * {@link sharedInit} is (Bun's `Response` reads an init it has seen faster than a new one).
 */
function statusInit(defaults: ResponseDefaults & { [STATUS_INITS]?: (ResponseInit | undefined)[] }, status: number) {
  const inits = defaults[STATUS_INITS] ??= [];
  if (status in inits) return inits[status];
  const contentType = isNullBodyStatus(status) ? "" : defaults.contentType ?? HTML_CONTENT_TYPE;
  return inits[status] = responseInit(status, defaultStatusText(status), contentType, undefined);
}

const NOT_MEASURED: unique symbol = Symbol("allresponses.notMeasured");

/**
 * The web `Response`'s init for content whose length the servers measure themselves (a string,
 * bytes, nothing) and an `init` without headers, which then holds everything; `NOT_MEASURED` for
 * any other content or an init with headers. Checks the status and the content as it goes.
 */
function measuredInit(
  content: BodyContent,
  init: HttpResponseInit,
  extra: Record<string, string> | undefined,
  cls: ResponseClass,
): ResponseInit | undefined | typeof NOT_MEASURED {
  if (init.headers !== undefined) return NOT_MEASURED;
  const defaults = cls[DEFAULTS];
  const status = checkedStatus(init.status ?? defaults?.status ?? 200, cls);
  const nullBody = isNullBodyStatus(status);
  if (nullBody) checkNoContent(content, status, cls);
  else if (measuredLength(content) === undefined) return NOT_MEASURED;
  else checkStringCharset(content, init, cls);
  const contentType = nullBody ? "" : initContentType(init, cls.name);
  if (extra === undefined && init.statusText === undefined && (nullBody || contentType === undefined)) {
    return statusInit(defaults ?? PLAIN_DEFAULTS, status);
  }
  const statusText = init.statusText === undefined
    ? defaultStatusText(status)
    : checkedStatusText(init.statusText, cls);
  return responseInit(status, statusText, contentType ?? defaults?.contentType ?? HTML_CONTENT_TYPE, extra);
}

/** True when `init` asks for nothing: no status, reason phrase, headers or content type. */
function onlyOptions(init: HttpResponseInit): boolean {
  return init.status === undefined && init.statusText === undefined && init.headers === undefined &&
    init.contentType === undefined && init.mediaType === undefined && init.charset === undefined;
}

/** Copies the caller's headers into `headers`; true when they name a Content-Type. */
function copyHeaders(headers: Headers, given: HeadersInit, caller: string): boolean {
  let namesContentType = false;
  // `set`: the runtime may already hold a Content-Type for a string body. Iterating a Headers
  // object yields each Set-Cookie on its own, and other names already combined.
  for (const [name, value] of toHeaders(given, caller)) {
    if (name === "set-cookie") headers.append(name, value);
    else headers.set(name, value);
    if (name === "content-type") namesContentType = true;
  }
  return namesContentType;
}

/** Fills in the headers of a response built without its headers in the init. */
function fillHeaders(
  headers: Headers,
  init: HttpResponseInit,
  extra: Record<string, string> | undefined,
  description: BodyDescription,
  nullBody: boolean,
  defaultContentType: string,
  cls: ResponseClass,
): void {
  const namesContentType = init.headers !== undefined && copyHeaders(headers, init.headers, cls.name);
  if (extra !== undefined) { for (const name in extra) headers.set(name, extra[name]!); }
  if (nullBody) {
    if (init.headers !== undefined) {
      headers.delete("content-type");
      headers.delete("content-length");
    }
    return;
  }
  const contentType = description.contentType ?? (namesContentType ? undefined : defaultContentType);
  if (contentType) headers.set("content-type", contentType);
  if (description.length !== undefined) headers.set("content-length", contentLengthValue(description.length));
}

/**
 * The web `Response` with Django's and Starlette's constructor rules: a default
 * `text/html; charset=utf-8` Content-Type, a Content-Length for every body of known length,
 * the registered reason phrase, a clear error for an invalid status, and no body at all for
 * the null-body statuses (101, 204, 205, 304) on every runtime. Cookie methods chain.
 *
 * @example
 * ```ts
 * import { HttpResponse } from "allresponses";
 * Deno.serve(() => new HttpResponse("<h1>Hello</h1>"));
 * // 200 OK, content-type: text/html; charset=utf-8, content-length: 14
 * new HttpResponse("a,b", { status: 201, mediaType: "text/csv" });
 * // 201 Created, content-type: text/csv; charset=utf-8
 * ```
 */
export class HttpResponse extends Response {
  /**
   * Creates a response; the content type defaults to `text/html; charset=utf-8`.
   *
   * @param content The body: a string (encoded as UTF-8), bytes, a `Blob`, a stream, form data,
   *   or nothing.
   * @param init Status, reason phrase, headers and content type.
   * @throws {RangeError} when `status` is not a valid response status.
   * @throws {TypeError} when content is given for a null-body status (101, 204, 205, 304).
   * @throws {BadHeaderError} when a header name or value is unsafe.
   */
  constructor(content?: BodyContent, init: HttpResponseInit = NO_INIT) {
    const cls: ResponseClass = new.target;
    const simple = typeof content === "string" || content === undefined || content === null;
    if (init === NO_INIT && simple) {
      // Nothing but the content: the init every such response of the class shares.
      const shared = sharedInit(cls);
      if (shared.nullBody && content) checkNoContent(content, shared.status, cls);
      super(shared.nullBody ? null : content ?? null, shared.init);
      if (!shared.nullBody) keepLength(this, content ?? 0);
      return;
    }
    if (init instanceof PreparedInit && simple) {
      super(content ?? null, init.responseInit);
      keepLength(this, content ?? 0);
      return;
    }
    if (init instanceof OptionHeadersInit && simple && onlyOptions(init.init)) {
      // A status class's options and nothing else: the class's status and Content-Type with them,
      // in an init written out here rather than by responseInit, which costs Bun measurably on this
      // path (BENCHMARKS.md, construction, fourth pass).
      const shared = sharedInit(cls);
      if (shared.nullBody && content) checkNoContent(content, shared.status, cls);
      const headers = shared.contentType ? withContentType(shared.contentType, init.optionHeaders) : init.optionHeaders;
      const { status, statusText } = shared;
      super(
        shared.nullBody ? null : content ?? null,
        statusText === undefined ? { status, headers } : { status, statusText, headers },
      );
      if (!shared.nullBody && headers["content-length"] === undefined) keepLength(this, content ?? 0);
      return;
    }
    let extra: Record<string, string> | undefined;
    if (init instanceof OptionHeadersInit) {
      extra = init.optionHeaders;
      init = init.init;
    }
    const fast = measuredInit(content, init, extra, cls);
    if (fast !== NOT_MEASURED) {
      // The fast path of Deno.serve and Bun.serve (BENCHMARKS.md): a string, byte or empty body
      // (or none) with everything in the init, and the Content-Length, which they compute
      // themselves, added only when `headers` is first read.
      const nullBody = fast !== undefined && isNullBodyStatus(fast.status ?? 200);
      super(nullBody ? null : (content ?? null) as BodyInit | null, fast);
      // A Content-Length among the option headers (a HEAD response's) is the one the response keeps.
      if (!nullBody && extra?.["content-length"] === undefined) keepLength(this, measuredLength(content));
      return;
    }
    const defaults = cls[DEFAULTS];
    const status = checkedStatus(init.status ?? defaults?.status ?? 200, cls);
    const statusText = init.statusText === undefined
      ? defaultStatusText(status)
      : checkedStatusText(init.statusText, cls);
    const nullBody = isNullBodyStatus(status);
    if (nullBody) checkNoContent(content, status, cls);
    else checkStringCharset(content, init, cls);
    const defaultContentType = defaults?.contentType ?? HTML_CONTENT_TYPE;
    // A Blob or stream body whose headers all come from a subclass (a FileResponse's) goes into
    // the init too, with its Content-Length: Deno.serve keeps its fast path for it.
    if (init.headers === undefined && extra !== undefined && !nullBody) {
      const description = describeBody(content, init, cls);
      const headers = description.length === undefined
        ? extra
        : { "content-length": String(description.length), ...extra };
      super(description.body, responseInit(status, statusText, description.contentType ?? defaultContentType, headers));
      return;
    }
    const description = nullBody ? NULL_BODY : describeBody(content, init, cls);
    super(description.body, responseInit(status, statusText, undefined, undefined));
    fillHeaders(nativeHeaders.call(this), init, extra, description, nullBody, defaultContentType, cls);
  }

  /** The Content-Length still to be added to `headers` when they are first read (a string body: its text). */
  declare [PENDING_LENGTH]: number | string | undefined;

  /**
   * A copy of this response, of the same class (the web `clone()` returns a plain `Response`).
   *
   * @example
   * ```ts
   * import { HttpResponseOK } from "allresponses";
   * const copy = new HttpResponseOK("hi").clone();
   * copy instanceof HttpResponseOK; // true
   * ```
   */
  override clone(): this {
    const copy = Object.setPrototypeOf(super.clone(), Object.getPrototypeOf(this)) as this;
    copy[PENDING_LENGTH] = this[PENDING_LENGTH];
    return copy;
  }

  /**
   * Appends one `Set-Cookie` header. The value is percent-encoded where it leaves the
   * cookie-octets (as `encodeURIComponent` does), so `getCookies` reads back exactly what was
   * set; `SameSite` defaults to `Lax` and `Path` to `/`.
   *
   * @throws {TypeError} naming the field when the name is not a token, the value holds a lone
   *   surrogate, an option could add an attribute or a header, or the cookie could not be kept
   *   (`__Secure-`/`__Host-` rules, `SameSite=None` or `Partitioned` without `Secure`, an invalid
   *   date or `maxAge`, more than 4096 bytes).
   * @example
   * ```ts
   * import { HttpResponseOK } from "allresponses";
   * new HttpResponseOK("hi")
   *   .setCookie("theme", "dark", { maxAge: 86400 })
   *   .setCookie("__Host-sid", "abc", { secure: true, httpOnly: true });
   * // set-cookie: theme=dark; Max-Age=86400; Path=/; SameSite=Lax
   * // set-cookie: __Host-sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax
   * ```
   */
  setCookie(name: string, value = "", options?: CookieOptions): this {
    this.headers.append("set-cookie", cookieHeader(name, value, options));
    return this;
  }

  /**
   * Appends one `Set-Cookie` header that deletes the cookie: an empty value with `Max-Age=0` and
   * `Expires=Thu, 01 Jan 1970 00:00:00 GMT`. Give the `path` and `domain` it was set with.
   *
   * @throws {TypeError} naming the field, as {@link HttpResponse.setCookie} does.
   * @example
   * ```ts
   * import { RedirectResponse } from "allresponses";
   * new RedirectResponse("/login", { status: 303 }).deleteCookie("session");
   * // set-cookie: session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax
   * ```
   */
  deleteCookie(name: string, options?: Omit<CookieOptions, "maxAge" | "expires">): this {
    this.headers.append("set-cookie", deletionCookieHeader(name, options));
    return this;
  }

  /**
   * Appends one `Set-Cookie` header whose value is signed with HMAC-SHA256 under `secret` (the
   * first secret of a list, so the list `getSignedCookie` takes for key rotation works here too),
   * in Hono's format: `getSignedCookie` here and `getSignedCookie` from `hono/cookie` both
   * verify it.
   *
   * @throws {TypeError} (as a rejection) as {@link HttpResponse.setCookie} does, or for an empty secret.
   * @example
   * ```ts
   * import { HttpResponseOK } from "allresponses";
   * Bun.serve({
   *   fetch: async () => await new HttpResponseOK("welcome").setSignedCookie("user", "ada", Bun.env.SECRET!),
   * });
   * ```
   */
  async setSignedCookie(
    name: string,
    value: string,
    secret: string | readonly string[],
    options?: CookieOptions,
  ): Promise<this> {
    this.headers.append("set-cookie", await signedCookieHeader(name, value, secret, options));
    return this;
  }
}

/**
 * Keeps the Content-Length `length` of `response` for its `headers` getter, or, where the server
 * would not read them for a HEAD (workerd), adds it to the headers now.
 */
function keepLength(response: HttpResponse, length: ByteCount | undefined): void {
  response[PENDING_LENGTH] = length;
  if (headSendsOnlyListedLength) void response.headers;
}

// The headers of a string, byte or empty body gain their Content-Length the first time they
// are read. (An accessor defined here, because the DOM types declare `headers` a property.)
Object.defineProperty(HttpResponse.prototype, "headers", {
  configurable: true,
  get(this: HttpResponse): Headers {
    const headers = nativeHeaders.call(this);
    const length = this[PENDING_LENGTH];
    if (length !== undefined) {
      this[PENDING_LENGTH] = undefined;
      headers.set("content-length", contentLengthValue(length));
    }
    return headers;
  },
});

// The reason phrase is derived rather than passed to the constructor (which costs a validation
// on every response): `statusText` reads the one given in `init`, else the registered phrase.
const nativeStatusText = Object.getOwnPropertyDescriptor(WebResponse.prototype, "statusText")!.get!;
Object.defineProperty(HttpResponse.prototype, "statusText", {
  configurable: true,
  get(this: Response): string {
    return nativeStatusText.call(this) || reasonPhrase(this.status);
  },
});

/**
 * An HTML response (Starlette): `text/html; charset=utf-8`.
 *
 * @example
 * ```ts
 * import { HTMLResponse } from "allresponses";
 * Bun.serve({ fetch: () => new HTMLResponse("<p>Hello</p>") });
 * ```
 */
export class HTMLResponse extends HttpResponse {
  /** @internal */
  static readonly [DEFAULTS]: ResponseDefaults = { contentType: HTML_CONTENT_TYPE };
}

/**
 * A plain-text response (Starlette): `text/plain; charset=utf-8`.
 *
 * @example
 * ```ts
 * import { PlainTextResponse } from "allresponses";
 * Deno.serve(() => new PlainTextResponse("ok"));
 * ```
 */
export class PlainTextResponse extends HttpResponse {
  /** @internal */
  static readonly [DEFAULTS]: ResponseDefaults = { contentType: "text/plain; charset=utf-8" };
}
