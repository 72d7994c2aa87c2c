/**
 * Property-based tests (fast-check): for any input, what the library writes on the wire is
 * well-formed and reads back to what the caller gave, or the call throws the documented error.
 *
 * Each property runs a fixed number of cases. The seed is random unless `FC_SEED` is set; a
 * failure prints the seed, the shrunk counterexample and the `path` to replay it
 * (`FC_SEED=<seed> FC_PATH=<path> node scripts/test.mjs tests/properties.test.ts`).
 */

import { after, test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import fc from "fast-check";
import {
  contentDisposition,
  type CookieOptions,
  DisallowedRedirect,
  encodeServerSentEvent,
  EventSourceResponse,
  FileResponse,
  HttpResponse,
  HttpResponseMovedPermanently,
  parseRange,
  RedirectResponse,
} from "../mod.ts";
import type { EventSeparator, ServerSentEvent } from "../mod.ts";
import { fixtureDir, removeDir, writeFixture } from "./_files.ts";
import { type Interpretation, interpretEventStream } from "./_sse.ts";
import { assertVocabulary } from "./_util.ts";

const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const PATH = process.env.FC_PATH;

/** Runs `property` for `numRuns` cases, with the seed (and replay path) from the environment. */
async function check<T>(property: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const params: fc.Parameters<T> = {
    numRuns,
    ...(SEED === undefined ? {} : { seed: SEED }),
    ...(PATH ? { path: PATH } : {}),
  };
  await fc.assert(property as fc.IAsyncProperty<T>, params);
}

// --- strings that reach for the parsers' delimiters ----------------------------------------

/** Characters that delimit or break header fields, cookie pairs, URLs and event streams. */
// deno-fmt-ignore
const NASTY = [
  ";", "=", ",", " ", "\t", "\r", "\n", "\r\n", "\0", "\x0b", "\x1f", "\x7f", '"', "\\", "%", "%2", "%0A", "%0d",
  "/", "//", ":", ".", "?", "#", "@", "[", "]", "<", ">", "a", "Z", "0", "-", "_", "é", "\u0085", "\u00a0", "\u0100",
  "\u2028", "\ufeff", "\ud800", "\udfff", "😀", "Secure", "Path", "data:", "id:", "event:", "retry:", "http:",
  "https://", "javascript:",
];

/** Any string: arbitrary UTF-16 (lone surrogates included), or a mix of the delimiters above. */
const anyString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: fc.constantFrom(...NASTY), maxLength }),
    fc.string({ unit: "grapheme-ascii", maxLength }),
  );

// --- Range --------------------------------------------------------------------------------

/** Checks what parseRange returned: nothing, or in-bounds, sorted-apart (not overlapping, not adjacent) ranges. */
function checkRanges(ranges: { start: number; end: number }[] | undefined, size: number, header: string): void {
  if (ranges === undefined) return;
  assert.ok(ranges.length <= 100, `${ranges.length} ranges for ${JSON.stringify(header.slice(0, 80))}`);
  for (const { start, end } of ranges) {
    assert.ok(Number.isSafeInteger(start) && Number.isSafeInteger(end), `integers: ${start}-${end}`);
    assert.ok(0 <= start && start <= end && end < size, `${start}-${end} lies within 0-${size - 1}`);
  }
  const sorted = ranges.slice().sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i]!.start > sorted[i - 1]!.end + 1, `${JSON.stringify(sorted)} overlap or touch`);
  }
}

const rangeText = fc.string({
  unit: fc.constantFrom("0", "1", "5", "9", "-", ",", " ", "\t", "=", "b", "y", "t", "e", "s", "B", "x", ";", "\u00a0"),
  maxLength: 80,
});
const rangeHeader = fc.oneof(
  rangeText.map((t) => "bytes=" + t),
  rangeText.map((t) => "BYTES=" + t),
  rangeText,
  anyString(80),
  fc.string({ unit: "binary", maxLength: 2000 }).map((t) => "bytes=" + t),
);
const rangeSize = fc.oneof(fc.nat(2000), fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER), fc.maxSafeNat());

