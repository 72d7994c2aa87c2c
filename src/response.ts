/**
 * `HttpResponse`: the base of every response class, a web `Response` with Django's and
 * Starlette's constructor rules.
 *
 * @module
 */

import { cookieHeader, type CookieOptions, deletionCookieHeader, signedCookieHeader } from "./cookies.ts";
import { checkHeaderValue, type HeadersInit, toHeaders } from "./headers.ts";
import { NULL_BODY_STATUSES, STATUS_TEXT } from "./status.ts";

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
 * The key under which a response class keeps its defaults (status, Content-Type), so that the
 * status classes and the Starlette-style classes need no copy of the constructor.
 */
export const DEFAULTS: unique symbol = Symbol("allresponses.defaults");

/** Defaults that a subclass of {@link HttpResponse} declares under {@link DEFAULTS}. */
export interface ResponseDefaults {
  /** The status when `init.status` is not given. */
  status?: number;
  /** The Content-Type when neither `init` nor the headers name one; `""` for none. */
  type?: string;
}

const SUPPORTS_101 = (() => {
  try {
    return new Response(null, { status: 101 }).status === 101;
  } catch {
    return false;
  }
})();

type BodyInit = ConstructorParameters<typeof Response>[0];

const DEFAULT_TYPE = "text/html; charset=utf-8";
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

const PENDING_LENGTH: unique symbol = Symbol("allresponses.pendingContentLength");
const nativeHeaders = Object.getOwnPropertyDescriptor(Response.prototype, "headers")!.get! as (this: Response) => Headers;

/**
 * The key under which a subclass hands {@link HttpResponse} the headers its own options ask for
 * (a redirect's Location, a 201's Location…), already checked, so that they go into the web
 * `Response` with everything else.
 */
export const OPTION_HEADERS: unique symbol = Symbol("allresponses.optionHeaders");

/** The init a subclass passes to {@link HttpResponse}: the caller's, plus its option headers. */
export interface SubclassInit extends HttpResponseInit {
  /** Headers from the subclass's own options; they win over `headers`. */
  [OPTION_HEADERS]?: Record<string, string>;
}

/**
 * `init` with the option headers `extra`, when there are any: a new object holding the fields
 * {@link HttpResponse} reads, written out, which costs Bun a third of a spread (`{ ...init }`).
 */
export function withOptionHeaders(init: HttpResponseInit, extra: Record<string, string> | undefined): SubclassInit {
  if (extra === undefined) return init;
  return {
    status: init.status,
    statusText: init.statusText,
    headers: init.headers,
    contentType: init.contentType,
    mediaType: init.mediaType,
    charset: init.charset,
    [OPTION_HEADERS]: extra,
  };
}

/** The init of the web `Response`: nothing that the runtime's defaults already say. */
function responseInit(
  status: number,
  statusText: string | undefined,
  type: string | undefined,
  extra: Record<string, string> | undefined,
): ResponseInit | undefined {
  if (type || extra !== undefined) {
    // A one-entry record is the shape Deno's constructor takes without a Headers object.
    const headers = type ? (extra === undefined ? { "content-type": type } : { "content-type": type, ...extra }) : extra;
    if (statusText !== undefined) return { status, statusText, headers };
    return status === 200 ? { headers } : { status, headers };
  }
  if (statusText !== undefined) return { status, statusText };
  return status === 200 ? undefined : { status };
}

// `Buffer.byteLength`, which Node, Bun and Deno all have, counts without encoding: a third of
// the time of a JavaScript loop on Bun, two thirds on Deno (70 characters).
const NativeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: "utf8"): number } }).Buffer;
const encoder = new TextEncoder();

/** The length of `text` in UTF-8, as the runtimes encode it: a lone surrogate becomes U+FFFD, three bytes. */
function utf8Length(text: string): number {
  return NativeBuffer !== undefined ? NativeBuffer.byteLength(text, "utf8") : encoder.encode(text).byteLength;
}

/** The Content-Length of a body: its byte count, or the UTF-8 length of a string. */
function contentLength(length: number | string): number {
  return typeof length === "string" ? utf8Length(length) : length;
}

function reasonPhrase(status: number): string {
  return STATUS_TEXT[status as keyof typeof STATUS_TEXT] ?? "";
}

/** The Content-Type that `init` asks for, or `undefined` when it asks for none. */
export function initContentType(init: HttpResponseInit): string | undefined {
  if (init.contentType !== undefined) return checkHeaderValue("content-type", init.contentType);
  const mediaType = init.mediaType;
  if (mediaType === undefined) return undefined;
  checkHeaderValue("content-type", mediaType);
  if (!mediaType.startsWith("text/") || /;\s*charset=/i.test(mediaType)) return mediaType;
  return `${mediaType}; charset=${checkHeaderValue("content-type", init.charset ?? "utf-8")}`;
}

function checkStatus(status: number): void {
  if (status === 101 && !SUPPORTS_101) {
    throw new RangeError("HttpResponse: status 101 is not supported by this runtime's Response");
  }
  if (!Number.isInteger(status) || ((status < 200 || status > 599) && status !== 101)) {
    throw new RangeError(
      `HttpResponse: status ${status} is not a valid response status (an integer from 200 to 599, or 101)`,
    );
  }
}

