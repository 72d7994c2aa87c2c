import { test } from "node:test";
import assert from "node:assert/strict";
import * as all from "../mod.ts";
import {
  BadHeaderError,
  HTMLResponse,
  HttpResponse,
  HttpResponseNoContent,
  HttpResponseNotModified,
  HttpResponseOK,
  PlainTextResponse,
} from "../mod.ts";
import { roundTrip, runtime } from "./_serve.ts";

test("HttpResponse: defaults to 200 OK, text/html; charset=utf-8 and a Content-Length", async () => {
  const res = new HttpResponse("<h1>hé</h1>");
  assert.equal(res.status, 200);
  assert.equal(res.statusText, "OK");
  assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(res.headers.get("content-length"), "12");
  assert.equal(await res.text(), "<h1>hé</h1>");
});

test("HttpResponse: what a client receives from a real server", async () => {
  const r = await roundTrip(() => new HttpResponse("héllo wörld", { status: 201, headers: { "x-a": "1" } }));
  assert.equal(r.status, 201);
  assert.equal(r.headers.get("content-type"), "text/html; charset=utf-8");
  assert.equal(r.headers.get("content-length"), "13");
  assert.equal(r.headers.get("x-a"), "1");
  assert.deepEqual(r.body, new TextEncoder().encode("héllo wörld"));
});

test("HttpResponse: contentType is verbatim, mediaType gets a charset for text/*", () => {
  assert.equal(new HttpResponse("", { contentType: "text/csv" }).headers.get("content-type"), "text/csv");
  assert.equal(new HttpResponse("", { mediaType: "text/csv" }).headers.get("content-type"), "text/csv; charset=utf-8");
  assert.equal(
    new HttpResponse("", { mediaType: "text/csv; charset=latin1" }).headers.get("content-type"),
    "text/csv; charset=latin1",
  );
  assert.equal(new HttpResponse("", { mediaType: "image/png" }).headers.get("content-type"), "image/png");
  assert.equal(
    new HttpResponse(new Uint8Array([1]), { mediaType: "text/plain", charset: "iso-8859-1" }).headers.get(
      "content-type",
    ),
    "text/plain; charset=iso-8859-1",
  );
  // Other headers leave the default alone (the runtime's own text/plain for a string body too).
  assert.equal(
    new HttpResponse("x", { headers: { "x-a": "1" } }).headers.get("content-type"),
    "text/html; charset=utf-8",
  );
  // A Content-Type in headers stands when init names none.
  assert.equal(
    new HttpResponse("", { headers: { "content-type": "text/x-a" } }).headers.get("content-type"),
    "text/x-a",
  );
  assert.equal(
    new HttpResponse("", { contentType: "text/x-b", headers: { "content-type": "text/x-a" } }).headers.get(
      "content-type",
    ),
    "text/x-b",
  );
});

test("HttpResponse: strings are UTF-8; another charset with a string is a TypeError", () => {
  assert.throws(
    () => new HttpResponse("é", { mediaType: "text/plain", charset: "iso-8859-1" }),
    { name: "TypeError", message: /^HttpResponse: string content is encoded as UTF-8, not "iso-8859-1"/ },
  );
  assert.equal(new HttpResponse("é", { charset: "UTF-8" }).headers.get("content-length"), "2");
});

test("HttpResponse: Content-Length for every body of known length, none for streams", async () => {
  const bytes = new Uint8Array([1, 2, 3]);
  assert.equal(new HttpResponse(bytes).headers.get("content-length"), "3");
  assert.equal(new HttpResponse(bytes.buffer).headers.get("content-length"), "3");
  assert.equal(new HttpResponse(new Blob(["abcd"])).headers.get("content-length"), "4");
  assert.equal(new HttpResponse(null).headers.get("content-length"), "0");
  assert.equal(new HttpResponse().headers.get("content-length"), "0");
  const form = new URLSearchParams({ a: "1 2", b: "é" });
  const fr = new HttpResponse(form);
  assert.equal(fr.headers.get("content-length"), String(form.toString().length));
  assert.equal(fr.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  assert.equal(await fr.text(), "a=1+2&b=%C3%A9");
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array([65]));
      c.close();
    },
  });
  const sr = new HttpResponse(stream);
  assert.equal(sr.headers.get("content-length"), null);
  assert.equal(await sr.text(), "A");
});

test("HttpResponse: a typed Blob and FormData keep their own Content-Type", async () => {
  // Bun adds ";charset=utf-8" to the type of a JSON Blob itself.
  assert.match(
    new HttpResponse(new Blob(["{}"], { type: "application/json" })).headers.get("content-type") ?? "",
    /^application\/json/,
  );
  assert.equal(new HttpResponse(new Blob(["x"])).headers.get("content-type"), "text/html; charset=utf-8");
  const fd = new FormData();
  fd.set("a", "1");
  const res = new HttpResponse(fd);
  assert.match(res.headers.get("content-type") ?? "", /^multipart\/form-data; ?boundary=/);
  assert.equal((await res.formData()).get("a"), "1");
});

