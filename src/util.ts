/**
 * Small header helpers: HTTP dates, Retry-After, Content-Location.
 *
 * @module
 */

import { BadHeaderError, checkHeaderValue } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";

// `new Date(null)` and `new Date(true)` are valid dates, so the type is checked before parsing.
function toDate(name: string, date: unknown): Date {
  if (!(date instanceof Date) && typeof date !== "number" && typeof date !== "string") {
    throw invalidType(name, `${describe(date)} is not a Date, a number of milliseconds or a date string`);
  }
  const parsed = date instanceof Date ? date : new Date(date);
  if (!Number.isNaN(parsed.getTime())) return parsed;
  if (typeof date === "number") throw outOfRange(name, `${describe(date)} is not a time a Date can hold`);
  throw invalidType(name, date instanceof Date ? "the Date is invalid" : `${describe(date)} is not a valid date`);
}

/**
 * Formats a date as an IMF-fixdate (RFC 9110 §5.6.7), the only date format HTTP senders use.
 *
 * @param date A `Date`, a millisecond timestamp, or a string `Date` parses.
 * @throws {TypeError} for an invalid date, or a value of another type.
 * @throws {RangeError} for a number of milliseconds a `Date` cannot hold (NaN, or beyond ±8.64e15).
 * @example
 * ```ts
 * import { httpDate } from "allresponses";
 * httpDate(new Date(0)); // "Thu, 01 Jan 1970 00:00:00 GMT"
 * ```
 */
export function httpDate(date: Date | number | string): string {
  return toDate("httpDate", date).toUTCString();
}

/**
 * The value of a Retry-After header: whole seconds (a fraction rounds up), or an HTTP date.
 *
 * @throws {TypeError} for a value that is neither a number nor a `Date`, or an invalid date.
 * @throws {RangeError} for a negative or non-finite number of seconds.
 * @example
 * ```ts
 * import { retryAfterValue } from "allresponses";
 * retryAfterValue(120); // "120"
 * retryAfterValue(new Date(0)); // "Thu, 01 Jan 1970 00:00:00 GMT"
 * ```
 */
export function retryAfterValue(value: number | Date): string {
  return retryAfter("retryAfterValue", value);
}

/**
 * {@link retryAfterValue} with the errors of the function or class `name`, and of its option
 * `option` when one is given (`retryAfter("HttpResponseServiceUnavailable", -1, "retryAfter")`).
 */
export function retryAfter(name: string, value: unknown, option?: string): string {
  if (value instanceof Date) return toDate(name, value).toUTCString();
  const shown = option === undefined ? describe(value) : `${option} ${describe(value)}`;
  if (typeof value !== "number") throw invalidType(name, `${shown} is not a number of seconds or a Date`);
  if (!Number.isFinite(value) || value < 0) {
    throw outOfRange(name, `${shown} is not a non-negative finite number of seconds`);
  }
  return String(Math.ceil(value));
}

const URI_SAFE = /^[A-Za-z0-9\-._~!#$&'()*+,/:;=?@[\]]*$/;
const URI_UNSAFE = /[^A-Za-z0-9\-._~!#$&'()*+,/:;=?@[\]%]|%(?![0-9A-Fa-f]{2})/gu;

/**
 * Percent-encodes an IRI into a URI reference: non-ASCII characters, spaces and the other
 * characters a URI cannot hold become UTF-8 `%XX`; an existing `%XX` is kept as it is, so
 * nothing is encoded twice.
 *
 * @throws {URIError} when `iri` holds a lone surrogate.
 * @example
 * ```ts
 * iriToUri("/café?q=a b%20c"); // "/caf%C3%A9?q=a%20b%20c"
 * ```
 */
export function iriToUri(iri: string): string {
  return URI_SAFE.test(iri) ? iri : iri.replace(URI_UNSAFE, encodeURIComponent);
}

/**
 * Sets the Content-Location header (RFC 9110 §8.7) of `response` to `uri`, percent-encoding
 * what a URI cannot hold, and returns the response.
 *
 * @throws {BadHeaderError} when `uri` contains CR, LF or NUL.
 * @example
 * ```ts
 * import { JsonResponseCreated, setContentLocation } from "allresponses";
 * const res = setContentLocation(new JsonResponseCreated({ id: 7 }), "/items/7");
 * res.headers.get("content-location"); // "/items/7"
 * ```
 */
export function setContentLocation<R extends Response>(response: R, uri: string | URL): R {
  response.headers.set("content-location", contentLocationValue(uri, "setContentLocation"));
  return response;
}

/**
 * The Content-Location value for `uri`: encoded, and checked for CR, LF and NUL; `name` is the
 * public function or class whose errors these are.
 */
export function contentLocationValue(uri: string | URL, name?: string): string {
  const raw = String(uri);
  if (/[\0\r\n]/.test(raw)) checkHeaderValue("content-location", raw, name);
  try {
    return iriToUri(raw);
  } catch {
    throw new BadHeaderError(
      `${name ? `${name}: ` : ""}header "content-location": ${describe(raw)} holds a lone surrogate`,
    );
  }
}
