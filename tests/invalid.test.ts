/**
 * The error vocabulary, over every place the public API throws for bad input: a `TypeError` for
 * a wrong type or value, a `RangeError` for a number out of range, the contract's own classes
 * (`BadHeaderError`, `DisallowedRedirect`) where it names them, and every message starting with
 * the public name the caller used. One subtest per throw site, so each one reports on its own.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BadHeaderError,
  contentDisposition,
  DisallowedRedirect,
  encodeServerSentEvent,
  EventSourceResponse,
  FileResponse,
  getCookies,
  getSignedCookie,
  HTMLResponse,
  httpDate,
  HttpError,
  HttpResponse,
  HttpResponseContinue,
  HttpResponseCreated,
  HttpResponseFound,
  HttpResponseMethodNotAllowed,
  HttpResponseNoContent,
  HttpResponseOK,
  HttpResponsePartialContent,
  HttpResponseProxyAuthenticationRequired,
  HttpResponseRangeNotSatisfiable,
  HttpResponseServiceUnavailable,
  HttpResponseSwitchingProtocols,
  HttpResponseUnauthorized,
  HttpResponseUpgradeRequired,
  JSONResponse,
  JsonResponse,
  JsonResponseMethodNotAllowed,
  JsonResponseOK,
  parseRange,
  PlainTextResponse,
  ProblemDetailsResponse,
  RedirectResponse,
  retryAfterValue,
  type ServerSentEvent,
  setContentLocation,
  StreamingResponse,
} from "../mod.ts";
import { serveFiles } from "../src/hono.ts";
import { onNode } from "./_runtime.ts";

type ErrorClass = typeof TypeError | typeof RangeError | typeof BadHeaderError | typeof DisallowedRedirect;

/** One throw site: what the caller calls, with which bad input, and the error it must get. */
interface Row {
  /** The public name the message starts with. */
  name: string;
  /** The bad input, in words. */
  input: string;
  /** The class of the error, exactly. */
  error: ErrorClass;
  /** Calls the API with the bad input; may return a promise that must reject. */
  call: () => unknown;
  /** Set while the owner of the code has not yet moved it to the vocabulary. */
  todo?: string;
  /** Set where the runtime running the suite has no such throw site. */
  skip?: string;
}

const bad = <T>(value: unknown): T => value as T;
const self = new URL(import.meta.url);

async function expectError(row: Row): Promise<void> {
  await assert.rejects(async () => await row.call(), (error: unknown) => {
    assert.ok(error instanceof Error, `${String(error)} is an Error`);
    assert.equal(error.constructor, row.error, `${error.constructor.name} (${error.message}) is a ${row.error.name}`);
    assert.ok(
      error.message.startsWith(`${row.name}: `),
      `${JSON.stringify(error.message)} starts with "${row.name}: "`,
    );
    return true;
  });
}

async function table(
  t: { test: (name: string, options: object, fn: () => Promise<void>) => Promise<unknown> },
  rows: Row[],
) {
  for (const row of rows) {
    const label = `${row.name}: ${row.input} → ${row.error.name}`;
    const options = { ...(row.todo === undefined ? {} : { todo: row.todo }), ...(row.skip ? { skip: row.skip } : {}) };
    await t.test(label, options, () => expectError(row));
  }
}

const withHeaders = { "x-note": "a\r\nSet-Cookie: x=1" };

test("helpers: httpDate, retryAfterValue, setContentLocation", async (t) => {
  await table(t, [
    { name: "httpDate", input: "an unparsable string", error: TypeError, call: () => httpDate("not a date") },
    { name: "httpDate", input: "an invalid Date", error: TypeError, call: () => httpDate(new Date(NaN)) },
    { name: "httpDate", input: "null", error: TypeError, call: () => httpDate(bad(null)) },
    { name: "httpDate", input: "NaN", error: RangeError, call: () => httpDate(NaN) },
    { name: "httpDate", input: "a time beyond the Date range", error: RangeError, call: () => httpDate(8.64e15 + 1) },
    { name: "retryAfterValue", input: "-1", error: RangeError, call: () => retryAfterValue(-1) },
    { name: "retryAfterValue", input: "Infinity", error: RangeError, call: () => retryAfterValue(Infinity) },
    { name: "retryAfterValue", input: "NaN", error: RangeError, call: () => retryAfterValue(NaN) },
    { name: "retryAfterValue", input: 'the string "5"', error: TypeError, call: () => retryAfterValue(bad("5")) },
    { name: "retryAfterValue", input: "an invalid Date", error: TypeError, call: () => retryAfterValue(new Date(NaN)) },
    {
      name: "setContentLocation",
      input: "CR LF in the URI",
      error: BadHeaderError,
      call: () => setContentLocation(new HttpResponseOK(), "/a\r\nX: y"),
    },
    {
      name: "setContentLocation",
      input: "a lone surrogate",
      error: BadHeaderError,
      call: () => setContentLocation(new HttpResponseOK(), "/\ud800"),
    },
  ]);
});