test("parseRange never throws on any header and returns only in-bounds, non-overlapping ranges", async () => {
  await check(
    fc.property(rangeHeader, rangeSize, (header, size) => {
      checkRanges(parseRange(header, size), size, header);
    }),
    5000,
  );
});

/** One range-spec as a header names it: `first-last`, `first-`, or the suffix `-length`. */
type Spec = { first: number; last?: number } | { suffix: number };

/** What a Range header of `specs` must give for `size` bytes, worked out the slow and obvious way. */
function expectedRanges(specs: Spec[], size: number): { start: number; end: number }[] | undefined {
  if (specs.length === 0 || specs.length > 100) return undefined;
  if (specs.some((s) => "first" in s && s.last !== undefined && s.last < s.first)) return undefined;
  const wanted: { start: number; end: number; rank: number }[] = [];
  let emptySuffix = false;
  specs.forEach((spec, rank) => {
    if ("suffix" in spec) {
      if (spec.suffix === 0) return;
      if (size === 0) emptySuffix = true;
      else wanted.push({ start: Math.max(0, size - spec.suffix), end: size - 1, rank });
    } else if (spec.first < size) {
      wanted.push({ start: spec.first, end: Math.min(spec.last ?? size - 1, size - 1), rank });
    }
  });
  if (wanted.length === 0) return emptySuffix ? undefined : [];
  // Every byte asked for, grouped into maximal runs, each ranked by the first spec that asked.
  const merged: { start: number; end: number; rank: number }[] = [];
  for (const r of wanted.sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end + 1) {
      last.end = Math.max(last.end, r.end);
      last.rank = Math.min(last.rank, r.rank);
    } else {
      merged.push({ ...r });
    }
  }
  return merged.sort((a, b) => a.rank - b.rank).map(({ start, end }) => ({ start, end }));
}

const blanks = fc.string({ unit: fc.constantFrom(" ", "\t"), maxLength: 2 });
const digits = (n: number, zeros: number) => "0".repeat(zeros) + String(n);
const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ first: fc.nat(3000), last: fc.option(fc.nat(3000), { nil: undefined }) }),
  fc.record({ suffix: fc.nat(3000) }),
);

test("parseRange: a well-formed header gives exactly the bytes its ranges ask for, merged, in the order asked", async () => {
  await check(
    fc.property(
      fc.array(fc.tuple(spec, blanks, blanks, fc.nat(2), fc.boolean()), { maxLength: 110 }),
      fc.nat(2500),
      (parts, size) => {
        const specs = parts.map(([s]) => s);
        const text = parts.map(([s, before, after, zeros, emptyElement]) => {
          const body = "suffix" in s
            ? `-${digits(s.suffix, zeros)}`
            : `${digits(s.first, zeros)}-${s.last === undefined ? "" : digits(s.last, zeros)}`;
          return `${emptyElement ? ", " : ""}${before}${body}${after}`;
        }).join(",");
        const header = `bytes=${text}`;
        const ranges = parseRange(header, size);
        checkRanges(ranges, size, header);
        assert.deepEqual(ranges, expectedRanges(specs, size), header);
      },
    ),
    3000,
  );
});

// That parseRange takes time linear in the header's length is measured in bench/hostile.ts.

// --- Content-Disposition ---------------------------------------------------------------------

