import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BadHeaderError,
  handle,
  Http404,
  HttpError,
  HttpResponse,
  JsonResponseOK,
  PlainTextResponse,
  ProblemDetailsResponse,
} from "../mod.ts";
import { runtime, withServer } from "./_serve.ts";
import { capturingConsoleError } from "./_util.ts";

const PROBLEM = "application/problem+json";
const TEXT = "text/plain; charset=utf-8";

function req(accept?: string, url = "http://x/"): Request {
  return new Request(url, accept === undefined ? {} : { headers: { accept } });
}

test("HttpError: status, message, headers, expose and cause", () => {
  const cause = new Error("db down");
  const e = new HttpError(503, "Try later", { headers: { "Retry-After": "30" }, cause });
  assert.ok(e instanceof Error);
  assert.equal(e.name, "HttpError");
  assert.equal(e.status, 503);
  assert.equal(e.message, "Try later");
  assert.equal(e.headers.get("retry-after"), "30");
  assert.equal(e.expose, false);
  assert.equal(e.cause, cause);
  assert.equal(new HttpError(400).message, "Bad Request");
  assert.equal(new HttpError(422).message, "Unprocessable Content");
  assert.equal(new HttpError(499).message, "");
  assert.equal(new HttpError(400).expose, true);
  assert.equal(new HttpError(499).expose, true);
  assert.equal(new HttpError(500).expose, false);
  assert.equal(new HttpError(400, "x", { expose: false }).expose, false);
  assert.equal(new HttpError(500, "x", { expose: true }).expose, true);
  assert.equal("cause" in new HttpError(400), false);
  assert.ok(new HttpError(400).headers instanceof Headers);
});

test("HttpError: a status outside 400–599 is a RangeError naming it", async (t) => {
  for (const status of [399, 600, 200, 302, 404.5, Number.NaN, -404]) {
    await t.test(String(status), () => {
      assert.throws(() => new HttpError(status), { name: "RangeError", message: new RegExp(`status ${status}`) });
    });
  }
});

test("HttpError: unsafe headers are a BadHeaderError", () => {
  assert.throws(
    () => new HttpError(401, "x", { headers: { "WWW-Authenticate": "a\r\nSet-Cookie: x=1" } }),
    BadHeaderError,
  );
  assert.throws(() => new HttpError(401, "x", { headers: { "bad name": "a" } }), BadHeaderError);
});

test("Http404: a 404 HttpError with its own name; subclasses name themselves", () => {
  const e = new Http404("No such user", { headers: { "x-a": "1" } });
  assert.ok(e instanceof HttpError);
  assert.equal(e.name, "Http404");
  assert.equal(e.status, 404);
  assert.equal(e.message, "No such user");
  assert.equal(e.expose, true);
  assert.equal(e.headers.get("x-a"), "1");
  assert.equal(new Http404().message, "Not Found");
  class Gone extends HttpError {
    constructor() {
      super(410);
    }
  }
  assert.equal(new Gone().name, "Gone");
});