test("cookies: setCookie, deleteCookie, setSignedCookie, getCookies, getSignedCookie", async (t) => {
  const set = (name: unknown, value: unknown, options?: unknown) => () =>
    new HttpResponse().setCookie(bad(name), bad(value), bad(options));
  const del = (name: unknown, options?: unknown) => () => new HttpResponse().deleteCookie(bad(name), bad(options));
  const signed = (name: unknown, value: unknown, secret: unknown, options?: unknown) => () =>
    new HttpResponse().setSignedCookie(bad(name), bad(value), bad(secret), bad(options));
  const request = new Request("http://localhost/", { headers: { cookie: "s=v" } });
  await table(t, [
    { name: "setCookie", input: "a name that is not a token", error: TypeError, call: set("a b", "v") },
    { name: "setCookie", input: "a value that is not a string", error: TypeError, call: set("a", 1) },
    { name: "setCookie", input: "a value with a lone surrogate", error: TypeError, call: set("a", "\ud800") },
    { name: "setCookie", input: "options that are not an object", error: TypeError, call: set("a", "v", null) },
    { name: "setCookie", input: "a path with ;", error: TypeError, call: set("a", "v", { path: "/a;b" }) },
    {
      name: "setCookie",
      input: "a domain that is not a host",
      error: TypeError,
      call: set("a", "v", { domain: "a b" }),
    },
    { name: "setCookie", input: 'sameSite "loose"', error: TypeError, call: set("a", "v", { sameSite: "loose" }) },
    { name: "setCookie", input: 'priority "urgent"', error: TypeError, call: set("a", "v", { priority: "urgent" }) },
    { name: "setCookie", input: "__Secure- without secure", error: TypeError, call: set("__Secure-a", "v") },
    { name: "setCookie", input: "__Host- without secure", error: TypeError, call: set("__Host-a", "v") },
    {
      name: "setCookie",
      input: '__Host- with a path other than "/"',
      error: TypeError,
      call: set("__Host-a", "v", { secure: true, path: "/a" }),
    },
    {
      name: "setCookie",
      input: "__Host- with a domain",
      error: TypeError,
      call: set("__Host-a", "v", { secure: true, domain: "x.example" }),
    },
    {
      name: "setCookie",
      input: 'sameSite "none" without secure',
      error: TypeError,
      call: set("a", "v", { sameSite: "none" }),
    },
    {
      name: "setCookie",
      input: "partitioned without secure",
      error: TypeError,
      call: set("a", "v", { partitioned: true }),
    },
    { name: "setCookie", input: "more than 4096 bytes", error: TypeError, call: set("a", "v".repeat(4096)) },
    { name: "setCookie", input: 'maxAge "60"', error: TypeError, call: set("a", "v", { maxAge: "60" }) },
    { name: "setCookie", input: "maxAge NaN", error: RangeError, call: set("a", "v", { maxAge: NaN }) },
    { name: "setCookie", input: "maxAge Infinity", error: RangeError, call: set("a", "v", { maxAge: Infinity }) },
    {
      name: "setCookie",
      input: "expires an unparsable string",
      error: TypeError,
      call: set("a", "v", { expires: "soon" }),
    },
    {
      name: "setCookie",
      input: "expires an invalid Date",
      error: TypeError,
      call: set("a", "v", { expires: new Date(NaN) }),
    },
    { name: "setCookie", input: "expires NaN", error: RangeError, call: set("a", "v", { expires: NaN }) },
    {
      name: "setCookie",
      input: "expires in the year 10000",
      error: RangeError,
      call: set("a", "v", { expires: Date.UTC(10000, 0, 1) }),
    },
    { name: "deleteCookie", input: "a name that is not a token", error: TypeError, call: del("a;b") },
    { name: "deleteCookie", input: "options that are not an object", error: TypeError, call: del("a", null) },
    { name: "deleteCookie", input: "a path with a space", error: TypeError, call: del("a", { path: "/a b" }) },
    {
      name: "deleteCookie",
      input: "__Host- with secure: false",
      error: TypeError,
      call: del("__Host-a", { secure: false }),
    },
    { name: "setSignedCookie", input: "a name that is not a token", error: TypeError, call: signed("a b", "v", "k") },
    { name: "setSignedCookie", input: "a value that is not a string", error: TypeError, call: signed("a", 1, "k") },
    { name: "setSignedCookie", input: "an empty secret", error: TypeError, call: signed("a", "v", "") },
    {
      name: "setSignedCookie",
      input: "options that are not an object",
      error: TypeError,
      call: signed("a", "v", "k", 1),
    },
    { name: "setSignedCookie", input: "maxAge NaN", error: RangeError, call: signed("a", "v", "k", { maxAge: NaN }) },
    { name: "getCookies", input: "no request", error: TypeError, call: () => getCookies(bad(undefined)) },
    { name: "getCookies", input: "a request without headers", error: TypeError, call: () => getCookies(bad({})) },
    {
      name: "getSignedCookie",
      input: "an empty list of secrets",
      error: TypeError,
      call: () => getSignedCookie(request, [], "s"),
    },
    {
      name: "getSignedCookie",
      input: "a secret that is not a string",
      error: TypeError,
      call: () => getSignedCookie(request, bad(1), "s"),
    },
    {
      name: "getSignedCookie",
      input: "no request",
      error: TypeError,
      call: () => getSignedCookie(bad(null), "k", "s"),
    },
  ]);
});