/** The parameters of a Content-Disposition value (RFC 6266): the type, then `name=token` or `name="quoted"`. */
function parseDisposition(value: string): { type: string; params: Map<string, string> } {
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
  const type = value.match(TOKEN)?.[0];
  assert.ok(type, `a disposition type: ${value}`);
  const params = new Map<string, string>();
  let rest = value.slice(type.length);
  while (rest !== "") {
    const head = rest.match(/^; ([!#$%&'*+\-.^_`|~0-9A-Za-z]+)=/);
    assert.ok(head, `a parameter at ${JSON.stringify(rest)}`);
    rest = rest.slice(head[0].length);
    let parsed: string;
    if (rest.startsWith('"')) {
      // quoted-string: qdtext is HTAB, SP and visible ASCII but `"` and `\`; `\` escapes one character.
      const quoted = rest.match(/^"((?:[\t\x20\x21\x23-\x5b\x5d-\x7e]|\\[\t\x20-\x7e])*)"/);
      assert.ok(quoted, `a quoted-string at ${JSON.stringify(rest)}`);
      parsed = quoted[1]!.replace(/\\(.)/g, "$1");
      rest = rest.slice(quoted[0].length);
    } else {
      const token = rest.match(/^[^;]*/)![0];
      parsed = token;
      rest = rest.slice(token.length);
    }
    assert.ok(!params.has(head[1]!), `${head[1]} given once`);
    params.set(head[1]!, parsed);
  }
  return { type, params };
}

/** The filename a user agent takes from a Content-Disposition: `filename*` (RFC 8187) when there is one. */
function dispositionFilename(value: string): string | undefined {
  const { params } = parseDisposition(value);
  const extended = params.get("filename*");
  if (extended !== undefined) {
    assert.match(extended, /^UTF-8''(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/, "an RFC 8187 ext-value");
    return decodeURIComponent(extended.slice("UTF-8''".length));
  }
  return params.get("filename");
}

const filename = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 40 }).map((s) => s.toWellFormed()),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
);

test("Content-Disposition: pure ASCII, no CR or LF, and the filename decodes back exactly", async () => {
  await check(
    fc.property(filename, fc.constantFrom("attachment" as const, "inline" as const), (name, type) => {
      const value = contentDisposition(name, type);
      assert.doesNotMatch(value, /[^\x20-\x7e]/, "printable ASCII only (no CR, LF or other control)");
      assert.equal(parseDisposition(value).type, type);
      assert.equal(dispositionFilename(value), name === "" ? undefined : name);
    }),
    3000,
  );
});

test("Content-Disposition: a lone surrogate, which UTF-8 cannot hold, arrives as U+FFFD", async () => {
  await check(
    fc.property(fc.string({ unit: "binary", maxLength: 30 }), (name) => {
      fc.pre(name !== "");
      const value = contentDisposition(name);
      assert.doesNotMatch(value, /[^\x20-\x7e]/);
      assert.equal(dispositionFilename(value), name.toWellFormed());
    }),
    1000,
  );
});

const dispositionDir = fixtureDir("properties");
after(() => removeDir(dispositionDir));
const dispositionFile = writeFixture(dispositionDir, "file.bin", "x");

test("FileResponse with any filename sends a Content-Disposition that decodes back to it", async () => {
  await check(
    fc.property(filename, (name) => {
      fc.pre(name !== "");
      const value = new FileResponse(dispositionFile, { filename: name }).headers.get("content-disposition")!;
      assert.doesNotMatch(value, /[^\x20-\x7e]/);
      assert.equal(parseDisposition(value).type, "attachment");
      assert.equal(dispositionFilename(value), name);
    }),
    500,
  );
});

// --- cookies -------------------------------------------------------------------------------

const TOKEN_CHAR = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const token = fc.string({ unit: fc.constantFrom(...TOKEN_CHAR), minLength: 1, maxLength: 16 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A value from `words` in a random letter case, or any string. */
const word = (...words: string[]) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...words), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })).map(([w, up]) =>
      [...w].map((c, i) => (up[i] ? c.toUpperCase() : c)).join("")
    ),
    anyString(12),
  );

/** Mostly `valid` (so that most cases get past validation), sometimes anything, often absent. */
const mostly = <T>(valid: fc.Arbitrary<T>, anything: fc.Arbitrary<T>) =>
  optional(fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: anything, weight: 1 }));