test("HttpError.toResponse: content negotiation over Accept", () => {
  const cases: [string | undefined, "json" | "text"][] = [
    [undefined, "text"],
    ["", "text"],
    ["*/*", "text"],
    ["application/json", "json"],
    ["application/problem+json", "json"],
    ["APPLICATION/JSON", "json"],
    ["application/json; charset=utf-8", "json"],
    ["application/*", "json"],
    ["text/plain", "text"],
    ["text/html", "text"],
    // Browsers and curl.
    ["text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "text"],
    // axios, and other explicit ties.
    ["application/json, text/plain, */*", "json"],
    ["text/plain, application/json", "json"],
    ["text/*, application/*", "json"],
    ["text/plain, application/*", "text"],
    // Weights.
    ["application/json;q=0.5, text/plain", "text"],
    ["application/json, text/plain;q=0.5", "json"],
    ["text/plain;q=0.9, application/problem+json;q=1.0", "json"],
    ["application/json;q=0", "text"],
    ["application/json;q=0, */*", "text"],
    ["text/plain;q=0, */*", "json"],
    ["application/*;q=0.1, application/json;q=0.9, text/plain;q=0.5", "json"],
    ["application/json;q=0.9, application/*;q=0.1, text/plain;q=0.5", "json"],
    ["application/json ; Q=0.3 , text/plain;q=0.2", "json"],
    // An invalid weight drops its range.
    ["application/json;q=2", "text"],
    ["application/json;q=abc", "text"],
    ["application/json;q=0.1234", "text"],
    ["image/png", "text"],
    ["garbage", "text"],
  ];
  for (const [accept, want] of cases) {
    const type = new Http404().toResponse(req(accept)).headers.get("content-type");
    assert.equal(type, want === "json" ? PROBLEM : TEXT, `Accept: ${accept}`);
  }
});

test("HttpError.toResponse: RFC 9457 problem details for JSON clients", async () => {
  const res = new Http404("No such user").toResponse(req("application/json"));
  assert.ok(res instanceof ProblemDetailsResponse);
  assert.equal(res.status, 404);
  assert.equal(res.statusText, "Not Found");
  assert.equal(res.headers.get("content-type"), PROBLEM);
  assert.equal(res.headers.get("vary"), "Accept");
  const text = await res.text();
  assert.equal(res.headers.get("content-length"), String(new TextEncoder().encode(text).length));
  assert.deepEqual(JSON.parse(text), { type: "about:blank", title: "Not Found", status: 404, detail: "No such user" });
});

test("HttpError.toResponse: plain text for everyone else", async () => {
  const res = new HttpError(409, "Name taken").toResponse(req("text/html"));
  assert.ok(res instanceof PlainTextResponse);
  assert.equal(res.status, 409);
  assert.equal(res.headers.get("content-type"), TEXT);
  assert.equal(await res.text(), "Name taken");
  const none = new HttpError(409, "Name taken").toResponse();
  assert.equal(none.headers.get("vary"), null);
  assert.equal(await none.text(), "Name taken");
});

test("HttpError.toResponse: 5xx messages stay hidden unless exposed, 4xx ones unless hidden", async () => {
  const json = req("application/json");
  const hidden = new HttpError(500, "password=hunter2 at db.ts:12");
  assert.deepEqual(await hidden.toResponse(json).json(), {
    type: "about:blank",
    title: "Internal Server Error",
    status: 500,
  });
  assert.equal(await hidden.toResponse(req()).text(), "Internal Server Error");
  assert.equal(await new HttpError(502, "upstream", { expose: true }).toResponse(req()).text(), "upstream");
  assert.equal(await new HttpError(400, "secret", { expose: false }).toResponse(req()).text(), "Bad Request");
  assert.deepEqual(await new HttpError(400, "secret", { expose: false }).toResponse(json).json(), {
    type: "about:blank",
    title: "Bad Request",
    status: 400,
  });
});

test("HttpError.toResponse: the error's headers, Vary merged, body headers its own", async () => {
  const e = new HttpError(401, "Log in", {
    headers: {
      "WWW-Authenticate": 'Bearer realm="api"',
      "Content-Type": "text/html",
      "Content-Length": "99",
      Vary: "Origin",
    },
  });
  for (const accept of ["application/json", "text/plain"]) {
    const res = e.toResponse(req(accept));
    assert.equal(res.headers.get("www-authenticate"), 'Bearer realm="api"');
    assert.equal(res.headers.get("vary"), "Origin, Accept");
    assert.equal(res.headers.get("content-type"), accept === "text/plain" ? TEXT : PROBLEM);
    assert.equal(res.headers.get("content-length"), String((await res.arrayBuffer()).byteLength));
  }
  assert.equal(
    new HttpError(400, "x", { headers: { vary: "accept" } }).toResponse(req()).headers.get("vary"),
    "accept",
  );
  assert.equal(new HttpError(400, "x", { headers: { vary: "*" } }).toResponse(req()).headers.get("vary"), "*");
  // Each response is new: the error can be answered twice.
  assert.equal(await e.toResponse(req()).text(), "Log in");
  assert.equal(await e.toResponse(req()).text(), "Log in");
});

test("HttpError.getResponse: plain text, for Hono's default error handler", async () => {
  const res = new HttpError(429, "Slow down", { headers: { "Retry-After": "5" } }).getResponse();
  assert.ok(res instanceof HttpResponse);
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("content-type"), TEXT);
  assert.equal(res.headers.get("retry-after"), "5");
  assert.equal(await res.text(), "Slow down");
  assert.equal(await new HttpError(503, "hidden").getResponse().text(), "Service Unavailable");
});