test("responses: HttpResponse and its subclasses", async (t) => {
  await table(t, [
    { name: "HttpResponse", input: "status 99", error: RangeError, call: () => new HttpResponse(null, { status: 99 }) },
    {
      name: "HttpResponse",
      input: "status 200.5",
      error: RangeError,
      call: () => new HttpResponse(null, { status: 200.5 }),
    },
    {
      name: "HttpResponse",
      input: 'status "200"',
      error: TypeError,
      call: () => new HttpResponse(null, { status: bad("200") }),
    },
    {
      name: "HttpResponse",
      input: "a statusText with LF",
      error: TypeError,
      call: () => new HttpResponse(null, { statusText: "a\nb" }),
    },
    {
      name: "HttpResponse",
      input: "content for a 204",
      error: TypeError,
      call: () => new HttpResponse("x", { status: 204 }),
    },
    {
      name: "HttpResponse",
      input: "a string with charset latin1",
      error: TypeError,
      call: () => new HttpResponse("x", { charset: "latin1" }),
    },
    {
      name: "HttpResponse",
      input: "a header value with CR LF",
      error: BadHeaderError,
      call: () => new HttpResponse("x", { headers: withHeaders }),
    },
    {
      name: "HttpResponse",
      input: "a header name that is not a token",
      error: BadHeaderError,
      call: () => new HttpResponse("x", { headers: { "a b": "v" } }),
    },
    {
      name: "HttpResponse",
      input: "a header pair with one value",
      error: BadHeaderError,
      call: () => new HttpResponse("x", { headers: bad([["x-note"]]) }),
    },
    {
      name: "HttpResponseSwitchingProtocols",
      input: "a runtime whose Response cannot be a 101",
      error: RangeError,
      call: () => new HttpResponseSwitchingProtocols(),
      skip: onNode ? undefined : "this runtime's Response can be a 101",
    },
    {
      name: "HttpResponse",
      input: "a contentType with LF",
      error: BadHeaderError,
      call: () => new HttpResponse("x", { contentType: "text/html\nX: y" }),
    },
    {
      name: "PlainTextResponse",
      input: "status 600",
      error: RangeError,
      call: () => new PlainTextResponse("x", { status: 600 }),
    },
    {
      name: "HTMLResponse",
      input: "a header value with CR LF",
      error: BadHeaderError,
      call: () => new HTMLResponse("x", { headers: withHeaders }),
    },
    {
      name: "HttpResponseNoContent",
      input: "content",
      error: TypeError,
      call: () => new HttpResponseNoContent(bad("x")),
    },
    {
      name: "HttpResponseOK",
      input: "another status",
      error: TypeError,
      call: () => new HttpResponseOK("x", bad({ status: 201 })),
    },
    { name: "HttpResponseContinue", input: "any call (1xx)", error: TypeError, call: () => new HttpResponseContinue() },
    {
      name: "HttpResponseMethodNotAllowed",
      input: "methods that are not an array",
      error: TypeError,
      call: () => new HttpResponseMethodNotAllowed(bad("GET")),
    },
    {
      name: "JsonResponseMethodNotAllowed",
      input: "a method that is not a token",
      error: TypeError,
      call: () => new JsonResponseMethodNotAllowed(["GET POST"]),
    },
    {
      name: "HttpResponsePartialContent",
      input: "contentRange [5, 1, 10]",
      error: RangeError,
      call: () => new HttpResponsePartialContent("x", { contentRange: [5, 1, 10] }),
    },
    {
      name: "HttpResponsePartialContent",
      input: "a contentRange string with LF",
      error: BadHeaderError,
      call: () => new HttpResponsePartialContent("x", { contentRange: "bytes 0-1/2\nX: y" }),
    },
    {
      name: "HttpResponseRangeNotSatisfiable",
      input: "totalLength -1",
      error: RangeError,
      call: () => new HttpResponseRangeNotSatisfiable(null, { totalLength: -1 }),
    },
    {
      name: "HttpResponseServiceUnavailable",
      input: "retryAfter -1",
      error: RangeError,
      call: () => new HttpResponseServiceUnavailable(null, { retryAfter: -1 }),
    },
    {
      name: "HttpResponseUnauthorized",
      input: "a wwwAuthenticate with CR LF",
      error: BadHeaderError,
      call: () => new HttpResponseUnauthorized(null, { wwwAuthenticate: "Basic\r\nX: y" }),
    },
    {
      name: "HttpResponseProxyAuthenticationRequired",
      input: "a proxyAuthenticate with CR LF",
      error: BadHeaderError,
      call: () => new HttpResponseProxyAuthenticationRequired(null, { proxyAuthenticate: "Basic\r\nX: y" }),
    },
    {
      name: "HttpResponseUpgradeRequired",
      input: "an upgrade with CR LF",
      error: BadHeaderError,
      call: () => new HttpResponseUpgradeRequired(null, { upgrade: "h2c\r\nX: y" }),
    },
    {
      name: "ProblemDetailsResponse",
      input: "status 99",
      error: RangeError,
      call: () => new ProblemDetailsResponse({ title: "x" }, { status: 99 }),
    },
    {
      name: "HttpResponseCreated",
      input: "a contentLocation with LF",
      error: BadHeaderError,
      call: () => new HttpResponseCreated(null, { contentLocation: "/a\nX: y" }),
    },
    {
      name: "HttpResponseCreated",
      input: "a javascript: location",
      error: DisallowedRedirect,
      call: () => new HttpResponseCreated(null, { location: "javascript:alert(1)" }),
    },
  ]);
});

