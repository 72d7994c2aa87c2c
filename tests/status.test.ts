import { test } from "node:test";
import assert from "node:assert/strict";
import * as all from "../mod.ts";
import {
  HttpResponse,
  HttpResponseCreated,
  HttpResponseFound,
  HttpResponseInternalServerError,
  HttpResponseMethodNotAllowed,
  HttpResponseMovedPermanently,
  HttpResponseNotAllowed,
  HttpResponseNotFound,
  HttpResponseOK,
  HttpResponsePartialContent,
  HttpResponsePermanentRedirect,
  HttpResponseProxyAuthenticationRequired,
  HttpResponseRangeNotSatisfiable,
  HttpResponseRedirect,
  HttpResponseServerError,
  HttpResponseServiceUnavailable,
  HttpResponseSwitchingProtocols,
  HttpResponseTooManyRequests,
  HttpResponseUnauthorized,
  HttpResponseUpgradeRequired,
  JsonResponseCreated,
  JsonResponseInternalServerError,
  JsonResponseMethodNotAllowed,
  JsonResponseMovedPermanently,
  JsonResponseNotAllowed,
  JsonResponseNotFound,
  JsonResponseOK,
  JsonResponseServerError,
  STATUS_CODE,
  STATUS_TEXT,
} from "../mod.ts";
import { reasonPhrase } from "../src/status.ts";
import { roundTrip, runtime } from "./_serve.ts";

