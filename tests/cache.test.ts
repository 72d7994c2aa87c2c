import { test } from "node:test";
import assert from "node:assert/strict";
import {
  type CacheControlDirectives,
  httpDate,
  HttpResponse,
  JsonResponseOK,
  neverCache,
  patchCacheControl,
  patchVary,
  RedirectResponse,
} from "../mod.ts";
import { withServer } from "./_serve.ts";

/** Serves `cases[i]()` at `/i` and fetches each: the headers as a client receives them. */
async function received(cases: (() => Response)[]): Promise<Headers[]> {
  return await withServer((request) => cases[Number(new URL(request.url).pathname.slice(1))]!(), async (url) => {
    const out: Headers[] = [];
    for (let i = 0; i < cases.length; i++) {
      const res = await fetch(`${url}/${i}`, { redirect: "manual" });
      await res.arrayBuffer();
      out.push(res.headers);
    }
    return out;
  });
}

const withCacheControl = (value?: string) =>
  new HttpResponse("hi", value === undefined ? {} : { headers: { "cache-control": value } });

test("patchCacheControl merges directives into Cache-Control as Django's patch_cache_control does", async (t) => {
  const table: [string | undefined, CacheControlDirectives, string | null][] = [
    [undefined, { maxAge: 60 }, "max-age=60"],
    [undefined, { public: true, maxAge: 60, sMaxage: 600 }, "public, max-age=60, s-maxage=600"],
    ["max-age=600", { maxAge: 60 }, "max-age=60"],
    ["max-age=30", { maxAge: 60 }, "max-age=30"],
    ["private, max-age=600", { public: true }, "max-age=600, public"],
    ["public, max-age=600", { private: true }, "max-age=600, private"],
    ["no-cache, s-maxage=10", { sMaxage: 20 }, "no-cache, s-maxage=20"],
    ["no-store, must-revalidate", { noStore: false }, "must-revalidate"],
    ["no-store", { noStore: false }, null],
    [
      'no-cache="set-cookie, authorization", max-age=5',
      { mustRevalidate: true },
      'no-cache="set-cookie, authorization", max-age=5, must-revalidate',
    ],
    ["Max-Age=100, X-Custom=1", { maxAge: 200 }, "max-age=100, X-Custom=1"],
    [undefined, { immutable: true, maxAge: 31536000 }, "immutable, max-age=31536000"],
    [undefined, { staleWhileRevalidate: 30, staleIfError: 86400 }, "stale-while-revalidate=30, stale-if-error=86400"],
    [
      undefined,
      { noTransform: true, proxyRevalidate: true, noCache: true },
      "no-transform, proxy-revalidate, no-cache",
    ],
    ["max-age=10", { maxAge: false, noCache: true }, "no-cache"],
    ["public", { public: true }, "public"],
  ];
  const headers = await received(
    table.map(([before, directives]) => () => patchCacheControl(withCacheControl(before), directives)),
  );
  for (const [i, [before, directives, after]] of table.entries()) {
    await t.test(`${before ?? "(none)"} + ${JSON.stringify(directives)}`, () => {
      assert.equal(headers[i]!.get("cache-control"), after);
    });
  }
});

test("patchCacheControl returns the response it was given, of its own class", () => {
  const res = new JsonResponseOK({ a: 1 });
  assert.equal(patchCacheControl(res, { maxAge: 1 }), res);
});

