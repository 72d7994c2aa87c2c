/**
 * What every `HttpResponse<Name>` and `JsonResponse<Name>` class shares: the checks and headers
 * of the status-specific options that their generated constructors (`classes.ts`, written by
 * `scripts/gen-classes.mjs`) call, and the types that give each class its own constructor
 * signature.
 *
 * @module
 */

import { checkHeaderValue, isToken } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";
import { encodeJson, JSON_DEFAULTS, type JsonInit } from "./json.ts";
import { type RedirectResponse, redirectTarget } from "./redirect.ts";
import {
  type BodyContent,
  DEFAULTS,
  type HttpResponse,
  type HttpResponseInit,
  NO_INIT,
  PreparedInit,
  type ResponseClass,
  type ResponseDefaults,
  withOptionHeaders,
} from "./response.ts";
import { STATUS_TEXT, type StatusCode } from "./status.ts";
import { contentLocationValue, retryAfter } from "./util.ts";

/** Every status-specific option; {@link StatusInit} picks the ones a status takes. */
export interface StatusOptions {
  /** Location (201, 300, 305, and the JSON 3xx classes); redirect rules apply. */
  location?: string | URL;
  /** Schemes allowed in `location` besides `http`, `https` and `ftp`. */
  allowedSchemes?: readonly string[];
  /** Content-Location (201). */
  contentLocation?: string | URL;
  /** Content-Range (206): `[start, end, total]` → `bytes start-end/total`, or a verbatim value. */
  contentRange?: readonly [number, number, number] | string;
  /** WWW-Authenticate (401), e.g. `Bearer realm="api"`. */
  wwwAuthenticate?: string;
  /** Proxy-Authenticate (407). */
  proxyAuthenticate?: string;
  /** Retry-After (408, 413, 429, 503, every 3xx): seconds, or a date. */
  retryAfter?: number | Date;
  /** The representation's length (416) → `Content-Range: bytes *\/N`. */
  totalLength?: number;
  /** Upgrade (101, 426), with `Connection: upgrade`. */
  upgrade?: string | readonly string[];
}

/** The redirect statuses whose classes take a target URL. */
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/** The names of the {@link StatusOptions} that status `S` takes. */
export type StatusOptionKeys<S extends number> = S extends 201 ? "location" | "allowedSchemes" | "contentLocation"
  : S extends 206 ? "contentRange"
  : S extends 300 | 305 ? "location" | "allowedSchemes" | "retryAfter"
  : S extends RedirectStatus | 304 ? "retryAfter"
  : S extends 401 ? "wwwAuthenticate"
  : S extends 407 ? "proxyAuthenticate"
  : S extends 408 | 413 | 429 | 503 ? "retryAfter"
  : S extends 416 ? "totalLength"
  : S extends 101 | 426 ? "upgrade"
  : never;

/** The options of `HttpResponse<Name>` for status `S`: the base options and those of `S`. */
export type StatusInit<S extends number> = Omit<HttpResponseInit, "status"> & Pick<StatusOptions, StatusOptionKeys<S>>;

/** The options of `JsonResponse<Name>` for status `S` (the 3xx ones take `location`). */
export type JsonStatusInit<S extends number> =
  & Omit<JsonInit, "status">
  & Pick<StatusOptions, StatusOptionKeys<S> | (S extends RedirectStatus ? "location" | "allowedSchemes" : never)>;

/** The options of the redirect classes (301, 302, 303, 307, 308). */
export type RedirectStatusInit<S extends number> = StatusInit<S> & Pick<StatusOptions, "allowedSchemes">;

/** An `HttpResponse<Name>` instance: an {@link HttpResponse} whose `status` is `S`. */
export type StatusResponse<S extends number> = HttpResponse & { readonly status: S };

/**
 * A `JsonResponse<Name>` instance. The `_data`/`_status`/`_format` members exist in the type
 * only: they are what Hono's `hc` client reads to infer the response body.
 */
export type JsonStatusResponse<T, S extends number> = StatusResponse<S> & {
  readonly _data: T;
  readonly _status: S;
  readonly _format: "json";
};

/** The class type of `HttpResponse<Name>`: `new (content?, init?)`. */
export interface HttpStatusClass<S extends number> {
  /** Creates the response; see {@link HttpResponse} for `content`. */
  new (content?: BodyContent, init?: StatusInit<S>): StatusResponse<S>;
  /** The prototype: instances are {@link HttpResponse}s. */
  readonly prototype: HttpResponse;
}

/** The class type of the null-body classes (204, 205, 304): no content. */
export interface NullBodyStatusClass<S extends number> {
  /** Creates the response, which has no body. */
  new (content?: null, init?: StatusInit<S>): StatusResponse<S>;
  /** The prototype: instances are {@link HttpResponse}s. */
  readonly prototype: HttpResponse;
}