const exports = all as unknown as Record<string, new (...args: unknown[]) => Response>;
const entries = Object.entries(STATUS_CODE) as [string, number][];
const NULL_BODY = new Set([101, 204, 205, 304]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function make(name: string, status: number, json: boolean): Response {
  const cls = exports[(json ? "JsonResponse" : "HttpResponse") + name];
  if (status === 405) return new cls(["GET"], json ? { a: 1 } : "x");
  if (REDIRECTS.has(status) && !json) return new cls("/next");
  if (json) return new cls({ a: 1 });
  return new cls(NULL_BODY.has(status) ? null : "x");
}

test("STATUS_CODE and STATUS_TEXT: the IANA registry in RFC 9110 wording", () => {
  assert.equal(STATUS_CODE.NotFound, 404);
  assert.equal(STATUS_CODE.ContentTooLarge, 413);
  assert.equal(STATUS_CODE.UnprocessableContent, 422);
  assert.equal(STATUS_TEXT[413], "Content Too Large");
  assert.equal(STATUS_TEXT[422], "Unprocessable Content");
  assert.equal(STATUS_TEXT[103], "Early Hints");
  assert.equal(STATUS_TEXT[511], "Network Authentication Required");
  assert.equal(entries.length, Object.keys(STATUS_TEXT).length);
  for (const [, code] of entries) assert.ok(STATUS_TEXT[code as keyof typeof STATUS_TEXT]);
  for (
    const code of [
      100,
      101,
      102,
      103,
      200,
      201,
      202,
      203,
      204,
      205,
      206,
      207,
      208,
      226,
      300,
      301,
      302,
      303,
      304,
      305,
      307,
      308,
      400,
      401,
      402,
      403,
      404,
      405,
      406,
      407,
      408,
      409,
      410,
      411,
      412,
      413,
      414,
      415,
      416,
      417,
      421,
      422,
      423,
      424,
      425,
      426,
      428,
      429,
      431,
      451,
      500,
      501,
      502,
      503,
      504,
      505,
      506,
      507,
      508,
      510,
      511,
    ]
  ) {
    assert.ok(entries.some(([, c]) => c === code), `missing ${code}`);
  }
});

test("every status has an HttpResponse<Name> class with its status, reason phrase and name", async (t) => {
  for (const [name, status] of entries) {
    await t.test(`HttpResponse${name}`, () => {
      const cls = exports["HttpResponse" + name];
      assert.equal(typeof cls, "function", `HttpResponse${name}`);
      assert.equal(cls.name, "HttpResponse" + name);
      if (status < 200 && status !== 101) return;
      if (status === 101 && runtime === "node") return;
      const res = make(name, status, false);
      assert.ok(res instanceof HttpResponse);
      assert.ok(res instanceof cls);
      assert.equal(res.status, status);
      assert.equal(res.statusText, STATUS_TEXT[status as keyof typeof STATUS_TEXT]);
    });
  }
});

test("every status that allows a body has a JsonResponse<Name> class; the others don't", async (t) => {
  for (const [name, status] of entries) {
    await t.test(`JsonResponse${name}`, async () => {
      const cls = exports["JsonResponse" + name];
      if (status < 200 || NULL_BODY.has(status)) {
        assert.equal(cls, undefined, `JsonResponse${name} should not exist`);
        return;
      }
      assert.equal(cls.name, "JsonResponse" + name);
      const res = make(name, status, true);
      assert.equal(res.status, status);
      assert.equal(res.headers.get("content-type"), "application/json");
      assert.deepEqual(await res.json(), { a: 1 });
    });
  }
});

test("interim 1xx classes other than 101 throw a TypeError that explains why", async (t) => {
  for (const name of ["Continue", "Processing", "EarlyHints", "UploadResumptionSupported"]) {
    await t.test(`HttpResponse${name}`, () => {
      assert.throws(() => new exports["HttpResponse" + name](), {
        name: "TypeError",
        message: /is an interim \(1xx\) response, which a web Response cannot be/,
      });
    });
  }
  assert.throws(() => new all.HttpResponseContinue(), /HttpResponseContinue: 100 Continue/);
});

test("status classes: the status is fixed; another one is a TypeError", () => {
  assert.throws(
    () => new HttpResponseNotFound("x", { status: 200 } as never),
    { name: "TypeError", message: /HttpResponseNotFound: the status is fixed at 404/ },
  );
  assert.equal(new HttpResponseNotFound("x", { status: 404 } as never).status, 404);
});

test("Django aliases are the same classes", () => {
  assert.equal(HttpResponseRedirect, HttpResponseFound);
  assert.equal(HttpResponseServerError, HttpResponseInternalServerError);
  assert.equal(HttpResponseNotAllowed, HttpResponseMethodNotAllowed);
  assert.equal(JsonResponseServerError, JsonResponseInternalServerError);
  assert.equal(JsonResponseNotAllowed, JsonResponseMethodNotAllowed);
  assert.equal(new HttpResponseRedirect("/x").status, 302);
  assert.equal(new HttpResponsePermanentRedirect("/x").status, 308);
  assert.equal(new HttpResponseMovedPermanently("/x").status, 301);
  assert.equal(new HttpResponseServerError().status, 500);
});

test("201: location and contentLocation", () => {
  const res = new HttpResponseCreated("made", { location: "/items/é 1", contentLocation: "/items/1?v=ü" });
  assert.equal(res.headers.get("location"), "/items/%C3%A9%201");
  assert.equal(res.headers.get("content-location"), "/items/1?v=%C3%BC");
  const j = new JsonResponseCreated({ id: 1 }, { location: "https://api.example/items/1" });
  assert.equal(j.headers.get("location"), "https://api.example/items/1");
  assert.throws(() => new HttpResponseCreated("", { location: "javascript:alert(1)" }), all.DisallowedRedirect);
});

test("206: contentRange as a tuple or a string", async (t) => {
  const res = new HttpResponsePartialContent("x".repeat(1024), { contentRange: [0, 1023, 2048] });
  assert.equal(res.headers.get("content-range"), "bytes 0-1023/2048");
  assert.equal(
    new HttpResponsePartialContent("", { contentRange: "bytes 0-0/*" }).headers.get("content-range"),
    "bytes 0-0/*",
  );
  for (const bad of [[5, 1, 10], [-1, 2, 10], [0, 10, 10], [0.5, 1, 10]] as [number, number, number][]) {
    await t.test(`[${bad.join(", ")}]`, () => {
      assert.throws(() => new HttpResponsePartialContent("", { contentRange: bad }), RangeError);
    });
  }
});

test("a status class given only its options: the status, the option header, Content-Type and Content-Length", async (t) => {
  const headersOf = (res: Response) => Object.fromEntries(res.headers);
  await t.test("201 with location", async () => {
    const res = new HttpResponseCreated("made", { location: "/items/7" });
    assert.equal(res.status, 201);
    assert.equal(res.statusText, "Created");
    assert.deepEqual(headersOf(res), {
      "content-length": "4",
      "content-type": "text/html; charset=utf-8",
      location: "/items/7",
    });
    assert.equal(await res.text(), "made");
  });
  await t.test("201 with location and no content", async () => {
    const res = new HttpResponseCreated(undefined, { location: "/items/7" });
    assert.equal(res.headers.get("content-length"), "0");
    assert.equal(await res.text(), "");
  });
  await t.test("304 with retryAfter: no body, no Content-Type, no Content-Length", () => {
    const res = new all.HttpResponseNotModified(null, { retryAfter: 5 });
    assert.equal(res.status, 304);
    assert.equal(res.body, null);
    assert.deepEqual(headersOf(res), { "retry-after": "5" });
  });
  await t.test("304 with retryAfter and content is a TypeError", () => {
    assert.throws(() => new all.HttpResponseNotModified("x" as unknown as null, { retryAfter: 5 }), {
      name: "TypeError",
      message: /^HttpResponseNotModified: /,
    });
  });
  await t.test("201 with location and a media type", () => {
    const res = new HttpResponseCreated("a,b", { location: "/items/7", mediaType: "text/csv" });
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(res.headers.get("location"), "/items/7");
    assert.equal(res.headers.get("content-length"), "3");
  });
});

test("401/407: WWW-Authenticate and Proxy-Authenticate", () => {
  assert.equal(
    new HttpResponseUnauthorized("", { wwwAuthenticate: 'Bearer realm="api"' }).headers.get("www-authenticate"),
    'Bearer realm="api"',
  );
  assert.equal(
    new HttpResponseProxyAuthenticationRequired("", { proxyAuthenticate: "Basic" }).headers.get("proxy-authenticate"),
    "Basic",
  );
  assert.throws(() => new HttpResponseUnauthorized("", { wwwAuthenticate: "Basic\r\nX: y" }), all.BadHeaderError);
});

test("Retry-After: seconds or a date on 408, 413, 429, 503 and 3xx", async (t) => {
  assert.equal(new HttpResponseTooManyRequests("", { retryAfter: 30 }).headers.get("retry-after"), "30");
  assert.equal(new HttpResponseTooManyRequests("", { retryAfter: 1.2 }).headers.get("retry-after"), "2");
  assert.equal(
    new HttpResponseServiceUnavailable("", { retryAfter: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) }).headers.get(
      "retry-after",
    ),
    "Wed, 02 Jan 2030 03:04:05 GMT",
  );
  assert.equal(new HttpResponseMovedPermanently("/x", { retryAfter: 5 }).headers.get("retry-after"), "5");
  assert.equal(new all.HttpResponseRequestTimeout("", { retryAfter: 0 }).headers.get("retry-after"), "0");
  assert.equal(new all.HttpResponseContentTooLarge("", { retryAfter: 9 }).headers.get("retry-after"), "9");
  for (const bad of [-1, NaN, Infinity]) {
    await t.test(String(bad), () => {
      assert.throws(() => new HttpResponseTooManyRequests("", { retryAfter: bad }), {
        name: "RangeError",
        message: /retryAfter/,
      });
    });
  }
  assert.throws(() => new HttpResponseTooManyRequests("", { retryAfter: new Date("nope") }), TypeError);
});