test("redirects: RedirectResponse and the 3xx classes", async (t) => {
  await table(t, [
    {
      name: "RedirectResponse",
      input: "status 200",
      error: RangeError,
      call: () => new RedirectResponse("/", { status: 200 }),
    },
    {
      name: "RedirectResponse",
      input: "a javascript: URL",
      error: DisallowedRedirect,
      call: () => new RedirectResponse("javascript:alert(1)"),
    },
    {
      name: "RedirectResponse",
      input: "a control character",
      error: DisallowedRedirect,
      call: () => new RedirectResponse("/a\0b"),
    },
    {
      name: "RedirectResponse",
      input: "a target longer than 16384 characters",
      error: DisallowedRedirect,
      call: () => new RedirectResponse("/" + "a".repeat(16384)),
    },
    {
      name: "RedirectResponse",
      input: "a lone surrogate",
      error: DisallowedRedirect,
      call: () => new RedirectResponse("/\ud800"),
    },
    {
      name: "RedirectResponse",
      input: "an invalid URL reference",
      error: DisallowedRedirect,
      call: () => new RedirectResponse("http://a b/"),
    },
    {
      name: "RedirectResponse",
      input: "retryAfter -1",
      error: RangeError,
      call: () => new RedirectResponse("/", { retryAfter: -1 }),
    },
    {
      name: "HttpResponseFound",
      input: "a javascript: URL",
      error: DisallowedRedirect,
      call: () => new HttpResponseFound("javascript:alert(1)"),
    },
  ]);
});

