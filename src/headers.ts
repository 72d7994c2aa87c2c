/**
 * Header validation shared by every response class: the web `Headers` silently trims a
 * trailing CR/LF in some engines and throws a vague error on others, so every value this
 * library sets is checked here first.
 *
 * @module
 */

import { describe } from "./invalid.ts";

/**
 * Thrown when a header name or value would be unsafe or invalid on the wire: a CR, LF or NUL
 * (header injection), another control character, a character above U+00FF, or a name that is not an RFC 9110 token.
 *
 * @example
 * ```ts
 * import { BadHeaderError, HttpResponse } from "allresponses";
 * try {
 *   new HttpResponse("hi", { headers: { "X-Note": "a\r\nSet-Cookie: x=1" } });
 * } catch (e) {
 *   e instanceof BadHeaderError; // true
 * }
 * ```
 */
export class BadHeaderError extends TypeError {
  /** Creates the error; `message` starts with the public name the caller used, then names the header and the problem. */
  constructor(message: string) {
    super(message);
    this.name = "BadHeaderError";
  }
}

/** What the `Headers` constructor accepts. */
export type HeadersInit = ConstructorParameters<typeof Headers>[0];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Finding control characters is what these two patterns are for.
// deno-lint-ignore no-control-regex
const BAD_VALUE = /[\0-\x08\x0a-\x1f\x7f]|[^\0-\xff]/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\0-\x1f\x7f]/;

/** True when `name` is an RFC 9110 token (a valid header or cookie name). */
export function isToken(name: string): boolean {
  return TOKEN.test(name);
}

function badHeader(caller: string | undefined, message: string): BadHeaderError {
  return new BadHeaderError(caller === undefined ? message : `${caller}: ${message}`);
}

/**
 * Returns `value` when it is safe as the value of header `name`; throws
 * {@link BadHeaderError} naming the header otherwise, its message prefixed with `caller`, the
 * public function or class that was given the header.
 */
export function checkHeaderValue(name: string, value: string, caller?: string): string {
  if (BAD_VALUE.test(value)) {
    const what = /[\0\r\n]/.test(value)
      ? "contains CR, LF or NUL (header injection)"
      : CONTROL.test(value)
      ? "contains a control character"
      : "contains a character above U+00FF";
    throw badHeader(caller, `header ${describe(name)}: value ${what}`);
  }
  return value;
}

function checkHeaderName(name: string, caller: string | undefined): string {
  if (!TOKEN.test(name)) throw badHeader(caller, `header name ${describe(name)} is not a valid token`);
  return name;
}

/**
 * Builds a `Headers` object from any `HeadersInit`, validating every name and value first so
 * that a bad header fails with {@link BadHeaderError} on every runtime alike; `caller` is the
 * public function or class the headers were given to.
 */
export function toHeaders(init: HeadersInit | undefined, caller?: string): Headers {
  if (init === undefined || init instanceof Headers) return new Headers(init);
  const pairs: Iterable<readonly [string, string]> | Iterable<string[]> = Array.isArray(init) ||
      Symbol.iterator in init
    ? (init as Iterable<string[]>)
    : Object.entries(init as Record<string, string>);
  const headers = new Headers();
  for (const pair of pairs) {
    if (pair.length !== 2) {
      throw badHeader(
        caller,
        `a header pair holds ${pair.length} ${pair.length === 1 ? "item" : "items"}, not a name and a value`,
      );
    }
    const name = checkHeaderName(String(pair[0]), caller);
    headers.append(name, checkHeaderValue(name, String(pair[1]), caller));
  }
  return headers;
}