const cookieName = fc.oneof(
  { arbitrary: token, weight: 4 },
  fc.tuple(fc.constantFrom("__Secure-", "__Host-", "__secure-", "__HOST-"), token).map(([p, t]) => p + t),
  anyString(16),
);
const cookieOptions: fc.Arbitrary<CookieOptions> = fc.record({
  maxAge: optional(fc.oneof(fc.integer(), fc.double())),
  expires: mostly<Date | number | string>(
    fc.oneof(
      fc.date({ min: new Date("1601-01-01"), max: new Date("9999-12-31") }),
      fc.integer({ min: -(2 ** 44), max: 2 ** 48 }),
    ),
    fc.oneof(
      fc.date({ noInvalidDate: false }),
      fc.constantFrom("2030-01-01", "Thu, 01 Jan 1970 00:00:00 GMT", "not a date", ""),
      anyString(30),
    ),
  ),
  path: mostly(fc.string({ unit: "grapheme-ascii", maxLength: 30 }).map((p) => "/" + p), anyString(30)),
  domain: mostly(fc.oneof(fc.domain(), fc.domain().map((d) => "." + d)), anyString(30)),
  secure: optional(fc.boolean()),
  httpOnly: optional(fc.boolean()),
  sameSite: mostly(fc.constantFrom("lax", "Strict", "NONE"), word("lax", "strict", "none")) as fc.Arbitrary<
    CookieOptions["sameSite"]
  >,
  partitioned: optional(fc.boolean()),
  priority: mostly(fc.constantFrom("low", "Medium", "HIGH"), word("low", "medium", "high")) as fc.Arbitrary<
    CookieOptions["priority"]
  >,
}, { requiredKeys: [] });

/** A cookie as a user agent stores it: name, value, and the attributes in the order received. */
interface ParsedCookie {
  name: string;
  value: string;
  attributes: [string, string][];
}

// deno-lint-ignore no-control-regex
const CTL_BUT_HTAB = /[\0-\x08\x0a-\x1f\x7f]/;
const trimWsp = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, "");

/**
 * Parses a Set-Cookie value as RFC 6265bis §5.6 has a user agent do it: a control character
 * (but HTAB) drops the cookie; the name-value pair ends at the first `;`; name and value split
 * at the first `=` and are trimmed; each attribute splits the same way. `undefined` when the
 * user agent would ignore the cookie.
 */
function parseSetCookie(header: string): ParsedCookie | undefined {
  if (CTL_BUT_HTAB.test(header)) return undefined;
  const semi = header.indexOf(";");
  const pair = semi === -1 ? header : header.slice(0, semi);
  let rest = semi === -1 ? "" : header.slice(semi);
  const eq = pair.indexOf("=");
  const name = eq === -1 ? "" : trimWsp(pair.slice(0, eq));
  const value = trimWsp(eq === -1 ? pair : pair.slice(eq + 1));
  if (name === "" && value === "") return undefined;
  if (name.length + value.length > 4096) return undefined;
  const attributes: [string, string][] = [];
  while (rest !== "") {
    rest = rest.slice(1);
    const next = rest.indexOf(";");
    const av = next === -1 ? rest : rest.slice(0, next);
    rest = next === -1 ? "" : rest.slice(next);
    const aeq = av.indexOf("=");
    const attrName = trimWsp(aeq === -1 ? av : av.slice(0, aeq));
    const attrValue = trimWsp(aeq === -1 ? "" : av.slice(aeq + 1));
    if (attrValue.length > 1024) continue;
    attributes.push([attrName, attrValue]);
  }
  return { name, value, attributes };
}

// RFC 6265bis §4.1.1, what a server sends: a token name, cookie-octets, and the known attributes.
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