test("JSON: JsonResponse, JSONResponse, JsonResponse<Name>", async (t) => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  await table(t, [
    { name: "JsonResponse", input: "an array under safe", error: TypeError, call: () => new JsonResponse([1]) },
    { name: "JsonResponse", input: "a BigInt", error: TypeError, call: () => new JsonResponse({ n: 1n }) },
    { name: "JSONResponse", input: "undefined", error: TypeError, call: () => new JSONResponse(undefined) },
    { name: "JSONResponse", input: "a cycle", error: TypeError, call: () => new JSONResponse(cyclic) },
    { name: "JsonResponseOK", input: "a BigInt", error: TypeError, call: () => new JsonResponseOK(1n) },
    {
      name: "JSONResponse",
      input: "status 600",
      error: RangeError,
      call: () => new JSONResponse({}, { status: 600 }),
    },
  ]);
});

test("errors: HttpError", async (t) => {
  await table(t, [
    { name: "HttpError", input: "status 200", error: RangeError, call: () => new HttpError(200) },
    { name: "HttpError", input: "status 404.5", error: RangeError, call: () => new HttpError(404.5) },
    { name: "HttpError", input: 'status "404"', error: TypeError, call: () => new HttpError(bad("404")) },
    {
      name: "HttpError",
      input: "a header value with CR LF",
      error: BadHeaderError,
      call: () => new HttpError(400, "x", { headers: withHeaders }),
    },
  ]);
});

test("files: FileResponse, parseRange, contentDisposition, serveFiles", async (t) => {
  await table(t, [
    {
      name: "FileResponse",
      input: "an http: URL",
      error: TypeError,
      call: () => new FileResponse(new URL("http://x.example/a")),
    },
    {
      name: "FileResponse",
      input: "a file: URL with a host",
      error: TypeError,
      call: () => new FileResponse(new URL("file://server/share/a")),
    },
    {
      name: "FileResponse",
      input: 'an encoded "/"',
      error: TypeError,
      call: () => new FileResponse(new URL("file:///a%2fb")),
    },
    {
      name: "FileResponse",
      input: "an invalid percent-encoding",
      error: TypeError,
      call: () => new FileResponse(new URL("file:///a%ff")),
    },
    {
      name: "FileResponse",
      input: "chunkSize 0",
      error: RangeError,
      call: () => new FileResponse(self, { chunkSize: 0 }),
    },
    {
      name: "FileResponse",
      input: "chunkSize 1.5",
      error: RangeError,
      call: () => new FileResponse(self, { chunkSize: 1.5 }),
    },
    {
      name: "FileResponse",
      input: 'chunkSize "1024"',
      error: TypeError,
      call: () => new FileResponse(self, { chunkSize: bad("1024") }),
    },
    {
      name: "FileResponse",
      input: "status 700",
      error: RangeError,
      call: () => new FileResponse(self, { status: 700 }),
    },
    {
      name: "FileResponse",
      input: "status 204",
      error: TypeError,
      call: () => new FileResponse(self, { status: 204 }),
    },
    {
      name: "FileResponse",
      input: "asAttachment and contentDispositionType that disagree",
      error: TypeError,
      call: () => new FileResponse(self, { asAttachment: true, contentDispositionType: "inline" }),
    },
    {
      name: "FileResponse",
      input: 'contentDispositionType "x"',
      error: TypeError,
      call: () => new FileResponse(self, { contentDispositionType: bad("x") }),
    },
    {
      name: "FileResponse",
      input: "a header value with CR LF",
      error: BadHeaderError,
      call: () => new FileResponse(self, { headers: withHeaders }),
    },
    {
      name: "FileResponse",
      input: "precompressed with a Blob",
      error: TypeError,
      call: () => new FileResponse(new Blob(["a"]), { precompressed: true }),
    },
    {
      name: "FileResponse",
      input: "precompressed with a FileSource",
      error: TypeError,
      call: () => new FileResponse({ size: 1, read: () => new Blob(["a"]) }, { precompressed: true }),
    },
    { name: "parseRange", input: "size -1", error: RangeError, call: () => parseRange("bytes=0-1", -1) },
    { name: "parseRange", input: "size 1.5", error: RangeError, call: () => parseRange("bytes=0-1", 1.5) },
    {
      name: "parseRange",
      input: 'size "10"',
      error: TypeError,
      call: () => parseRange("bytes=0-1", bad("10")),
    },
    { name: "contentDisposition", input: 'type "x"', error: TypeError, call: () => contentDisposition("a", bad("x")) },
    {
      name: "serveFiles",
      input: "a root that does not exist",
      error: TypeError,
      call: () => serveFiles({ root: "/nonexistent-allresponses-root" }),
    },
    { name: "serveFiles", input: "a root that is a file", error: TypeError, call: () => serveFiles({ root: self }) },
    { name: "serveFiles", input: 'index "a/b"', error: TypeError, call: () => serveFiles({ root: "/", index: "a/b" }) },
  ]);
});

