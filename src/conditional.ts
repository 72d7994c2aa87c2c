/**
 * Conditional requests (RFC 9110 §13): entity-tag lists, HTTP dates, the precondition order of
 * §13.2.2 and `If-Range`.
 *
 * @module
 */

/** A representation's validators, as a response would send them. */
export interface Validators {
  /** The quoted entity-tag, e.g. `"5f-1a2b"` (or `W/"…"` for a weak one). */
  etag: string;
  /** The Last-Modified time in milliseconds, whole seconds; `undefined` when there is none. */
  lastModified: number | undefined;
}

/**
 * What the preconditions decide: `undefined` to go on with the request, 304 (Not Modified) or
 * 412 (Precondition Failed).
 */
export type PreconditionOutcome = 304 | 412 | undefined;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

function utc(year: number, month: string, day: string, h: string, m: string, s: string): number | undefined {
  const mon = MONTHS.indexOf(month.toLowerCase());
  const date = new Date(0);
  date.setUTCFullYear(year, mon, Number(day));
  date.setUTCHours(Number(h), Number(m), Number(s), 0);
  // Date rolls 31 Feb over into March and 24:00 into the next day; an HTTP date may not.
  const exact = date.getUTCFullYear() === year && date.getUTCMonth() === mon && date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(h) && date.getUTCMinutes() === Number(m) && date.getUTCSeconds() === Number(s);
  return exact ? date.getTime() : undefined;
}

/**
 * Parses an HTTP-date (RFC 9110 §5.6.7) in any of its three forms — IMF-fixdate, the obsolete
 * RFC 850 form and asctime — into milliseconds since the epoch; `undefined` for anything else.
 * A two-digit RFC 850 year is the nearest such year not more than 50 years ahead of `now`.
 */
export function parseHttpDate(value: string, now: number = Date.now()): number | undefined {
  const text = value.trim();
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(Number(m[3]), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = RFC850.exec(text);
  if (m) {
    const thisYear = new Date(now).getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(m[3]);
    if (year > thisYear + 50) year -= 100;
    return utc(year, m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  }
  m = ASCTIME.exec(text);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!.trim(), m[3]!, m[4]!, m[5]!);
  return undefined;
}

/** One entity-tag of a list: its opaque part (quotes included) and whether it is weak. */
interface EntityTag {
  weak: boolean;
  opaque: string;
}

/**
 * The entity-tags of an `If-Match` / `If-None-Match` value in one linear pass; `"*"` for the
 * wildcard. A malformed member is skipped up to the next comma.
 */
function entityTags(value: string): EntityTag[] | "*" {
  const tags: EntityTag[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    const c = value[i]!;
    if (c === " " || c === "\t" || c === ",") {
      i++;
      continue;
    }
    if (c === "*") return "*";
    let weak = false;
    let j = i;
    if (value.startsWith("W/", j)) {
      weak = true;
      j += 2;
    }
    if (value[j] === '"') {
      const close = value.indexOf('"', j + 1);
      if (close === -1) break;
      tags.push({ weak, opaque: value.slice(j, close + 1) });
      i = close + 1;
      continue;
    }
    const comma = value.indexOf(",", i);
    i = comma === -1 ? n : comma + 1;
  }
  return tags;
}

function parseTag(etag: string): EntityTag {
  return etag.startsWith("W/") ? { weak: true, opaque: etag.slice(2) } : { weak: false, opaque: etag };
}

/** Strong comparison (RFC 9110 §8.8.3.2): both strong, same opaque tag. */
function strongMatch(list: string, etag: string): boolean {
  const tags = entityTags(list);
  if (tags === "*") return true;
  const ours = parseTag(etag);
  return !ours.weak && tags.some((t) => !t.weak && t.opaque === ours.opaque);
}

/** Weak comparison: the same opaque tag, weak or not. */
function weakMatch(list: string, etag: string): boolean {
  const tags = entityTags(list);
  if (tags === "*") return true;
  const ours = parseTag(etag).opaque;
  return tags.some((t) => t.opaque === ours);
}

/**
 * Evaluates the preconditions of `request` against a representation that exists, in the order
 * of RFC 9110 §13.2.2: If-Match, then If-Unmodified-Since (only without If-Match), then
 * If-None-Match, then If-Modified-Since (only without If-None-Match, for GET and HEAD). Dates
 * that are not valid HTTP-dates are ignored.
 */
export function evaluatePreconditions(request: Request, validators: Validators): PreconditionOutcome {
  const headers = request.headers;
  const method = request.method.toUpperCase();
  const safe = method === "GET" || method === "HEAD";
  const { etag, lastModified } = validators;
  const ifMatch = headers.get("if-match");
  if (ifMatch !== null) {
    if (!strongMatch(ifMatch, etag)) return 412;
  } else {
    const since = headers.get("if-unmodified-since");
    const date = since === null ? undefined : parseHttpDate(since);
    if (date !== undefined && lastModified !== undefined && lastModified > date) return 412;
  }
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    if (weakMatch(ifNoneMatch, etag)) return safe ? 304 : 412;
  } else if (safe) {
    const since = headers.get("if-modified-since");
    const date = since === null ? undefined : parseHttpDate(since);
    if (date !== undefined && lastModified !== undefined && lastModified <= date) return 304;
  }
  return undefined;
}

/**
 * Whether an `If-Range` value (RFC 9110 §13.1.5) lets the Range apply: an entity-tag must be
 * strong and equal to the representation's; a date must equal its Last-Modified exactly, and
 * that Last-Modified must be a strong validator — at least one second before `now`.
 */
export function ifRangeMatches(value: string, validators: Validators, now: number = Date.now()): boolean {
  const text = value.trim();
  if (text.startsWith('"') || text.startsWith("W/")) {
    const ours = parseTag(validators.etag);
    return !ours.weak && text === ours.opaque;
  }
  const date = parseHttpDate(text);
  const { lastModified } = validators;
  return date !== undefined && lastModified !== undefined && date === lastModified &&
    Math.floor(now / 1000) * 1000 > lastModified;
}
