/**
 * Redirects: the rules every redirect class applies to its target, and `RedirectResponse`.
 *
 * @module
 */

import { describe, outOfRange } from "./invalid.ts";
import {
  DEFAULTS,
  HttpResponse,
  type HttpResponseInit,
  NO_INIT,
  PreparedInit,
  type ResponseClass,
  type ResponseDefaults,
  withOptionHeaders,
} from "./response.ts";
import { iriToUri, retryAfter } from "./util.ts";

/**
 * Thrown when a redirect target is refused: a scheme outside the allowed list (`javascript:`,
 * `data:`, `file:` …), a control character, a URL longer than 16384 characters, or a target
 * that is not a valid URL reference (`https:`, `//`, `http://a b/`).
 *
 * @example
 * ```ts
 * import { DisallowedRedirect, RedirectResponse } from "allresponses";
 * try {
 *   new RedirectResponse("javascript:alert(1)");
 * } catch (e) {
 *   e instanceof DisallowedRedirect; // true
 * }
 * ```
 */
export class DisallowedRedirect extends Error {
  /** Creates the error; `message` says why the target was refused. */
  constructor(message: string) {
    super(message);
    this.name = "DisallowedRedirect";
  }
}

function refused(cls: { readonly name: string }, message: string): DisallowedRedirect {
  return new DisallowedRedirect(`${cls.name}: ${message}`);
}

/** The longest redirect target accepted, in characters (Django's limit). */
export const MAX_REDIRECT_LENGTH = 16384;

const DEFAULT_SCHEMES: readonly string[] = ["http", "https", "ftp"];
// deno-lint-ignore no-control-regex -- control characters are what it looks for
const CONTROL = /[\0-\x1f\x7f]/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
// The characters a URI holds as they are, by code: a path on this site (`/next?page=2`) made of
// nothing else has nothing to refuse or to encode, and every URL parser resolves it. (A loop over
// a table, because it is cheaper than a regular expression: BENCHMARKS.md, construction.)
const PLAIN_PATH_CHARS = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!#$&'()*+,/:;=?@") {
  PLAIN_PATH_CHARS[c.charCodeAt(0)] = 1;
}

/** True for `/…` (not `//…`) made only of {@link PLAIN_PATH_CHARS}. */
function isPlainSitePath(url: string): boolean {
  if (url.charCodeAt(0) !== 0x2f || url.charCodeAt(1) === 0x2f || url.length > MAX_REDIRECT_LENGTH) return false;
  for (let i = 1; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code >= 128 || PLAIN_PATH_CHARS[code] === 0) return false;
  }
  return true;
}

/**
 * Checks and encodes a redirect target, returning the value for the Location header.
 * Relative references are allowed; an absolute one needs a scheme from `allowedSchemes`
 * (default `http`, `https`, `ftp`). A refusal's message starts with `cls.name`, the class the
 * caller constructed.
 *
 * @throws {DisallowedRedirect} for a refused scheme, a control character, a target longer
 *   than {@link MAX_REDIRECT_LENGTH}, or one that is not a valid URL reference (`https:`, `//`,
 *   `http://a b/`, a port above 65535).
 */
export function redirectTarget(
  url: string | URL,
  allowedSchemes: readonly string[] | undefined,
  cls: { readonly name: string },
): string {
  if (typeof url === "string" && isPlainSitePath(url)) return url;
  const raw = String(url).trim();
  if (raw.length > MAX_REDIRECT_LENGTH) {
    throw refused(cls, `redirect target is ${raw.length} characters long; the limit is ${MAX_REDIRECT_LENGTH}`);
  }
  if (CONTROL.test(raw)) {
    throw refused(cls, `redirect target ${describe(raw)} contains a control character`);
  }
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    const allowed = allowedSchemes === undefined
      ? DEFAULT_SCHEMES
      : [...DEFAULT_SCHEMES, ...allowedSchemes.map((s) => s.toLowerCase())];
    if (!allowed.includes(scheme)) {
      throw refused(cls, `unsafe redirect to URL with scheme ${describe(scheme)}`);
    }
  }
  let location: string;
  try {
    location = iriToUri(raw);
  } catch {
    throw refused(cls, `redirect target ${describe(raw)} contains a lone surrogate`);
  }
  // The base stands in for the page's: a path, query or fragment resolves against any http(s)
  // base; what fails is an authority that can't be parsed (an empty or invalid host, a bad port)
  // or an absolute URL with a special scheme and no host.
  // Without a scheme or an authority (`//host`), a reference is a path, a query or a fragment,
  // which always resolves.
  if ((scheme !== undefined || /^[/\\]{2}/.test(location)) && !URL.canParse(location, "http://localhost/")) {
    throw refused(cls, `redirect target ${describe(raw)} is not a valid URL reference`);
  }
  return location;
}