/** The attributes, in order, that `options` ask for — and nothing else. */
function expectedAttributes(options: CookieOptions): [string, string][] {
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1).toLowerCase();
  const out: [string, string][] = [];
  if (options.maxAge !== undefined) out.push(["Max-Age", String(Math.trunc(options.maxAge) || 0)]);
  if (options.domain !== undefined) out.push(["Domain", options.domain]);
  out.push(["Path", options.path ?? "/"]);
  if (options.expires !== undefined) out.push(["Expires", new Date(options.expires).toUTCString()]);
  if (options.httpOnly) out.push(["HttpOnly", ""]);
  if (options.secure) out.push(["Secure", ""]);
  out.push(["SameSite", cap(options.sameSite ?? "lax")]);
  if (options.priority !== undefined) out.push(["Priority", cap(options.priority)]);
  if (options.partitioned) out.push(["Partitioned", ""]);
  return out;
}

test("setCookie: any name, value and options give a TypeError or RangeError, or one well-formed Set-Cookie with exactly what was asked", async () => {
  let accepted = 0;
  const runs = 3000;
  await check(
    fc.property(
      cookieName,
      fc.oneof({ arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }), weight: 3 }, anyString(60)),
      cookieOptions,
      (name, value, options) => {
        const response = new HttpResponse("x");
        try {
          response.setCookie(name, value, options);
        } catch (error) {
          assertVocabulary(error, "setCookie");
          assert.equal(response.headers.getSetCookie().length, 0, "a refused cookie sets nothing");
          return;
        }
        accepted++;
        const all = response.headers.getSetCookie();
        assert.equal(all.length, 1, "one call, one Set-Cookie header");
        const header = all[0]!;
        assert.doesNotMatch(header, /[^\x20-\x7e]/, "printable ASCII only");
        const parsed = parseSetCookie(header);
        assert.ok(parsed, "a user agent keeps the cookie");
        assert.equal(parsed.name, name);
        assert.match(parsed.value, COOKIE_OCTETS);
        assert.equal(decodeURIComponent(parsed.value), value);
        // Max-Age's value is compared as a number: -0 and 0 both mean "now".
        const attributes = parsed.attributes.map((
          [k, v],
        ): [string, string] => [k, k === "Max-Age" ? String(Number(v)) : v]);
        assert.deepEqual(attributes, expectedAttributes(options));
        const expires = parsed.attributes.find(([k]) => k === "Expires")?.[1];
        if (expires !== undefined) assert.match(expires, IMF_FIXDATE);
      },
    ),
    runs,
  );
  assert.ok(accepted > runs / 20, `the property saw ${accepted} accepted cookies of ${runs}`);
});

test("setCookie accepts every token name and every well-formed string value, and reads them back", async () => {
  await check(
    fc.property(token, fc.string({ unit: "grapheme", maxLength: 200 }), (name, value) => {
      fc.pre(!/^__(secure|host)-/i.test(name));
      const header = new HttpResponse().setCookie(name, value).headers.getSetCookie()[0]!;
      const parsed = parseSetCookie(header)!;
      assert.equal(parsed.name, name);
      assert.equal(decodeURIComponent(parsed.value), value);
      assert.deepEqual(parsed.attributes, [["Path", "/"], ["SameSite", "Lax"]]);
    }),
    1000,
  );
});

test("deleteCookie: any name and options give a TypeError or one expired cookie with the attributes asked", async () => {
  await check(
    fc.property(cookieName, cookieOptions, (name, { maxAge: _maxAge, expires: _expires, ...options }) => {
      const response = new HttpResponse();
      try {
        response.deleteCookie(name, options);
      } catch (error) {
        assertVocabulary(error, "deleteCookie");
        assert.equal(response.headers.getSetCookie().length, 0);
        return;
      }
      const all = response.headers.getSetCookie();
      assert.equal(all.length, 1);
      const parsed = parseSetCookie(all[0]!);
      assert.ok(parsed);
      assert.equal(parsed.name, name);
      assert.equal(parsed.value, "");
      const needsSecure = /^__(secure|host)-/i.test(name) || options.sameSite?.toLowerCase() === "none";
      const secure = options.secure ?? needsSecure;
      assert.deepEqual(
        parsed.attributes,
        expectedAttributes({ ...options, secure, maxAge: 0, expires: "Thu, 01 Jan 1970 00:00:00 GMT" }),
      );
    }),
    2000,
  );
});