test("ProblemDetailsResponse: defaults, extension members and the status", async () => {
  const res = new ProblemDetailsResponse({
    type: "https://example.com/probs/out-of-credit",
    title: "You do not have enough credit.",
    status: 403,
    detail: "Your current balance is 30, but that costs 50.",
    instance: "/account/12345/msgs/abc",
    balance: 30,
    accounts: ["/account/12345", "/account/67890"],
  });
  assert.ok(res instanceof HttpResponse);
  assert.equal(res.status, 403);
  assert.equal(res.statusText, "Forbidden");
  assert.equal(res.headers.get("content-type"), PROBLEM);
  assert.deepEqual(await res.json(), {
    type: "https://example.com/probs/out-of-credit",
    title: "You do not have enough credit.",
    status: 403,
    detail: "Your current balance is 30, but that costs 50.",
    instance: "/account/12345/msgs/abc",
    balance: 30,
    accounts: ["/account/12345", "/account/67890"],
  });
  assert.deepEqual(await new ProblemDetailsResponse({}).json(), {
    type: "about:blank",
    title: "Internal Server Error",
    status: 500,
  });
  // A problem type of its own gets no borrowed title.
  assert.deepEqual(await new ProblemDetailsResponse({ type: "https://e.com/p" }, { status: 422 }).json(), {
    type: "https://e.com/p",
    status: 422,
  });
});

test("ProblemDetailsResponse: init.status wins and the body says the same", async () => {
  const res = new ProblemDetailsResponse({ status: 400, title: "Bad" }, { status: 422, headers: { "x-a": "1" } });
  assert.equal(res.status, 422);
  assert.equal(res.headers.get("x-a"), "1");
  assert.deepEqual(await res.json(), { type: "about:blank", title: "Bad", status: 422 });
  assert.equal(new ProblemDetailsResponse({ status: 404 }).clone() instanceof ProblemDetailsResponse, true);
  assert.equal(
    new ProblemDetailsResponse({}, { contentType: "application/json" }).headers.get("content-type"),
    "application/json",
  );
});

test("ProblemDetailsResponse: invalid statuses and unencodable members throw", () => {
  assert.throws(() => new ProblemDetailsResponse({ status: 99 }), RangeError);
  assert.throws(() => new ProblemDetailsResponse({}, { status: 600 }), RangeError);
  assert.throws(() => new ProblemDetailsResponse({ status: 400, n: 1n }), { name: "TypeError", message: /BigInt/ });
});

test("handle: responses pass through untouched, sync or async", async () => {
  const ok = new JsonResponseOK({ a: 1 });
  assert.equal(await handle(() => ok)(req()), ok);
  // deno-lint-ignore require-await -- an async handler is the case under test
  assert.equal(await handle(async () => ok)(req()), ok);
  const seen: unknown[] = [];
  const h = handle((_req: Request, info: { remote: string }, n: number) => {
    seen.push(info.remote, n);
    return new Response("x");
  });
  await h(req(), { remote: "1.2.3.4" }, 7);
  assert.deepEqual(seen, ["1.2.3.4", 7]);
});

test("handle: a thrown HttpError becomes its negotiated response", async () => {
  const h = handle(() => {
    throw new Http404("No such user", { headers: { "x-why": "gone" } });
  }, { onError() {} });
  const json = await h(req("application/json"));
  assert.equal(json.status, 404);
  assert.equal(json.headers.get("content-type"), PROBLEM);
  assert.equal(json.headers.get("x-why"), "gone");
  assert.equal(json.headers.get("vary"), "Accept");
  assert.deepEqual(await json.json(), { type: "about:blank", title: "Not Found", status: 404, detail: "No such user" });
  const text = await h(req("text/html"));
  assert.equal(text.headers.get("content-type"), TEXT);
  assert.equal(await text.text(), "No such user");
  const rejected = await handle(() => Promise.reject(new HttpError(401, "Log in")), { onError() {} })(req());
  assert.equal(rejected.status, 401);
  assert.equal(await rejected.text(), "Log in");
});

