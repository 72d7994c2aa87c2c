/**
 * Cookies: `Set-Cookie` values built and validated per RFC 6265bis, signed cookies in Hono's
 * wire format, and the readers of the `Cookie` request header.
 *
 * Every field that reaches the header is either checked against an allow-list (name, path,
 * domain, SameSite, Priority), rebuilt from a parsed value (Max-Age, Expires), written as a fixed
 * word (Secure, HttpOnly, Partitioned), or percent-encoded (the value), so no option can add an
 * attribute or a header (the shape of CVE-2024-47764).
 *
 * @module
 */

import { isToken } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";

/** A `SameSite` value, in lower case (any case is accepted). */
export type SameSite = "lax" | "strict" | "none";
/** A `Priority` value, in lower case (any case is accepted). */
export type Priority = "low" | "medium" | "high";

/**
 * The attributes of a cookie set with `setCookie`, `setSignedCookie` (and, without `maxAge` and
 * `expires`, `deleteCookie`). Every value is validated; a value that could not be honoured or
 * that could add an attribute or a header throws a `TypeError` naming the field (a `RangeError`
 * for a `maxAge` or `expires` out of range).
 *
 * @example
 * ```ts
 * import { type CookieOptions, HttpResponse } from "allresponses";
 * const session: CookieOptions = { httpOnly: true, secure: true, sameSite: "strict", maxAge: 3600 };
 * new HttpResponse("ok").setCookie("session", "abc", session);
 * // set-cookie: session=abc; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Strict
 * ```
 */
export interface CookieOptions {
  /** Seconds until the cookie expires (`Max-Age`); a fraction is truncated, 0 or less expires it now. */
  maxAge?: number;
  /** When the cookie expires (`Expires`): a `Date`, milliseconds since the epoch, or a string `Date` parses. */
  expires?: Date | number | string;
  /** The path the cookie is sent for: printable ASCII, starting with `/`, no `;`. Default `/`. */
  path?: string;
  /** The host name the cookie is shared with (`Domain`): letters, digits, `-`, `_` and dots (IDNs in their `xn--` form). */
  domain?: string;
  /** Sent over HTTPS only (`Secure`). Required by `__Secure-`/`__Host-` names, `sameSite: "none"` and `partitioned`. */
  secure?: boolean;
  /** Hidden from `document.cookie` (`HttpOnly`). */
  httpOnly?: boolean;
  /** `SameSite`, in any letter case. Default `"lax"`; `"none"` needs `secure`. */
  sameSite?: SameSite | Capitalize<SameSite> | Uppercase<SameSite>;
  /** Kept in a per-top-level-site jar (CHIPS, `Partitioned`); needs `secure`. */
  partitioned?: boolean;
  /** `Priority` (a Chromium extension), in any letter case. */
  priority?: Priority | Capitalize<Priority> | Uppercase<Priority>;
}

/** The value `Expires` gets when a cookie is deleted. */
const EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";
/** User agents ignore a cookie whose name and value together are longer than this (RFC 6265bis §5.7). */
const MAX_NAME_VALUE = 4096;
/** User agents ignore an attribute value longer than this (RFC 6265bis §5.7). */
const MAX_ATTRIBUTE = 1024;
/** A path: `/`, then visible ASCII other than `;` (RFC 6265bis `path-value`, without spaces). */
const PATH = /^\/[\x21-\x3a\x3c-\x7e]*$/;
/** One label of a host name; `_` is tolerated because real host names carry it. */
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
/** The base64 of a 32-byte HMAC-SHA256, in its one canonical spelling. */
const SIGNATURE = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const HMAC = { name: "HMAC", hash: "SHA-256" } as const;
const encoder = new TextEncoder();

function fail(method: string, message: string): never {
  throw invalidType(method, message);
}

function checkOptions(method: string, options: unknown): void {
  if (options === null || typeof options !== "object") fail(method, `options ${describe(options)} is not an object`);
}

function checkName(method: string, name: string): void {
  if (typeof name !== "string" || !isToken(name)) {
    fail(method, `cookie name ${describe(name)} is not a token (letters, digits and !#$%&'*+-.^_\`|~)`);
  }
}

/**
 * Percent-encodes a cookie value exactly as `encodeURIComponent` does (as Hono and the `cookie`
 * package do), so the result is made of cookie-octets only and decodes back exactly.
 */
