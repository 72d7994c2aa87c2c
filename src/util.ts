/**
 * Small header helpers: HTTP dates, Retry-After, Content-Location.
 *
 * @module
 */

import { BadHeaderError, checkHeaderValue } from "./headers.ts";

function toDate(date: Date | number | string, what: string): Date {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime())) throw new TypeError(`${what}: ${String(date)} is not a valid date`);
  return d;
}

/**
 * Formats a date as an IMF-fixdate (RFC 9110 §5.6.7), the only date format HTTP senders use.
 *
 * @param date A `Date`, a millisecond timestamp, or a string `Date` parses.
 * @throws {TypeError} for an invalid date.
 * @example
 * ```ts
 * import { httpDate } from "allresponses";
 * httpDate(new Date(0)); // "Thu, 01 Jan 1970 00:00:00 GMT"
 * ```
 */
export function httpDate(date: Date | number | string): string {
  return toDate(date, "httpDate").toUTCString();
}

/**
 * The value of a Retry-After header: whole seconds (a fraction rounds up), or an HTTP date.
 *
 * @throws {TypeError} for a negative or non-finite number of seconds, or an invalid date.
 * @example
 * ```ts
 * import { retryAfterValue } from "allresponses";
 * retryAfterValue(120); // "120"
 * retryAfterValue(new Date(0)); // "Thu, 01 Jan 1970 00:00:00 GMT"
 * ```
 */
export function retryAfterValue(value: number | Date): string {
  if (value instanceof Date) return httpDate(value);
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`retryAfter: ${String(value)} is not a non-negative number of seconds or a Date`);
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
  response.headers.set("content-location", contentLocationValue(uri));
  return response;
}

/** The Content-Location value for `uri`: encoded, and checked for CR, LF and NUL. */
export function contentLocationValue(uri: string | URL): string {
  const raw = String(uri);
  if (/[\0\r\n]/.test(raw)) checkHeaderValue("content-location", raw);
  try {
    return iriToUri(raw);
  } catch {
    throw new BadHeaderError(`header "content-location": ${JSON.stringify(raw)} holds a lone surrogate`);
  }
}