test("416: totalLength gives Content-Range: bytes */N", () => {
  assert.equal(
    new HttpResponseRangeNotSatisfiable(null, { totalLength: 2048 }).headers.get("content-range"),
    "bytes */2048",
  );
  assert.throws(() => new HttpResponseRangeNotSatisfiable(null, { totalLength: -1 }), RangeError);
});

test("101 and 426: upgrade gives Upgrade and Connection: upgrade", () => {
  const r = new HttpResponseUpgradeRequired("upgrade please", { upgrade: ["HTTP/2.0", "HTTP/3"] });
  assert.equal(r.headers.get("upgrade"), "HTTP/2.0, HTTP/3");
  assert.equal(r.headers.get("connection"), "upgrade");
  if (runtime !== "node") {
    const s = new HttpResponseSwitchingProtocols(null, { upgrade: "websocket" });
    assert.equal(s.status, 101);
    assert.equal(s.headers.get("upgrade"), "websocket");
    assert.throws(() => new HttpResponseSwitchingProtocols("body" as never), TypeError);
  }
});

test("405: permitted methods become Allow, on Http and Json classes", async (t) => {
  const r = new HttpResponseNotAllowed(["GET", "HEAD"]);
  assert.equal(r.status, 405);
  assert.equal(r.headers.get("allow"), "GET, HEAD");
  const j = new JsonResponseNotAllowed(["POST"], { error: "use POST" });
  assert.equal(j.headers.get("allow"), "POST");
  assert.deepEqual(await j.json(), { error: "use POST" });
  const empty = new JsonResponseNotAllowed(["GET"]);
  assert.equal(await empty.text(), "");
  for (const bad of [["GET, X"], ["G ET"], "GET" as unknown as string[], [""]]) {
    await t.test(JSON.stringify(bad), () => {
      assert.throws(() => new HttpResponseNotAllowed(bad), { name: "TypeError", message: /permittedMethods/ });
    });
  }
});