function encodeValue(method: string, value: string): string {
  if (typeof value !== "string") fail(method, `cookie value ${describe(value)} is not a string`);
  try {
    return encodeURIComponent(value);
  } catch {
    return fail(method, "cookie value holds a lone surrogate, which has no UTF-8 form and could not be read back");
  }
}

function oneOf<T extends string>(method: string, field: string, value: unknown, allowed: readonly T[]): T {
  const word = typeof value === "string" ? value.toLowerCase() : undefined;
  if (word === undefined || !(allowed as readonly string[]).includes(word)) {
    fail(method, `cookie ${field} ${describe(value)} is not one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
  }
  return word as T;
}

function capitalize(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

function checkPath(method: string, path: unknown): string {
  if (typeof path !== "string" || !PATH.test(path) || path.length > MAX_ATTRIBUTE) {
    fail(
      method,
      `cookie path ${describe(path)} must start with "/" and hold at most ${MAX_ATTRIBUTE} visible ASCII characters ` +
        `other than ";" (no spaces, no controls; percent-encode anything else)`,
    );
  }
  return path;
}

function checkDomain(method: string, domain: unknown): string {
  const host = typeof domain === "string" && domain.startsWith(".") ? domain.slice(1) : domain;
  if (
    typeof host !== "string" || host.length > 253 || !host.split(".").every((label) => LABEL.test(label))
  ) {
    fail(
      method,
      `cookie domain ${describe(domain)} is not a host name (labels of letters, digits, "-" and "_" joined by dots; ` +
        `international names in their xn-- form)`,
    );
  }
  return domain as string;
}

function maxAgeValue(method: string, maxAge: unknown): string {
  if (typeof maxAge !== "number") fail(method, `cookie maxAge ${describe(maxAge)} is not a number of seconds`);
  if (!Number.isFinite(maxAge)) {
    throw outOfRange(method, `cookie maxAge ${describe(maxAge)} is not a finite number of seconds`);
  }
  // BigInt spells every finite number in plain digits, where String() would switch to 1e+21.
  return BigInt(Math.trunc(maxAge)).toString();
}

function expiresValue(method: string, expires: unknown): string {
  const date = expires instanceof Date
    ? expires
    : typeof expires === "number" || typeof expires === "string"
    ? new Date(expires)
    : undefined;
  const time = date?.getTime() ?? NaN;
  if (Number.isNaN(time)) {
    if (typeof expires === "number") {
      throw outOfRange(method, `cookie expires ${describe(expires)} is not a time a Date can hold`);
    }
    fail(method, `cookie expires ${describe(expires)} is not a valid date`);
  }
  const year = date!.getUTCFullYear();
  if (year < 1601 || year > 9999) {
    throw outOfRange(
      method,
      `cookie expires ${describe(expires)} is outside the years 1601 to 9999 a cookie date can hold`,
    );
  }
  return date!.toUTCString();
}

/**
 * Builds a `Set-Cookie` value from a name, an already encoded value and the options, checking
 * every rule of RFC 6265bis that a user agent would otherwise enforce by dropping the cookie.
 * Attributes come in the order Hono writes them.
 */
function serialize(method: string, name: string, encoded: string, options: CookieOptions): string {
  if (name.length + encoded.length > MAX_NAME_VALUE) {
    fail(
      method,
      `cookie ${describe(name)} is ${name.length + encoded.length} bytes long once encoded; ` +
        `user agents ignore cookies whose name and value exceed ${MAX_NAME_VALUE}`,
    );
  }
  const path = checkPath(method, options.path ?? "/");
  const domain = options.domain === undefined ? undefined : checkDomain(method, options.domain);
  const sameSite = oneOf<SameSite>(method, "sameSite", options.sameSite ?? "lax", ["lax", "strict", "none"]);
  const priority = options.priority === undefined
    ? undefined
    : oneOf<Priority>(method, "priority", options.priority, ["low", "medium", "high"]);
  const secure = Boolean(options.secure);
  const lower = name.toLowerCase();
  if (lower.startsWith("__secure-") && !secure) {
    fail(method, `cookie ${describe(name)}: a __Secure- cookie needs secure: true`);
  }
  if (lower.startsWith("__host-")) {
    if (!secure) fail(method, `cookie ${describe(name)}: a __Host- cookie needs secure: true`);
    if (path !== "/") fail(method, `cookie ${describe(name)}: a __Host- cookie needs path "/", not ${describe(path)}`);
    if (domain !== undefined) fail(method, `cookie ${describe(name)}: a __Host- cookie cannot have a domain`);
  }
  if (sameSite === "none" && !secure) {
    fail(method, `cookie ${describe(name)}: sameSite "none" needs secure: true (user agents reject it otherwise)`);
  }
  if (options.partitioned && !secure) {
    fail(method, `cookie ${describe(name)}: partitioned needs secure: true (user agents reject it otherwise)`);
  }
  let cookie = `${name}=${encoded}`;
  if (options.maxAge !== undefined) cookie += `; Max-Age=${maxAgeValue(method, options.maxAge)}`;
  if (domain !== undefined) cookie += `; Domain=${domain}`;
  cookie += `; Path=${path}`;
  if (options.expires !== undefined) cookie += `; Expires=${expiresValue(method, options.expires)}`;
  if (options.httpOnly) cookie += "; HttpOnly";
  if (secure) cookie += "; Secure";
  cookie += `; SameSite=${capitalize(sameSite)}`;
  if (priority !== undefined) cookie += `; Priority=${capitalize(priority)}`;
  if (options.partitioned) cookie += "; Partitioned";
  return cookie;
}

/**
 * The `Set-Cookie` value behind `HttpResponse#setCookie`.
 *
 * @throws {TypeError} naming the field when the name, the value or an option is invalid.
 * @throws {RangeError} for a `maxAge` that is not finite, or an `expires` outside the years 1601 to 9999.
 * @example
 * ```ts
 * cookieHeader("theme", "dark mode", { maxAge: 60 });
 * // "theme=dark%20mode; Max-Age=60; Path=/; SameSite=Lax"
 * ```
 */
export function cookieHeader(name: string, value: string, options: CookieOptions = {}): string {
  checkName("setCookie", name);
  checkOptions("setCookie", options);
  return serialize("setCookie", name, encodeValue("setCookie", value), options);
}

/**
 * The `Set-Cookie` value behind `HttpResponse#deleteCookie`: an empty value that has already
 * expired (`Max-Age=0` and the epoch). A `__Secure-`/`__Host-` name or `sameSite: "none"` gets
 * `Secure` unless `secure: false` is given (which then throws), since the user agent would not
 * let the deletion replace the cookie otherwise.
 *
 * @throws {TypeError} naming the field when the name or an option is invalid.
 * @example
 * ```ts
 * deletionCookieHeader("theme");
 * // "theme=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax"
 * ```
 */
export function deletionCookieHeader(
  name: string,
  options: Omit<CookieOptions, "maxAge" | "expires"> = {},
): string {
  checkName("deleteCookie", name);
  checkOptions("deleteCookie", options);
  const needsSecure = /^__(secure|host)-/i.test(name) ||
    (typeof options.sameSite === "string" && options.sameSite.toLowerCase() === "none");
  const secure = options.secure ?? (needsSecure || undefined);
  return serialize("deleteCookie", name, "", { ...options, secure, maxAge: 0, expires: EPOCH });
}

/** The secrets as a list, each checked to be a non-empty string. */
function secretList(method: string, secret: string | readonly string[]): readonly string[] {
  const secrets: readonly unknown[] = typeof secret === "string" ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length === 0 || !secrets.every((s) => typeof s === "string" && s.length > 0)) {
    fail(method, "the secret must be a non-empty string, or a non-empty array of them (newest first)");
  }
  return secrets as readonly string[];
}

function importKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), HMAC, false, [usage]);
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The `Set-Cookie` value behind `HttpResponse#setSignedCookie`, in Hono's format: the value, a
 * `.`, the base64 HMAC-SHA256 of the value's UTF-8 bytes under `secret` (the first one when it
 * is a list), all percent-encoded.
 *
 * @throws {TypeError} (as a rejection) naming the field when an argument is invalid.
 * @throws {RangeError} (as a rejection) for a `maxAge` or `expires` out of range.
 * @example
 * ```ts
 * await signedCookieHeader("user", "ada", "s3cret");
 * // "user=ada.<44 base64 characters, percent-encoded>; Path=/; SameSite=Lax"
 * ```
 */