/** Options of the redirect classes. */
export interface RedirectInit extends Omit<HttpResponseInit, "status"> {
  /** Schemes allowed besides `http`, `https` and `ftp`, e.g. `["myapp"]`. */
  allowedSchemes?: readonly string[];
  /** A Retry-After header: seconds, or a date. */
  retryAfter?: number | Date;
}

/** Options of {@link RedirectResponse}: a redirect with any 3xx status. */
export interface RedirectResponseInit extends RedirectInit {
  /** Any 3xx status but 304. Default 307. */
  status?: number;
}

// A handler redirects to the same few targets: the init of the last redirect made without
// options is kept, with its class and target, and handed out again for the same two, which spares
// checking the target and building the init anew (BENCHMARKS.md, construction).
let lastClass: ResponseClass | undefined;
let lastUrl = "";
let lastInit: HttpResponseInit = NO_INIT;

/** The init of a redirect of class `cls` to `url` made without options. */
function plainRedirectInit(url: string | URL, cls: ResponseClass): HttpResponseInit {
  if (url === lastUrl && cls === lastClass) return lastInit;
  const init = PreparedInit.of(cls, { location: redirectTarget(url, undefined, cls) });
  if (typeof url === "string") {
    lastClass = cls;
    lastUrl = url;
    lastInit = init;
  }
  return init;
}

/**
 * A redirect (Starlette): 307 Temporary Redirect by default, any 3xx with `init.status`, an
 * empty body and no Content-Type unless `init` names one. The
 * target may be relative; it is percent-encoded, and schemes outside `http`, `https` and `ftp`
 * are refused with {@link DisallowedRedirect}. Unlike `Response.redirect()`, the headers stay
 * mutable, so cookies can still be set.
 *
 * @example
 * ```ts
 * import { RedirectResponse } from "allresponses";
 * Deno.serve(() => new RedirectResponse("/login?next=/café").setCookie("seen", "1"));
 * // 307, location: /login?next=/caf%C3%A9
 * ```
 */
export class RedirectResponse extends HttpResponse {
  /** @internal */
  static readonly [DEFAULTS]: ResponseDefaults = { status: 307, contentType: "" };

  /**
   * Creates a redirect to `url`.
   *
   * @param url The target, absolute or relative.
   * @param init Status (any 3xx but 304), headers, allowed schemes and Retry-After.
   * @throws {DisallowedRedirect} for an unsafe target.
   * @throws {RangeError} for a status that is not a redirect.
   */
  constructor(url: string | URL, init: RedirectResponseInit = NO_INIT) {
    if (init === NO_INIT) {
      super(null, plainRedirectInit(url, new.target));
      return;
    }
    const status = init.status;
    if (status !== undefined && !(Number.isInteger(status) && status >= 300 && status <= 399 && status !== 304)) {
      throw outOfRange(new.target.name, `status ${describe(status)} is not a redirect status (3xx other than 304)`);
    }
    const location = redirectTarget(url, init.allowedSchemes, new.target);
    super(
      null,
      withOptionHeaders(
        init,
        init.retryAfter === undefined
          ? { location }
          : { location, "retry-after": retryAfter(new.target.name, init.retryAfter, "retryAfter") },
      ),
    );
  }
}