test("HttpResponse: statusText defaults to the registered reason phrase and can be set", () => {
  assert.equal(new HttpResponse("", { status: 413 }).statusText, "Content Too Large");
  assert.equal(new HttpResponse("", { status: 422 }).statusText, "Unprocessable Content");
  assert.equal(new HttpResponse("", { status: 299 }).statusText, "");
  assert.equal(new HttpResponse("", { status: 404, statusText: "Nope" }).statusText, "Nope");
  assert.throws(() => new HttpResponse("", { statusText: "a\r\nb" }), { name: "TypeError", message: /reason phrase/ });
});

test("HttpResponse: a status outside 200-599 is a RangeError naming it", async (t) => {
  for (const status of [600, 199, 100, 0, -1, 200.5, NaN, 1000]) {
    await t.test(String(status), () => {
      assert.throws(() => new HttpResponse("x", { status }), (e: Error) => {
        assert.ok(e instanceof RangeError);
        assert.match(e.message, new RegExp(`status ${status} is not a valid response status`));
        return true;
      });
    });
  }
});

test("HttpResponse: status 101 where the runtime's Response allows it", () => {
  if (runtime === "node") {
    assert.throws(() => new HttpResponse(null, { status: 101 }), {
      name: "RangeError",
      message: /101 is not supported/,
    });
  } else {
    const res = new HttpResponse(null, { status: 101 });
    assert.equal(res.status, 101);
    assert.equal(res.headers.get("content-type"), null);
  }
});

test("HttpResponse: null-body statuses have no body, Content-Type or Content-Length", async (t) => {
  for (const status of [204, 205, 304]) {
    await t.test(String(status), () => {
      const res = new HttpResponse("", {
        status,
        headers: { "content-type": "text/plain", "content-length": "5", etag: '"x"' },
      });
      assert.equal(res.status, status);
      assert.equal(res.body, null);
      assert.equal(res.headers.get("content-type"), null);
      assert.equal(res.headers.get("content-length"), null);
      assert.equal(res.headers.get("etag"), '"x"');
      assert.throws(() => new HttpResponse("x", { status }), {
        name: "TypeError",
        message: new RegExp(`a ${status} .* response cannot have content`),
      });
      assert.throws(() => new HttpResponse(new Uint8Array([1]), { status }), TypeError);
      assert.throws(() => new HttpResponse(new ReadableStream(), { status }), TypeError);
    });
  }
  new HttpResponse(new Uint8Array(0), { status: 204 });
});

test("HttpResponse: null-body statuses reach the client without content headers", async (t) => {
  for (
    const make of [
      () => new HttpResponseNoContent(),
      () => new HttpResponseNotModified(null, { headers: { etag: '"v1"' } }),
    ]
  ) {
    await t.test(make.toString(), async () => {
      const r = await roundTrip(make);
      assert.equal(r.body.length, 0);
      assert.equal(r.headers.get("content-type"), null);
      if (r.status === 304) assert.equal(r.headers.get("etag"), '"v1"');
    });
  }
});