test("patchCacheControl refuses what is not a directive or a valid value, naming it", async (t) => {
  const table: [string, unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    ["unknown name", { maxage: 1 }, TypeError, /^patchCacheControl: "maxage" is not a Cache-Control directive$/],
    ["negative", { maxAge: -1 }, RangeError, /^patchCacheControl: maxAge -1 is not a whole number/],
    ["fractional", { sMaxage: 1.5 }, RangeError, /^patchCacheControl: sMaxage 1\.5 is not a whole number/],
    ["infinite", { staleIfError: Infinity }, RangeError, /^patchCacheControl: staleIfError Infinity/],
    [
      "string with CR/LF",
      { maxAge: "1\r\nSet-Cookie: a=b" },
      TypeError,
      /^patchCacheControl: maxAge "1\\r\\nSet-Cookie: a=b" is not a number/,
    ],
    [
      "string for a flag",
      { public: "yes\r\nx: y" },
      TypeError,
      /^patchCacheControl: public "yes\\r\\nx: y" is not true or false$/,
    ],
    ["true for a number", { maxAge: true }, TypeError, /^patchCacheControl: maxAge true is not a number/],
    [
      "public and private",
      { public: true, private: true },
      TypeError,
      /^patchCacheControl: public and private exclude each other$/,
    ],
    ["not an object", null, TypeError, /^patchCacheControl: directives null is not an object$/],
  ];
  for (const [name, directives, type, message] of table) {
    await t.test(name, () => {
      const res = withCacheControl("max-age=5");
      assert.throws(
        () => patchCacheControl(res, directives as CacheControlDirectives),
        (e: Error) => e instanceof type && message.test(e.message),
      );
      assert.equal(res.headers.get("cache-control"), "max-age=5", "unchanged");
    });
  }
});

test("patchVary adds the fields Vary lacks, case-insensitively and once; * stays alone", async (t) => {
  const table: [string | undefined, string[], string][] = [
    [undefined, ["Accept-Encoding"], "Accept-Encoding"],
    ["Accept", ["Cookie", "accept"], "Accept, Cookie"],
    ["accept-encoding", ["Accept-Encoding", "Cookie", "cookie"], "accept-encoding, Cookie"],
    ["*", ["Cookie"], "*"],
    ["Cookie", ["*"], "*"],
    ["Accept", [], "Accept"],
  ];
  const headers = await received(
    table.map(([before, fields]) => () =>
      patchVary(new HttpResponse("hi", before === undefined ? {} : { headers: { vary: before } }), ...fields)
    ),
  );
  for (const [i, [before, fields, after]] of table.entries()) {
    await t.test(`${before ?? "(none)"} + ${fields.join(" ")}`, () => assert.equal(headers[i]!.get("vary"), after));
  }
});

test("patchVary refuses a field that is not a header name, so nothing can be injected", async (t) => {
  for (const field of ["Cookie\r\nSet-Cookie: a=b", "Accept Encoding", "", "Cookie,Accept", 7]) {
    await t.test(JSON.stringify(field), () => {
      const res = new HttpResponse("hi", { headers: { vary: "Accept" } });
      assert.throws(
        () => patchVary(res, field as string),
        (e: Error) => e instanceof TypeError && /^patchVary: .* is not a header field name or "\*"$/.test(e.message),
      );
      assert.equal(res.headers.get("vary"), "Accept");
    });
  }
});

test("neverCache replaces Cache-Control with Django's never-cache set and sets Expires to now", async () => {
  const before = Math.floor(Date.now() / 1000) * 1000;
  const [headers] = await received([() => neverCache(withCacheControl("public, max-age=600"))]);
  assert.equal(headers!.get("cache-control"), "max-age=0, no-cache, no-store, must-revalidate, private");
  const expires = Date.parse(headers!.get("expires") ?? "");
  assert.ok(expires >= before && expires <= Date.now(), `Expires ${headers!.get("expires")} is now`);
  assert.equal(headers!.get("expires"), httpDate(expires));
});

test("the helpers work on any response: a redirect keeps its Location", async () => {
  const [headers] = await received([() => patchVary(neverCache(new RedirectResponse("/next")), "Cookie")]);
  assert.equal(headers!.get("location"), "/next");
  assert.equal(headers!.get("vary"), "Cookie");
  assert.equal(headers!.get("cache-control"), "max-age=0, no-cache, no-store, must-revalidate, private");
});