// --- redirects -----------------------------------------------------------------------------

const urlPart = fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), anyString(40));
const redirectTarget = fc.oneof(
  urlPart,
  fc.tuple(
    fc.constantFrom("", "/", "//", "http:", "https:", "ftp:", "HTTP://", "http://", "mailto:", " ", "\\\\"),
    urlPart,
  )
    .map(([a, b]) => a + b),
);

test("redirect Location: ASCII, no CR, LF or NUL, a URL reference — or DisallowedRedirect", async () => {
  let accepted = 0;
  const runs = 3000;
  await check(
    fc.property(redirectTarget, fc.boolean(), (target, permanent) => {
      let location: string;
      try {
        const response = permanent ? new HttpResponseMovedPermanently(target) : new RedirectResponse(target);
        location = response.headers.get("location")!;
      } catch (error) {
        assert.ok(error instanceof DisallowedRedirect, `only DisallowedRedirect is thrown, not ${String(error)}`);
        return;
      }
      accepted++;
      assert.doesNotMatch(location, /[\r\n\0]/);
      assert.doesNotMatch(location, /[^\x21-\x7e]/, "visible ASCII only");
      assert.ok(URL.canParse(location, "http://x/"), `${JSON.stringify(location)} is a URL reference`);
    }),
    runs,
  );
  assert.ok(accepted > runs / 5, `the property saw ${accepted} accepted redirects of ${runs}`);
});

// --- server-sent events ----------------------------------------------------------------------

/**
 * Decodes UTF-8 chunks as an EventSource does: one leading BOM dropped, errors replaced. The BOM
 * is dropped here rather than by the decoder: Deno 2.9's streaming `TextDecoder` also drops a
 * U+FEFF that starts a later chunk when the chunk before it was two bytes long.
 */
function* decodeUtf8(chunks: Iterable<Uint8Array>): Iterable<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let leading = true;
  for (const chunk of [...chunks, undefined]) {
    let text = chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    if (leading && text !== "") {
      leading = false;
      if (text.startsWith("\uFEFF")) text = text.slice(1);
    }
    yield text;
  }
}

/** `bytes` cut at the given fractions of its length, as a network might deliver it. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * bytes.byteLength)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, bytes.byteLength]) {
    out.push(bytes.subarray(from, to));
    from = to;
  }
  return out;
}

const fieldString = anyString(30);
const sseEvent: fc.Arbitrary<ServerSentEvent | string> = fc.oneof(
  anyString(40),
  fc.record({
    data: optional(fc.oneof(
      anyString(40),
      fc.jsonValue({ maxDepth: 2 }),
    )),
    event: optional(fieldString),
    id: optional(fc.oneof(fieldString, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))),
    retry: optional(fc.oneof(fc.nat(), fc.integer({ min: -5, max: -1 }), fc.double())),
    comment: optional(fieldString),
  }, { requiredKeys: [] }),
);
const separator = fc.constantFrom<EventSeparator>("\r\n", "\n", "\r");

/** Line breaks as the format carries them: every CRLF, CR and LF becomes LF. */
const lf = (s: string) => s.replace(/\r\n|\r/g, "\n");

/** What an EventSource must make of `events` framed one after another, from the fields given. */
function expectedInterpretation(events: (ServerSentEvent | string)[], retry?: number): Interpretation {
  const out: Interpretation = { events: [], comments: [], lastEventId: "", retry };
  for (const item of events) {
    const event = typeof item === "string" ? { data: item } : item;
    if (event.comment !== undefined) out.comments.push(...lf(event.comment).split("\n").map((c) => " " + c));
    if (event.id !== undefined) out.lastEventId = String(event.id);
    // `retry: 0` is what -0 is written as.
    if (event.retry !== undefined) out.retry = event.retry + 0;
    if (event.data !== undefined) {
      const data = typeof event.data === "string" ? event.data : JSON.stringify(event.data);
      out.events.push({ type: event.event || "message", data: lf(data), lastEventId: out.lastEventId });
    }
  }
  return out;
}

