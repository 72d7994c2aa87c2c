/**
 * Cache policy for any response (RFC 9111): Django's `patch_cache_control`,
 * `patch_vary_headers` and `add_never_cache_headers`, merging into the headers a response
 * already has instead of overwriting them.
 *
 * @module
 */

import { isToken } from "./headers.ts";
import { describe, invalidType, outOfRange } from "./invalid.ts";
import { httpDate } from "./util.ts";

/**
 * The Cache-Control directives {@link patchCacheControl} writes: `true` writes a bare
 * directive, a number its value in seconds, `false` removes the directive.
 *
 * @example
 * ```ts
 * import type { CacheControlDirectives } from "allresponses";
 * const shared: CacheControlDirectives = { public: true, maxAge: 60, sMaxage: 600, staleWhileRevalidate: 30 };
 * ```
 */
export interface CacheControlDirectives {
  /** `max-age=N`; when the response already has one, the smaller value stays. */
  maxAge?: number | false;
  /** `s-maxage=N`: the freshness lifetime for shared caches. */
  sMaxage?: number | false;
  /** `public`; removes `private`. */
  public?: boolean;
  /** `private`; removes `public`. */
  private?: boolean;
  /** `no-cache`: a cache must revalidate before every use. */
  noCache?: boolean;
  /** `no-store`: no cache may keep the response. */
  noStore?: boolean;
  /** `must-revalidate`: a stale response must not be used without revalidation. */
  mustRevalidate?: boolean;
  /** `proxy-revalidate`: `must-revalidate` for shared caches. */
  proxyRevalidate?: boolean;
  /** `no-transform`: intermediaries must not change the content (compression included). */
  noTransform?: boolean;
  /** `immutable` (RFC 8246): the response will not change while fresh. */
  immutable?: boolean;
  /** `stale-while-revalidate=N` (RFC 5861). */
  staleWhileRevalidate?: number | false;
  /** `stale-if-error=N` (RFC 5861). */
  staleIfError?: number | false;
}

const DIRECTIVES: Readonly<Record<string, { name: string; numeric: boolean }>> = {
  maxAge: { name: "max-age", numeric: true },
  sMaxage: { name: "s-maxage", numeric: true },
  public: { name: "public", numeric: false },
  private: { name: "private", numeric: false },
  noCache: { name: "no-cache", numeric: false },
  noStore: { name: "no-store", numeric: false },
  mustRevalidate: { name: "must-revalidate", numeric: false },
  proxyRevalidate: { name: "proxy-revalidate", numeric: false },
  noTransform: { name: "no-transform", numeric: false },
  immutable: { name: "immutable", numeric: false },
  staleWhileRevalidate: { name: "stale-while-revalidate", numeric: true },
  staleIfError: { name: "stale-if-error", numeric: true },
};

/**
 * The members of a Cache-Control value in order, each as written (`max-age=60`,
 * `no-cache="set-cookie, authorization"`): commas inside a quoted string do not split.
 */
export function cacheControlMembers(value: string): string[] {
  const members: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === "\\" && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      if (current.trim() !== "") members.push(current.trim());
      current = "";
    } else {
      current += c;
    }
  }
  if (current.trim() !== "") members.push(current.trim());
  return members;
}

/** The directive name of a Cache-Control member, lower-cased. */
function memberName(member: string): string {
  const eq = member.indexOf("=");
  return (eq === -1 ? member : member.slice(0, eq)).trim().toLowerCase();
}

/** The value written for one directive, or `undefined` to remove it; throws for a bad value. */
function directiveValue(key: string, value: unknown): string | undefined {
  const spec = DIRECTIVES[key];
  if (spec === undefined) {
    throw invalidType("patchCacheControl", `${describe(key)} is not a Cache-Control directive`);
  }
  if (value === false) return undefined;
  if (spec.numeric) {
    if (typeof value !== "number") {
      throw invalidType("patchCacheControl", `${key} ${describe(value)} is not a number of seconds or false`);
    }
    if (!Number.isSafeInteger(value) || value < 0) {
      throw outOfRange("patchCacheControl", `${key} ${describe(value)} is not a whole number of seconds ≥ 0`);
    }
    return `${spec.name}=${value}`;
  }
  if (value !== true) throw invalidType("patchCacheControl", `${key} ${describe(value)} is not true or false`);
  return spec.name;
}

/** The seconds of a `max-age=N` member, or `undefined` when it holds no valid number. */
function maxAgeOf(member: string): number | undefined {
  const m = /^max-age\s*=\s*"?(\d+)"?$/i.exec(member);
  return m === null ? undefined : Number(m[1]);
}