export async function signedCookieHeader(
  name: string,
  value: string,
  secret: string | readonly string[],
  options: CookieOptions = {},
): Promise<string> {
  const method = "setSignedCookie";
  checkName(method, name);
  checkOptions(method, options);
  if (typeof value !== "string") fail(method, `cookie value ${describe(value)} is not a string`);
  const key = await importKey(secretList(method, secret)[0]!, "sign");
  const signature = new Uint8Array(await crypto.subtle.sign(HMAC.name, key, encoder.encode(value)));
  return serialize(method, name, encodeValue(method, `${value}.${toBase64(signature)}`), options);
}

function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === " " || text[start] === "\t")) start++;
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return text.slice(start, end);
}

function decodeValue(raw: string): string {
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The cookies a request carries, from its `Cookie` header, as a record of name → value.
 *
 * - Values are percent-decoded (what `setCookie` encodes comes back exactly); a value with a
 *   malformed escape, or one that decodes to invalid UTF-8, is kept as it was sent. A value in
 *   double quotes loses the quotes.
 * - When a name occurs twice, the first occurrence wins (user agents send the more specific
 *   path first). Pairs without `=` are skipped; names are not decoded.
 * - The record has a `null` prototype: `toString`, `constructor` or `__proto__` are ordinary
 *   keys, present only when the request sent them. Index it, spread it, `Object.entries` or
 *   `JSON.stringify` it like any record.
 *
 * @param request Anything with the request's `headers`: a `Request`, Hono's `c.req.raw`.
 * @example
 * ```ts
 * import { getCookies, PlainTextResponse } from "allresponses";
 * Deno.serve((req) => {
 *   const { theme = "light" } = getCookies(req);
 *   return new PlainTextResponse(`theme: ${theme}`);
 * });
 * ```
 */
export function getCookies(request: Pick<Request, "headers">): Record<string, string> {
  return cookiesOf("getCookies", request);
}

function cookiesOf(method: string, request: Pick<Request, "headers">): Record<string, string> {
  if (typeof request?.headers?.get !== "function") {
    fail(method, `request ${describe(request)} has no headers to read the Cookie header from`);
  }
  const cookies: Record<string, string> = Object.create(null);
  const header = request.headers.get("cookie");
  if (header === null) return cookies;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1) continue;
    const name = trimOws(pair.slice(0, eq));
    if (name === "" || Object.hasOwn(cookies, name)) continue;
    cookies[name] = decodeValue(trimOws(pair.slice(eq + 1)));
  }
  return cookies;
}