test("encodeServerSentEvent: every event it accepts is read back by a spec parser, field for field", async () => {
  let accepted = 0;
  const runs = 3000;
  const encoder = new TextEncoder();
  await check(
    fc.property(
      sseEvent,
      separator,
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
      (event, sep, cuts) => {
        let text: string;
        try {
          text = encodeServerSentEvent(event, sep);
        } catch (error) {
          assertVocabulary(error, "encodeServerSentEvent");
          return;
        }
        accepted++;
        // The string itself, then its UTF-8 bytes in pieces (where a lone surrogate becomes U+FFFD).
        const expected = expectedInterpretation([event]);
        assert.deepEqual(interpretEventStream([text]), expected);
        assert.deepEqual(interpretEventStream(decodeUtf8(split(encoder.encode(text), cuts))), wellFormed(expected));
      },
    ),
    runs,
  );
  assert.ok(accepted > runs / 3, `the property saw ${accepted} accepted events of ${runs}`);
});

/** `expected` as it arrives over UTF-8: each lone surrogate replaced by U+FFFD. */
function wellFormed(expected: Interpretation): Interpretation {
  const w = (s: string) => s.toWellFormed();
  return {
    events: expected.events.map((e) => ({ type: w(e.type), data: w(e.data), lastEventId: w(e.lastEventId) })),
    comments: expected.comments.map(w),
    lastEventId: w(expected.lastEventId),
    retry: expected.retry,
  };
}

test("EventSourceResponse: a U+FEFF in a comment or data survives every cut of the stream (found by the property below)", async () => {
  const events: ServerSentEvent[] = [{ comment: "\uFEFF" }, { data: "\uFEFFx" }];
  const bytes = new Uint8Array(await new EventSourceResponse(events, { ping: 0 }).arrayBuffer());
  for (let cut = 0; cut <= bytes.byteLength; cut++) {
    assert.deepEqual(
      interpretEventStream(decodeUtf8(split(bytes, [cut / bytes.byteLength]))),
      { ...expectedInterpretation(events), comments: ["", ...expectedInterpretation(events).comments] },
      `cut at byte ${cut}`,
    );
  }
});

test("EventSourceResponse: a sequence of events, sent in any chunking, is read back in order by a spec parser", async () => {
  await check(
    fc.asyncProperty(
      fc.array(sseEvent, { maxLength: 8 }),
      separator,
      optional(fc.nat()),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
      async (events, sep, retry, cuts) => {
        const valid = events.filter((event) => {
          try {
            encodeServerSentEvent(event);
            return true;
          } catch {
            return false;
          }
        });
        const response = new EventSourceResponse(valid, { sep, retry, ping: 0 });
        const bytes = new Uint8Array(await response.arrayBuffer());
        assert.deepEqual(
          interpretEventStream(decodeUtf8(split(bytes, cuts))),
          // The stream opens with an empty comment line (it makes the server send the headers at once).
          wellFormed({
            ...expectedInterpretation(valid, retry),
            comments: ["", ...expectedInterpretation(valid).comments],
          }),
        );
      },
    ),
    500,
  );
});

test("HttpResponse: the Content-Length of any string body is the length of the bytes sent, lone surrogates included", async () => {
  await check(
    fc.asyncProperty(fc.string({ unit: "binary", maxLength: 64 }), async (text) => {
      const response = new HttpResponse(text);
      const sent = new Uint8Array(await response.clone().arrayBuffer());
      assert.equal(response.headers.get("content-length"), String(sent.byteLength));
      assert.deepEqual(sent, new TextEncoder().encode(text));
    }),
    300,
  );
});