test("handle: anything else is a 500 that reveals nothing", async () => {
  const thrown: unknown[] = [
    new Error("password=hunter2"),
    new TypeError("cannot read x of undefined"),
    "a string with a secret",
    { secret: "object" },
    undefined,
  ];
  for (const error of thrown) {
    const h = handle(() => {
      throw error;
    }, { onError() {} });
    const text = await h(req());
    assert.equal(text.status, 500);
    assert.equal(await text.text(), "Internal Server Error");
    const json = await h(req("application/json"));
    assert.equal(json.status, 500);
    const body = await json.text();
    assert.deepEqual(JSON.parse(body), { type: "about:blank", title: "Internal Server Error", status: 500 });
    assert.doesNotMatch(body, /secret|hunter2|undefined|at /);
  }
});

test("handle: debug shows the message and the stack", async () => {
  function failingDeep(): never {
    throw new Error("the real reason");
  }
  const h = handle(() => failingDeep(), { debug: true, onError() {} });
  const text = await (await h(req())).text();
  assert.match(text, /^Error: the real reason/);
  assert.match(text, /failingDeep/);
  const problem = (await (await h(req("application/json"))).json()) as { status: number; detail: string };
  assert.equal(problem.status, 500);
  assert.match(problem.detail, /the real reason[\s\S]*failingDeep/);
  const odd = new Error("message set later");
  odd.stack = "at somewhere";
  assert.equal(
    await (await handle(() => Promise.reject(odd), { debug: true, onError() {} })(req())).text(),
    "Error: message set later\nat somewhere",
  );
  const str = handle(() => {
    throw "plain string";
  }, { debug: true, onError() {} });
  assert.equal(await (await str(req())).text(), "plain string");
  // debug does not change what an HttpError shows.
  assert.equal(
    await (await handle(() => {
      throw new HttpError(503, "hidden");
    }, { debug: true, onError() {} })(req())).text(),
    "Service Unavailable",
  );
});

test("handle: onError sees every error with its request; a failing hook changes nothing", async () => {
  const seen: [unknown, string][] = [];
  const boom = new Error("boom");
  const notFound = new Http404();
  const errors = [boom, notFound];
  const h = handle(() => {
    throw errors.shift();
  }, { onError: (error, request) => void seen.push([error, request.url]) });
  assert.equal((await h(req(undefined, "http://x/a"))).status, 500);
  assert.equal((await h(req(undefined, "http://x/b"))).status, 404);
  assert.deepEqual(seen, [[boom, "http://x/a"], [notFound, "http://x/b"]]);

  const throwing = handle(() => {
    throw new Error("x");
  }, {
    onError() {
      throw new Error("logger down");
    },
  });
  assert.equal((await throwing(req())).status, 500);
  const rejecting = handle(() => {
    throw new Error("x");
  }, { onError: () => Promise.reject(new Error("async logger down")) });
  assert.equal((await rejecting(req())).status, 500);
  await new Promise((r) => setTimeout(r, 10)); // an unhandled rejection would fail the run here
});

test("handle: without onError, unexpected errors are logged and HttpErrors are not", async () => {
  const boom = new Error("boom");
  const logged = await capturingConsoleError(async () => {
    await handle(() => {
      throw boom;
    })(req());
    await handle(() => {
      throw new Http404();
    })(req());
  });
  assert.deepEqual(logged, [[boom]]);
});

test(`handle: on a real ${runtime} server`, async () => {
  const app = handle((request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/ok") return new JsonResponseOK({ ok: true });
    if (pathname === "/missing") throw new Http404(`Nothing at ${pathname}`);
    throw new Error("database password is hunter2");
  }, { onError() {} });
  await withServer(app, async (url) => {
    const ok = await fetch(`${url}/ok`);
    assert.deepEqual(await ok.json(), { ok: true });

    const missing = await fetch(`${url}/missing`, { headers: { accept: "application/problem+json" } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), PROBLEM);
    assert.deepEqual(await missing.json(), {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "Nothing at /missing",
    });

    const crash = await fetch(`${url}/crash`);
    assert.equal(crash.status, 500);
    assert.equal(crash.headers.get("content-type"), TEXT);
    assert.equal(await crash.text(), "Internal Server Error");

    const crashJson = await fetch(`${url}/crash`, { headers: { accept: "application/json" } });
    assert.deepEqual(await crashJson.json(), { type: "about:blank", title: "Internal Server Error", status: 500 });

    const head = await fetch(`${url}/missing`, { method: "HEAD" });
    assert.equal(head.status, 404);
    assert.equal(await head.text(), "");
  });
});