test("HttpResponse: a header value with CR, LF or NUL is a BadHeaderError naming the header", async (t) => {
  for (const value of ["a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "a\0b", "a\r\n"]) {
    await t.test(JSON.stringify(value), () => {
      assert.throws(() => new HttpResponse("x", { headers: { "X-Note": value } }), (e: Error) => {
        assert.ok(e instanceof BadHeaderError);
        assert.ok(e instanceof TypeError);
        assert.match(e.message, /header "X-Note": value contains CR, LF or NUL/);
        return true;
      });
      assert.throws(() => new HttpResponse("x", { headers: [["X-Note", value]] }), BadHeaderError);
    });
  }
  assert.throws(() => new HttpResponse("x", { headers: { "X-Note": "snowman ☃" } }), /above U\+00FF/);
  assert.throws(() => new HttpResponse("x", { headers: { "X-Note": "bell\x07" } }), /control character/);
  assert.equal(new HttpResponse("x", { headers: { "X-Note": "tab\there" } }).headers.get("x-note"), "tab\there");
  assert.throws(() => new HttpResponse("x", { headers: { "Bad Name": "v" } }), /not a valid token/);
  assert.throws(() => new HttpResponse("x", { contentType: "text/html\r\nX-A: b" }), BadHeaderError);
  assert.throws(() => new HttpResponse("x", { mediaType: "text/html\nX: y" }), BadHeaderError);
});

test("HttpResponse: header values with Latin-1 characters pass through", () => {
  const res = new HttpResponse("x", { headers: { "x-a": "caf\xe9" } });
  assert.equal(res.headers.get("x-a"), "caf\xe9");
});

test("HttpResponse: clone() keeps the class and the body", async (t) => {
  for (const res of [new HttpResponseOK("a"), new HTMLResponse("b"), new PlainTextResponse("c")]) {
    await t.test(res.constructor.name, async () => {
      const copy = res.clone();
      assert.equal(copy.constructor, res.constructor);
      assert.ok(copy instanceof HttpResponse);
      assert.equal(await copy.text(), await res.text());
    });
  }
});

test("HttpResponse: headers stay mutable", () => {
  const res = new HttpResponse("x");
  res.headers.set("x-late", "1");
  assert.equal(res.headers.get("x-late"), "1");
});

test("HTMLResponse and PlainTextResponse: Starlette content types, status settable", async () => {
  const h = new HTMLResponse("<p>x</p>", { status: 404 });
  assert.equal(h.status, 404);
  assert.equal(h.headers.get("content-type"), "text/html; charset=utf-8");
  const t = new PlainTextResponse("ok");
  assert.equal(t.headers.get("content-type"), "text/plain; charset=utf-8");
  const r = await roundTrip(() => new PlainTextResponse("plain ✓"));
  assert.equal(r.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(r.text, "plain ✓");
  assert.equal(
    new PlainTextResponse("x", { mediaType: "text/csv" }).headers.get("content-type"),
    "text/csv; charset=utf-8",
  );
});

test("HttpResponse: a body of known length reaches the client with its Content-Length, headers read or not", async (t) => {
  for (
    const make of [
      () => new HttpResponseOK("héllo"),
      () => new PlainTextResponse(new Uint8Array([1, 2, 3])),
      () => new HTMLResponse(""),
    ]
  ) {
    await t.test(make.toString(), async () => {
      const expected = make().headers.get("content-length");
      const r = await roundTrip(make);
      assert.equal(r.headers.get("content-length"), expected);
      assert.equal(String(r.body.length), expected);
    });
  }
  const copy = new HttpResponseOK("abc").clone();
  assert.equal(copy.headers.get("content-length"), "3");
});

test("HttpResponse: every construction error names the class the caller constructed, with the right error class", async (t) => {
  class MyPage extends HTMLResponse {}
  const cases: [string, () => unknown, new (...args: never[]) => Error, RegExp][] = [
    ["HttpResponse status", () => new HttpResponse("x", { status: 99 }), RangeError, /^HttpResponse: status 99 /],
    ["subclass status", () => new MyPage("x", { status: 700 }), RangeError, /^MyPage: status 700 /],
    ["subclass statusText", () => new MyPage("x", { statusText: "a\nb" }), TypeError, /^MyPage: statusText "a\\nb" /],
    [
      "status class content",
      () => new HttpResponseNoContent("x" as never),
      TypeError,
      /^HttpResponseNoContent: a 204 No Content response cannot have content$/,
    ],
    [
      "fixed status",
      () => new all.HttpResponseNotFound("x", { status: 200 } as never),
      TypeError,
      /^HttpResponseNotFound: the status is fixed at 404/,
    ],
    [
      "JSON data",
      () => new all.JsonResponseOK(1n),
      TypeError,
      /^JsonResponseOK: data cannot be encoded as JSON: data is a BigInt$/,
    ],
    [
      "option location",
      () => new all.HttpResponseCreated("", { location: "javascript:x" }),
      all.DisallowedRedirect,
      /^HttpResponseCreated: unsafe redirect/,
    ],
    [
      "contentRange",
      () => new all.HttpResponsePartialContent("", { contentRange: [5, 1, 10] }),
      RangeError,
      /^HttpResponsePartialContent: contentRange \[5, 1, 10\]/,
    ],
    [
      "totalLength",
      () => new all.HttpResponseRangeNotSatisfiable(null, { totalLength: -1 }),
      RangeError,
      /^HttpResponseRangeNotSatisfiable: totalLength -1 /,
    ],
    [
      "permittedMethods",
      () => new all.JsonResponseMethodNotAllowed("GET" as never),
      TypeError,
      /^JsonResponseMethodNotAllowed: permittedMethods must be an array of method names, not "GET"$/,
    ],
    [
      "redirect status",
      () => new all.RedirectResponse("/", { status: 200 }),
      RangeError,
      /^RedirectResponse: status 200 is not a redirect status/,
    ],
    [
      "redirect class target",
      () => new all.HttpResponseSeeOther("data:x"),
      all.DisallowedRedirect,
      /^HttpResponseSeeOther: unsafe redirect to URL with scheme "data"$/,
    ],
    [
      "interim",
      () => new all.HttpResponseEarlyHints(),
      TypeError,
      /^HttpResponseEarlyHints: 103 Early Hints is an interim/,
    ],
  ];
  for (const [label, make, errorClass, message] of cases) {
    await t.test(label, () => {
      assert.throws(make, (e: Error) => {
        assert.ok(e instanceof errorClass, `${e.name} is not a ${errorClass.name}`);
        assert.match(e.message, message);
        return true;
      });
    });
  }
});

test("HttpResponse: a string body's Content-Length counts UTF-8 bytes, a lone surrogate as three", async (t) => {
  for (const [text, length] of [["héllo", "6"], ["☃", "3"], ["\ud800", "3"], ["😀", "4"], ["", "0"]] as const) {
    await t.test(JSON.stringify(text), () => {
      assert.equal(new HttpResponse(text).headers.get("content-length"), length);
    });
  }
});