/** The class type of the redirect classes: `new (url, init?)`. */
export interface RedirectStatusClass<S extends number> {
  /** Creates a redirect to `url`; redirect rules apply. */
  new (url: string | URL, init?: RedirectStatusInit<S>): StatusResponse<S>;
  /** The prototype: instances are {@link RedirectResponse}s. */
  readonly prototype: RedirectResponse;
}

/** The class type of `HttpResponseNotAllowed`: `new (permittedMethods, content?, init?)`. */
export interface NotAllowedClass {
  /** Creates the response with `Allow: <permittedMethods>`. */
  new (permittedMethods: readonly string[], content?: BodyContent, init?: StatusInit<405>): StatusResponse<405>;
  /** The prototype: instances are {@link HttpResponse}s. */
  readonly prototype: HttpResponse;
}

/** The class type of the interim (1xx) classes a web `Response` cannot be: constructing throws. */
export interface InterimStatusClass {
  /** Always throws a `TypeError`: a 1xx interim response cannot be a web `Response`. */
  new (...args: unknown[]): never;
}

/** The class type of `JsonResponse<Name>`: `new <T>(data: T, init?)`. */
export interface JsonStatusClass<S extends number> {
  /** Creates an `application/json` response from `data`. */
  new <T = unknown>(data: T, init?: JsonStatusInit<S>): JsonStatusResponse<T, S>;
  /** The prototype: instances are {@link HttpResponse}s. */
  readonly prototype: HttpResponse;
}

/** The class type of `JsonResponseNotAllowed`: `new <T>(permittedMethods, data?, init?)`. */
export interface JsonNotAllowedClass {
  /** Creates an `application/json` response from `data` with `Allow: <permittedMethods>`. */
  new <T = unknown>(
    permittedMethods: readonly string[],
    data?: T,
    init?: JsonStatusInit<405>,
  ): JsonStatusResponse<T, 405>;
  /** The prototype: instances are {@link HttpResponse}s. */
  readonly prototype: HttpResponse;
}

type PublicName = { readonly name: string };

function contentRangeValue(range: readonly [number, number, number] | string, cls: PublicName): string {
  if (typeof range === "string") return checkHeaderValue("content-range", range, cls.name);
  const [start, end, total] = range;
  if (![start, end, total].every(Number.isSafeInteger) || start < 0 || start > end || end >= total) {
    throw outOfRange(
      cls.name,
      `contentRange [${
        range.map(describe).join(", ")
      }] is not a range [start, end, total] with 0 ≤ start ≤ end < total`,
    );
  }
  return `bytes ${start}-${end}/${total}`;
}

function totalLengthValue(totalLength: number, cls: PublicName): string {
  if (!Number.isSafeInteger(totalLength) || totalLength < 0) {
    throw outOfRange(cls.name, `totalLength ${describe(totalLength)} is not a non-negative integer`);
  }
  return `bytes */${totalLength}`;
}

function upgradeValue(upgrade: string | readonly string[], cls: PublicName): string {
  return checkHeaderValue("upgrade", typeof upgrade === "string" ? upgrade : upgrade.join(", "), cls.name);
}

/** The headers that the status-specific options in `init` ask for, checked; `undefined` when it has none. */
function optionHeaders(init: StatusOptions, cls: PublicName): Record<string, string> | undefined {
  let headers: Record<string, string> | undefined;
  if (init.location !== undefined) {
    headers = { location: redirectTarget(init.location, init.allowedSchemes, cls) };
  }
  if (init.contentLocation !== undefined) {
    (headers ??= {})["content-location"] = contentLocationValue(init.contentLocation, cls.name);
  }
  if (init.contentRange !== undefined) (headers ??= {})["content-range"] = contentRangeValue(init.contentRange, cls);
  if (init.wwwAuthenticate !== undefined) {
    (headers ??= {})["www-authenticate"] = checkHeaderValue("www-authenticate", init.wwwAuthenticate, cls.name);
  }
  if (init.proxyAuthenticate !== undefined) {
    (headers ??= {})["proxy-authenticate"] = checkHeaderValue("proxy-authenticate", init.proxyAuthenticate, cls.name);
  }
  if (init.retryAfter !== undefined) {
    (headers ??= {})["retry-after"] = retryAfter(cls.name, init.retryAfter, "retryAfter");
  }
  if (init.totalLength !== undefined) (headers ??= {})["content-range"] = totalLengthValue(init.totalLength, cls);
  if (init.upgrade !== undefined) {
    headers ??= {};
    headers.upgrade = upgradeValue(init.upgrade, cls);
    headers.connection = "upgrade";
  }
  return headers;
}

