/**
 * Header validation shared by every response class: the web `Headers` silently trims a
 * trailing CR/LF in some engines and throws a vague error on others, so every value this
 * library sets is checked here first.
 *
 * @module
 */

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
  /** Creates the error; `message` names the header and the problem. */
  constructor(message: string) {
    super(message);
    this.name = "BadHeaderError";
  }
}

/** What the `Headers` constructor accepts. */
export type HeadersInit = ConstructorParameters<typeof Headers>[0];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\0-\x08\x0a-\x1f\x7f]|[^\0-\xff]/;

/** True when `name` is an RFC 9110 token (a valid header or cookie name). */
export function isToken(name: string): boolean {
  return TOKEN.test(name);
}

/**
 * Returns `value` when it is safe as the value of header `name`; throws
 * {@link BadHeaderError} naming the header otherwise.
 */
export function checkHeaderValue(name: string, value: string): string {
  if (BAD_VALUE.test(value)) {
    const what = /[\0\r\n]/.test(value)
      ? "contains CR, LF or NUL (header injection)"
      : /[\0-\x1f\x7f]/.test(value)
      ? "contains a control character"
      : "contains a character above U+00FF";
    throw new BadHeaderError(`header ${JSON.stringify(name)}: value ${what}`);
  }
  return value;
}

function checkHeaderName(name: string): string {
  if (!TOKEN.test(name)) {
    throw new BadHeaderError(`header name ${JSON.stringify(name)} is not a valid token`);
  }
  return name;
}

/**
 * Builds a `Headers` object from any `HeadersInit`, validating every name and value first so
 * that a bad header fails with {@link BadHeaderError} on every runtime alike.
 */
export function toHeaders(init: HeadersInit | undefined): Headers {
  if (init === undefined || init instanceof Headers) return new Headers(init);
  const pairs: Iterable<readonly [string, string]> | Iterable<string[]> = Array.isArray(init) ||
      Symbol.iterator in init
    ? (init as Iterable<string[]>)
    : Object.entries(init as Record<string, string>);
  const headers = new Headers();
  for (const pair of pairs) {
    if (pair.length !== 2) {
      throw new BadHeaderError(`header pair ${JSON.stringify(pair)} must have a name and a value`);
    }
    const name = checkHeaderName(String(pair[0]));
    headers.append(name, checkHeaderValue(name, String(pair[1])));
  }
  return headers;
}