/**
 * The value of the signed cookie `name` (set by `setSignedCookie` or by Hono's), after checking
 * its HMAC-SHA256 signature in constant time (`crypto.subtle.verify`).
 *
 * - `undefined` when the request has no cookie `name`.
 * - `false` when the signature is missing, malformed or made with another secret; never an
 *   exception for anything the client sent.
 * - Key rotation: pass several secrets, newest first. `setSignedCookie` signs with the first
 *   one; a cookie signed with any of them is accepted here.
 *
 * @param secret The secret, or the secrets currently accepted.
 * @throws {TypeError} (as a rejection) when no secret is given or a secret is not a non-empty string.
 * @example
 * ```ts
 * import { getSignedCookie, HttpResponseForbidden, PlainTextResponse } from "allresponses";
 * const secrets = [Deno.env.get("COOKIE_SECRET")!, Deno.env.get("OLD_COOKIE_SECRET")!];
 * Deno.serve(async (req) => {
 *   const user = await getSignedCookie(req, secrets, "user");
 *   if (!user) return new HttpResponseForbidden("who are you?");
 *   return new PlainTextResponse(`hello ${user}`);
 * });
 * ```
 */
export async function getSignedCookie(
  request: Pick<Request, "headers">,
  secret: string | readonly string[],
  name: string,
): Promise<string | false | undefined> {
  const secrets = secretList("getSignedCookie", secret);
  const signed = cookiesOf("getSignedCookie", request)[name];
  if (signed === undefined) return undefined;
  const dot = signed.lastIndexOf(".");
  const signature = signed.slice(dot + 1);
  if (dot === -1 || !SIGNATURE.test(signature)) return false;
  const value = signed.slice(0, dot);
  const mac = Uint8Array.from(atob(signature), (c) => c.charCodeAt(0));
  const data = encoder.encode(value);
  for (const s of secrets) {
    if (await crypto.subtle.verify(HMAC.name, await importKey(s, "verify"), mac, data)) return value;
  }
  return false;
}