/** The Allow value of `methods` (joined by a loop, which costs Bun less than `join`), or `undefined` when one is no method name. */
function joinedMethods(methods: readonly string[]): string | undefined {
  if (!Array.isArray(methods)) return undefined;
  let value = "";
  for (let i = 0; i < methods.length; i++) {
    const method: unknown = methods[i];
    if (typeof method !== "string" || !isToken(method)) return undefined;
    value = i === 0 ? method : `${value}, ${method}`;
  }
  return value;
}

// A handler passes the same methods on every call. The Allow value of the last list is kept and
// handed out again, with the init of the last 405 class made without options, because a string
// built anew costs Bun's `Headers` more than comparing the list does (BENCHMARKS.md, construction).
// The list is a copy: the caller may change theirs.
let lastMethods: readonly string[] = [];
let lastAllow = "";
let lastAllowClass: ResponseClass | undefined;
let lastAllowInit: HttpResponseInit = NO_INIT;

function isLastMethods(methods: readonly string[]): boolean {
  if (!Array.isArray(methods) || methods.length !== lastMethods.length || methods.length === 0) return false;
  for (let i = 0; i < methods.length; i++) if (methods[i] !== lastMethods[i]) return false;
  return true;
}

function allowValue(methods: readonly string[], cls: PublicName): string {
  if (isLastMethods(methods)) return lastAllow;
  const value = joinedMethods(methods);
  if (value === undefined) {
    throw invalidType(cls.name, `permittedMethods must be an array of method names, not ${describe(methods)}`);
  }
  lastMethods = [...methods];
  lastAllow = value;
  lastAllowClass = undefined;
  return value;
}

/**
 * Checks that `init` leaves a class with a fixed status its own `status`.
 *
 * @throws {TypeError} when `init.status` names another status.
 */
export function checkFixedStatus(status: number, init: object, cls: PublicName): void {
  // The init types of these classes have no `status`; a caller may pass one all the same.
  const given = (init as { status?: unknown }).status;
  if (given !== undefined && given !== status) {
    throw invalidType(cls.name, `the status is fixed at ${status}; use HttpResponse for status ${describe(given)}`);
  }
}

/**
 * The init that an `HttpResponse<Name>` or `JsonResponse<Name>` class of `status` hands to
 * {@link HttpResponse}: the caller's, with the headers of its status-specific options.
 */
export function statusInit(
  status: number,
  init: (HttpResponseInit & StatusOptions) | undefined,
  cls: PublicName,
): HttpResponseInit {
  if (init === undefined) return NO_INIT;
  checkFixedStatus(status, init, cls);
  return withOptionHeaders(init, optionHeaders(init, cls));
}

/** The init of a 405 class: the caller's, with `Allow: <permittedMethods>`. */
export function notAllowedInit(
  methods: readonly string[],
  init: HttpResponseInit | undefined,
  cls: ResponseClass,
): HttpResponseInit {
  const allow = allowValue(methods, cls);
  if (init !== undefined) {
    checkFixedStatus(405, init, cls);
    return withOptionHeaders(init, { allow });
  }
  if (lastAllowClass !== cls) {
    lastAllowInit = PreparedInit.of(cls, { allow });
    lastAllowClass = cls;
  }
  return lastAllowInit;
}

/** The body of a `JsonResponse<Name>`: `data` as JSON text. */
export function jsonBody(data: unknown, init: JsonInit | undefined, cls: PublicName): string {
  return encodeJson(data, init ?? NO_INIT, cls);
}

/** The error that constructing an interim (1xx) status class throws. */
export function interimStatusError(status: StatusCode, cls: PublicName): TypeError {
  return invalidType(
    cls.name,
    `${status} ${
      STATUS_TEXT[status]
    } is an interim (1xx) response, which a web Response cannot be; the server sends interim responses itself`,
  );
}

/**
 * `cls`, named `name` and with its {@link ResponseDefaults} defined under {@link DEFAULTS} (which
 * is what static fields do, without the field initializers that cost Bun time at import). The
 * name is set only where a bundler renamed the class expression, since error messages name it.
 */
export function withDefaults<C extends object>(name: string, defaults: ResponseDefaults, cls: C): C {
  if ((cls as { name?: string }).name !== name) Object.defineProperty(cls, "name", { value: name, configurable: true });
  return Object.defineProperty(cls, DEFAULTS, { value: defaults });
}

/** The defaults of every `JsonResponse<Name>` class of `status`. */
export function jsonDefaults(status: StatusCode): ResponseDefaults {
  return { ...JSON_DEFAULTS, status };
}