/**
 * Merges `directives` into the Cache-Control header of `response` (Django's
 * `patch_cache_control`) and returns the response. A directive given replaces the same one;
 * `false` removes it; `public` and `private` exclude each other; when the response already has
 * a `max-age`, the smaller of the two stays. Directives not named are kept as written, quoted
 * values (`no-cache="set-cookie"`) whole.
 *
 * @param response The response whose headers change (in place).
 * @param directives The directives to write or remove.
 * @throws {TypeError} for an unknown directive name, a value of the wrong type, or `public` and
 *   `private` both `true`.
 * @throws {RangeError} for a negative, fractional or non-finite number of seconds.
 * @example
 * ```ts
 * import { JsonResponseOK, patchCacheControl } from "allresponses";
 * const res = new JsonResponseOK({ ok: true }, { headers: { "cache-control": "private, max-age=600" } });
 * patchCacheControl(res, { public: true, maxAge: 60 });
 * res.headers.get("cache-control"); // "max-age=60, public"
 * ```
 */
export function patchCacheControl<R extends Response>(response: R, directives: CacheControlDirectives): R {
  if (directives === null || typeof directives !== "object") {
    throw invalidType("patchCacheControl", `directives ${describe(directives)} is not an object`);
  }
  const updates = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(directives)) {
    if (value === undefined) continue;
    updates.set(DIRECTIVES[key]?.name ?? key, directiveValue(key, value));
  }
  if (updates.get("public") !== undefined && updates.get("private") !== undefined) {
    throw invalidType("patchCacheControl", "public and private exclude each other");
  }
  if (updates.get("public") !== undefined) updates.set("private", undefined);
  else if (updates.get("private") !== undefined) updates.set("public", undefined);
  const members = cacheControlMembers(response.headers.get("cache-control") ?? "");
  const wanted = updates.get("max-age");
  if (wanted !== undefined) {
    const had = members.map(maxAgeOf).find((n) => n !== undefined);
    if (had !== undefined && had < maxAgeOf(wanted)!) updates.set("max-age", `max-age=${had}`);
  }
  const out: string[] = [];
  for (const member of members) {
    const name = memberName(member);
    if (!updates.has(name)) out.push(member);
    else if (updates.get(name) !== undefined && !out.includes(updates.get(name)!)) out.push(updates.get(name)!);
  }
  for (const value of updates.values()) if (value !== undefined && !out.includes(value)) out.push(value);
  if (out.length === 0) response.headers.delete("cache-control");
  else response.headers.set("cache-control", out.join(", "));
  return response;
}

/** The field names of a Vary value. */
function varyFields(value: string | null): string[] {
  return value === null ? [] : value.split(",").map((f) => f.trim()).filter((f) => f !== "");
}

/**
 * Adds `fields` to the Vary header of `response` (Django's `patch_vary_headers`) and returns the
 * response: each field not already there (compared case-insensitively) is appended once; `*`
 * replaces everything and stays alone.
 *
 * @param response The response whose headers change (in place).
 * @param fields Header field names, e.g. `"Accept-Encoding"`, `"Cookie"`, or `"*"`.
 * @throws {TypeError} when a field is not a header field name (a token) or `*`.
 * @example
 * ```ts
 * import { HttpResponse, patchVary } from "allresponses";
 * const res = patchVary(new HttpResponse("hi", { headers: { vary: "Accept" } }), "Cookie", "accept");
 * res.headers.get("vary"); // "Accept, Cookie"
 * ```
 */
export function patchVary<R extends Response>(response: R, ...fields: string[]): R {
  for (const field of fields) {
    if (typeof field !== "string" || (field !== "*" && !isToken(field))) {
      throw invalidType("patchVary", `${describe(field)} is not a header field name or "*"`);
    }
  }
  const current = varyFields(response.headers.get("vary"));
  if (current.includes("*")) return response;
  if (fields.includes("*")) {
    response.headers.set("vary", "*");
    return response;
  }
  const seen = new Set(current.map((f) => f.toLowerCase()));
  const added = fields.filter((f) => !seen.has(f.toLowerCase()) && seen.add(f.toLowerCase()));
  if (added.length > 0) response.headers.set("vary", [...current, ...added].join(", "));
  return response;
}

/**
 * Marks `response` as never to be cached (Django's `add_never_cache_headers`) and returns it:
 * Cache-Control becomes exactly `max-age=0, no-cache, no-store, must-revalidate, private`, and
 * `Expires` the current time.
 *
 * @param response The response whose headers change (in place).
 * @example
 * ```ts
 * import { HttpResponse, neverCache } from "allresponses";
 * const res = neverCache(new HttpResponse("<p>your account</p>"));
 * res.headers.get("cache-control"); // "max-age=0, no-cache, no-store, must-revalidate, private"
 * ```
 */
export function neverCache<R extends Response>(response: R): R {
  response.headers.set("cache-control", "max-age=0, no-cache, no-store, must-revalidate, private");
  response.headers.set("expires", httpDate(Date.now()));
  return response;
}