test("server-sent events: encodeServerSentEvent, EventSourceResponse", async (t) => {
  const encode = (event: unknown, sep?: unknown) => () => encodeServerSentEvent(bad<ServerSentEvent>(event), bad(sep));
  const events = (init: object, source: unknown = []) => () => new EventSourceResponse(bad(source), init);
  const locked = new ReadableStream();
  locked.getReader();
  await table(t, [
    { name: "encodeServerSentEvent", input: 'sep "\\t"', error: TypeError, call: encode("x", "\t") },
    { name: "encodeServerSentEvent", input: "an event that is a number", error: TypeError, call: encode(42) },
    {
      name: "encodeServerSentEvent",
      input: "a comment that is a number",
      error: TypeError,
      call: encode({ comment: 1 }),
    },
    { name: "encodeServerSentEvent", input: "an id that is an object", error: TypeError, call: encode({ id: {} }) },
    { name: "encodeServerSentEvent", input: "an id with LF", error: TypeError, call: encode({ id: "a\nb" }) },
    {
      name: "encodeServerSentEvent",
      input: "an event type that is a number",
      error: TypeError,
      call: encode({ event: 1 }),
    },
    {
      name: "encodeServerSentEvent",
      input: "an event type with CR",
      error: TypeError,
      call: encode({ event: "a\rb" }),
    },
    { name: "encodeServerSentEvent", input: "data that is a BigInt", error: TypeError, call: encode({ data: 1n }) },
    {
      name: "encodeServerSentEvent",
      input: "data with no JSON form",
      error: TypeError,
      call: encode({ data: () => 1 }),
    },
    // The contract fixes a TypeError for any retry that is not a non-negative integer.
    { name: "encodeServerSentEvent", input: "retry -1", error: TypeError, call: encode({ retry: -1 }) },
    { name: "encodeServerSentEvent", input: "retry 1.5", error: TypeError, call: encode({ retry: 1.5 }) },
    { name: "encodeServerSentEvent", input: 'retry "5"', error: TypeError, call: encode({ retry: "5" }) },
    { name: "EventSourceResponse", input: 'sep "\\t"', error: TypeError, call: events({ sep: "\t" }) },
    { name: "EventSourceResponse", input: "ping -1", error: RangeError, call: events({ ping: -1 }) },
    { name: "EventSourceResponse", input: 'ping "5"', error: TypeError, call: events({ ping: "5" }) },
    { name: "EventSourceResponse", input: "retry -1", error: TypeError, call: events({ retry: -1 }) },
    { name: "EventSourceResponse", input: "a source that is a number", error: TypeError, call: events({}, 42) },
    { name: "EventSourceResponse", input: "a locked ReadableStream", error: TypeError, call: events({}, locked) },
    {
      name: "EventSourceResponse",
      input: "a header value with CR LF",
      error: BadHeaderError,
      call: events({ headers: withHeaders }),
    },
    {
      name: "EventSourceResponse",
      input: "status 204",
      error: TypeError,
      call: events({ status: 204 }),
    },
  ]);
});

test("streams: StreamingResponse", async (t) => {
  const locked = new ReadableStream();
  locked.getReader();
  await table(t, [
    {
      name: "StreamingResponse",
      input: "a source that is a number",
      error: TypeError,
      call: () => new StreamingResponse(bad(42)),
    },
    {
      name: "StreamingResponse",
      input: "a locked ReadableStream",
      error: TypeError,
      call: () => new StreamingResponse(locked),
    },
    {
      name: "StreamingResponse",
      input: "a chunk that is a number, when the body is read",
      error: TypeError,
      call: () => new StreamingResponse(bad([42])).text(),
    },
    {
      name: "StreamingResponse",
      input: "status 99",
      error: RangeError,
      call: () => new StreamingResponse([], { status: 99 }),
    },
    {
      name: "StreamingResponse",
      input: "a header value with CR LF",
      error: BadHeaderError,
      call: () => new StreamingResponse([], { headers: withHeaders }),
    },
  ]);
});