function isEmpty(content: BodyContent): boolean {
  if (content === null || content === undefined) return true;
  if (typeof content === "string") return content.length === 0;
  if (content instanceof Uint8Array || content instanceof ArrayBuffer) return content.byteLength === 0;
  if (content instanceof Blob) return content.size === 0;
  return false;
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
  constructor(content?: BodyContent, init: HttpResponseInit = {}) {
    const defaults = (new.target as { [DEFAULTS]?: ResponseDefaults })[DEFAULTS];
    const status = init.status ?? defaults?.status ?? 200;
    checkStatus(status);
    const statusText = init.statusText;
    if (statusText !== undefined && !REASON_PHRASE.test(statusText)) {
      throw new TypeError(`HttpResponse: statusText ${JSON.stringify(statusText)} is not a valid reason phrase`);
    }
    const nullBody = NULL_BODY_STATUSES.has(status);
    let body: BodyInit | null = null;
    let type: string | undefined;
    // The Content-Length: a number, or for a string the string, measured only when needed.
    let length: number | string = -1;
    // True for a body that every runtime's server measures itself (string, bytes, none).
    let measured = false;
    if (nullBody) {
      if (!isEmpty(content)) {
        throw new TypeError(`HttpResponse: a ${status} ${reasonPhrase(status)} response cannot have content`);
      }
    } else {
      type = initContentType(init);
      if (content === null || content === undefined) {
        length = 0;
        measured = true;
      } else if (typeof content === "string") {
        if (init.charset !== undefined && !/^utf-?8$/i.test(init.charset)) {
          throw new TypeError(
            `HttpResponse: string content is encoded as UTF-8, not ${init.charset}; pass bytes for other charsets`,
          );
        }
        body = content;
        length = content;
        measured = true;
      } else if (content instanceof Uint8Array || content instanceof ArrayBuffer) {
        body = content as BodyInit;
        length = content.byteLength;
        measured = true;
      } else if (content instanceof Blob) {
        body = content;
        length = content.size;
        if (type === undefined && content.type !== "") type = content.type;
      } else if (content instanceof URLSearchParams) {
        body = content.toString();
        length = body.length;
        measured = true;
        type ??= "application/x-www-form-urlencoded;charset=UTF-8";
      } else {
        // A stream has no known length; form data gets its length and multipart type from the runtime.
        body = content;
        if (content instanceof FormData && type === undefined) type = "";
      }
    }
    // Deno.serve sends a response whose only header is its Content-Type on its fastest path, and
    // leaves that path for good once `response.headers` is touched (a quarter of the
    // throughput); Bun builds a `Headers` object for a response at a cost per header, whether
    // from the init or set afterwards. So a string, byte or empty body gets its Content-Type
    // (and the headers of a subclass's options) in the init, and its Content-Length, which both
    // servers compute and send themselves, joins `headers` when they are first read: see the
    // `headers` getter below.
    const lazyLength = measured && init.headers === undefined;
    const extra = (init as SubclassInit)[OPTION_HEADERS];
    // A Blob or stream body whose headers all come from a subclass (a FileResponse's) goes into the
    // init too, its Content-Length with them: Deno.serve keeps its fast path for it.
    const allInInit = !measured && !nullBody && init.headers === undefined && extra !== undefined;
    const inInit = lazyLength || allInInit;
    if (inInit && type === undefined) type = defaults?.type ?? DEFAULT_TYPE;
    const initHeaders = allInInit && length !== -1 ? { "content-length": String(length), ...extra } : extra;
    super(body, inInit ? responseInit(status, statusText, type, initHeaders) : responseInit(status, statusText, undefined, undefined));
    // A Content-Length among the option headers (a HEAD response's) is the one the response keeps.
    this[PENDING_LENGTH] = lazyLength && extra?.["content-length"] === undefined ? length : -1;
    if (inInit) return;
    const headers = this.headers;
    let typeInHeaders = false;
    if (init.headers !== undefined) {
      // `set`: the runtime may already hold a Content-Type for a string body. Iterating a
      // Headers object yields each Set-Cookie on its own, and other names already combined.
      for (const [name, value] of toHeaders(init.headers)) {
        if (name === "set-cookie") headers.append(name, value);
        else headers.set(name, value);
        if (name === "content-type") typeInHeaders = true;
      }
    }
    if (extra !== undefined) for (const name in extra) headers.set(name, extra[name]!);
    if (nullBody) {
      if (init.headers !== undefined) {
        headers.delete("content-type");
        headers.delete("content-length");
      }
      return;
    }
    if (type === undefined && !typeInHeaders) type = defaults?.type ?? DEFAULT_TYPE;
    if (type) headers.set("content-type", type);
    if (length !== -1) headers.set("content-length", String(contentLength(length)));
  }

  /** The Content-Length not yet added to `headers` (see below; a string body for its length), or -1. */
  declare [PENDING_LENGTH]: number | string;

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

// The headers of a string, byte or empty body gain their Content-Length the first time they
// are read. (An accessor defined here, because the DOM types declare `headers` a property.)
Object.defineProperty(HttpResponse.prototype, "headers", {
  configurable: true,
  get(this: HttpResponse): Headers {
    const headers = nativeHeaders.call(this);
    const length = this[PENDING_LENGTH];
    if (length !== -1) {
      this[PENDING_LENGTH] = -1;
      headers.set("content-length", String(contentLength(length)));
    }
    return headers;
  },
});

// The reason phrase is derived rather than passed to the constructor (which costs a validation
// on every response): `statusText` reads the one given in `init`, else the registered phrase.
const nativeStatusText = Object.getOwnPropertyDescriptor(Response.prototype, "statusText")!.get!;
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
  static readonly [DEFAULTS]: ResponseDefaults = { type: DEFAULT_TYPE };
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
  static readonly [DEFAULTS]: ResponseDefaults = { type: "text/plain; charset=utf-8" };
}