test("405s made again with the same methods: each class keeps its type, each response its own headers", async (t) => {
  const methods = ["GET", "HEAD"];
  await t.test("Http, then Json, then Http again", async () => {
    const first = new HttpResponseNotAllowed(methods);
    const json = new JsonResponseNotAllowed(methods, { error: "no" });
    const again = new HttpResponseNotAllowed(methods, "<p>no</p>");
    assert.equal(first.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(json.headers.get("content-type"), "application/json");
    assert.equal(json.headers.get("content-length"), String(JSON.stringify({ error: "no" }).length));
    assert.equal(again.headers.get("content-length"), "9");
    assert.deepEqual([first, json, again].map((r) => r.headers.get("allow")), ["GET, HEAD", "GET, HEAD", "GET, HEAD"]);
    assert.equal(await again.text(), "<p>no</p>");
  });
  await t.test("the caller's list changed in place", () => {
    const list = ["GET"];
    assert.equal(new HttpResponseNotAllowed(list).headers.get("allow"), "GET");
    list.push("POST");
    assert.equal(new HttpResponseNotAllowed(list).headers.get("allow"), "GET, POST");
  });
  await t.test("a header set on one is not on the next", () => {
    new HttpResponseNotAllowed(methods).headers.set("x-first", "1");
    assert.equal(new HttpResponseNotAllowed(methods).headers.get("x-first"), null);
  });
  await t.test("a Blob as content: its type and length", async () => {
    const blob = new Blob(["{}"], { type: "application/json" });
    const r = new HttpResponseNotAllowed(methods, blob);
    assert.equal(r.headers.get("content-type"), blob.type); // Bun's Blob adds ";charset=utf-8" to its type
    assert.equal(r.headers.get("content-length"), "2");
    assert.equal(r.headers.get("allow"), "GET, HEAD");
    assert.equal(await r.text(), "{}");
  });
});

test("JSON 3xx classes take a location", () => {
  const r = new JsonResponseMovedPermanently({ moved: true }, { location: "/new" });
  assert.equal(r.status, 301);
  assert.equal(r.headers.get("location"), "/new");
});

test("status classes through a real server: status, headers and exact body", async () => {
  const r = await roundTrip(() => new JsonResponseNotFound({ error: "nope", path: "/é" }));
  assert.equal(r.status, 404);
  assert.equal(r.headers.get("content-type"), "application/json");
  assert.equal(r.headers.get("content-length"), String(r.body.length));
  assert.equal(r.text, '{"error":"nope","path":"/é"}');
  const h = await roundTrip(() => new HttpResponseOK("ok"));
  assert.equal(h.status, 200);
  assert.equal(h.text, "ok");
  const t = await roundTrip(() => new HttpResponseTooManyRequests("slow down", { retryAfter: 7 }));
  assert.equal(t.status, 429);
  assert.equal(t.headers.get("retry-after"), "7");
  const a = await roundTrip(() => new HttpResponseNotAllowed(["GET", "HEAD"], "no"), { method: "POST" });
  assert.equal(a.status, 405);
  assert.equal(a.headers.get("allow"), "GET, HEAD");
  const j = await roundTrip(() => new JsonResponseOK([1, "two", null]));
  assert.equal(j.text, '[1,"two",null]');
});

test("reasonPhrase: the registered phrase, or an empty string for an unregistered code", async (t) => {
  for (const [status, phrase] of [[404, "Not Found"], [418, "I'm a teapot"], [599, ""], [0, ""]] as const) {
    await t.test(String(status), () => assert.equal(reasonPhrase(status), phrase));
  }
});
