import { test } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { hc } from "hono/client";
import { deleteCookie, setCookie } from "hono/cookie";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import * as root from "../mod.ts";
import * as adapter from "../src/hono.ts";
import {
  errorHandler,
  Http404,
  HttpError,
  HttpResponseOK,
  JsonResponseCreated,
  JsonResponseOK,
  PlainTextResponse,
  ProblemDetailsResponse,
  responses,
} from "../src/hono.ts";
import { runtime, withServer } from "./_serve.ts";

const PROBLEM = "application/problem+json";
const TEXT = "text/plain; charset=utf-8";

/** Runs `body` with console.error replaced by a recorder, and returns what was logged. */
async function capturingConsoleError(body: () => Promise<void>): Promise<unknown[][]> {
  const calls: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void calls.push(args);
  try {
    await body();
  } finally {
    console.error = original;
  }
  return calls;
}

/**
 * An app whose handler sets headers and cookies through the context and then returns its own
 * response; `returned` collects the instances it returned.
 */
function contextHeadersApp() {
  const returned: Response[] = [];
  const app = new Hono();
  app.use(responses());
  app.get("/", (c) => {
    c.header("X-Request-Id", "from-context");
    c.header("X-Trace", "t1");
    c.header("Vary", "Origin", { append: true });
    c.header("X-Gone", "1");
    c.header("X-Gone", undefined);
    c.header("Content-Type", "text/html");
    setCookie(c, "a", "1", { httpOnly: true });
    setCookie(c, "b", "two words");
    deleteCookie(c, "c");
    const res = new JsonResponseOK({ ok: true }, { headers: { "X-Request-Id": "own", Vary: "Accept" } });
    returned.push(res);
    return res;
  });
  return { app, returned };
}

const CONTEXT_COOKIES = ["a=1; Path=/; HttpOnly", "b=two%20words; Path=/", "c=; Max-Age=0; Path=/"];

test("allresponses/hono re-exports every name of the main entry", () => {
  for (const name of Object.keys(root)) {
    assert.equal((adapter as Record<string, unknown>)[name], (root as Record<string, unknown>)[name], name);
  }
  for (const name of ["responses", "errorHandler"]) {
    assert.equal(typeof (adapter as Record<string, unknown>)[name], "function", name);
  }
});

test("Hono alone drops context headers when a handler returns its own Response (honojs/hono#2681)", async () => {
  const app = new Hono();
  app.get("/", (c) => {
    c.header("X-Trace", "t1");
    setCookie(c, "a", "1");
    return new JsonResponseOK({ ok: true });
  });
  const res = await app.request("/");
  assert.equal(res.headers.get("x-trace"), null);
  assert.deepEqual(res.headers.getSetCookie(), []);
});

test("responses(): context headers and cookies are kept on the returned instance itself", async () => {
  const { app, returned } = contextHeadersApp();
  const res = await app.request("/");
  assert.equal(res, returned[0]);
  assert.ok(res instanceof JsonResponseOK);
  assert.equal(res.headers.get("x-trace"), "t1");
  assert.equal(res.headers.get("x-gone"), null);
  assert.deepEqual(res.headers.getSetCookie(), CONTEXT_COOKIES);
  // The response's own headers win; Vary is combined; the body's type stays the response's.
  assert.equal(res.headers.get("x-request-id"), "own");
  assert.equal(res.headers.get("vary"), "Accept, Origin");
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.deepEqual(await res.json(), { ok: true });
});

test(`responses(): on a real ${runtime} server, the server gets the instance and the client every cookie`, async () => {
  const { app, returned } = contextHeadersApp();
  const served: Response[] = [];
  await withServer(async (request) => {
    const res = await app.fetch(request);
    served.push(res);
    return res;
  }, async (url) => {
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-trace"), "t1");
    assert.equal(res.headers.get("x-request-id"), "own");
    assert.equal(res.headers.get("vary"), "Accept, Origin");
    assert.deepEqual(res.headers.getSetCookie(), CONTEXT_COOKIES);
    assert.deepEqual(await res.json(), { ok: true });
  });
  assert.equal(served.length, 1);
  assert.equal(served[0], returned[0]);
  assert.ok(served[0] instanceof JsonResponseOK);
});

test("responses(): works for any Response and for c.json() without doubling anything", async () => {
  const app = new Hono();
  app.use(responses());
  app.get("/plain", (c) => {
    setCookie(c, "a", "1");
    c.header("X-A", "1");
    return new Response("plain", { headers: { "Set-Cookie": "own=1" } });
  });
  app.get("/json", (c) => {
    setCookie(c, "a", "1");
    setCookie(c, "b", "2");
    c.header("X-A", "1");
    c.header("Vary", "Origin");
    return c.json({ ok: true }, 201);
  });
  app.get("/redirect", (c) => {
    setCookie(c, "a", "1");
    return Response.redirect("http://localhost/next", 302);
  });
  app.get("/none", () => new HttpResponseOK("nothing pending"));

  const plain = await app.request("/plain");
  assert.deepEqual(plain.headers.getSetCookie(), ["own=1", "a=1; Path=/"]);
  assert.equal(plain.headers.get("x-a"), "1");
  assert.equal(await plain.text(), "plain");

  const json = await app.request("/json");
  assert.equal(json.status, 201);
  assert.deepEqual(json.headers.getSetCookie(), ["a=1; Path=/", "b=2; Path=/"]);
  assert.equal(json.headers.get("x-a"), "1");
  assert.equal(json.headers.get("vary"), "Origin");

  // Response.redirect() has immutable headers (in Deno): the cookie goes on a copy.
  const redirect = await app.request("/redirect");
  assert.equal(redirect.status, 302);
  assert.equal(redirect.headers.get("location"), "http://localhost/next");
  assert.deepEqual(redirect.headers.getSetCookie(), ["a=1; Path=/"]);

  const none = await app.request("/none");
  assert.ok(none instanceof HttpResponseOK);
  assert.equal(await none.text(), "nothing pending");
});

test("responses(): what middleware before it set is kept, cors() included, without a rebuild", async () => {
  const returned: Response[] = [];
  const app = new Hono();
  app.use(cors({ origin: "https://app.example", credentials: true }));
  app.use(async (c, next) => {
    c.header("X-Powered-By", "tests");
    setCookie(c, "early", "1");
    await next();
  });
  app.use(responses());
  app.get("/", (c) => {
    setCookie(c, "late", "2");
    const res = new JsonResponseCreated({ id: 1 });
    returned.push(res);
    return res;
  });
  const res = await app.request("/", { headers: { origin: "https://app.example" } });
  assert.equal(res, returned[0]);
  assert.ok(res instanceof JsonResponseCreated);
  assert.equal(res.status, 201);
  assert.equal(res.headers.get("access-control-allow-origin"), "https://app.example");
  assert.equal(res.headers.get("access-control-allow-credentials"), "true");
  assert.equal(res.headers.get("x-powered-by"), "tests");
  // cors() adds Vary after the handler with c.header(): applied in place, not by a rebuild.
  assert.equal(res.headers.get("vary"), "Origin");
  assert.deepEqual(res.headers.getSetCookie(), ["early=1; Path=/", "late=2; Path=/"]);
});

test("responses(): c.header() and setCookie() after the handler change the response in place", async () => {
  const returned: Response[] = [];
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header("X-Response-Time", "3ms");
    c.header("X-Remove-Me", undefined);
    setCookie(c, "after", "1");
  });
  app.use(responses());
  app.get("/", () => {
    const res = new PlainTextResponse("hi", { headers: { "X-Remove-Me": "1" } });
    returned.push(res);
    return res;
  });
  const res = await app.request("/");
  assert.equal(res, returned[0]);
  assert.equal(res.headers.get("x-response-time"), "3ms");
  assert.equal(res.headers.get("x-remove-me"), null);
  assert.deepEqual(res.headers.getSetCookie(), ["after=1; Path=/"]);
  assert.equal(await res.text(), "hi");
});

test("responses(): HEAD (routed as GET by Hono) gets the headers and no body", async () => {
  const { app } = contextHeadersApp();
  const res = await app.request("/", { method: "HEAD" });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-trace"), "t1");
  assert.deepEqual(res.headers.getSetCookie(), CONTEXT_COOKIES);
  assert.equal(res.body, null);
  await withServer(app.fetch, async (url) => {
    const head = await fetch(url, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.deepEqual(head.headers.getSetCookie(), CONTEXT_COOKIES);
    assert.equal(await head.text(), "");
  });
});

test("responses(): context headers reach error responses too", async () => {
  const app = new Hono();
  app.use(async (c, next) => {
    c.header("Access-Control-Allow-Origin", "*");
    await next();
  });
  app.use(responses());
  app.onError(errorHandler);
  app.get("/", (c) => {
    setCookie(c, "tried", "1");
    throw new Http404("No such thing");
  });
  const res = await app.request("/", { headers: { accept: "application/json" } });
  assert.equal(res.status, 404);
  assert.ok(res instanceof ProblemDetailsResponse);
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  assert.deepEqual(res.headers.getSetCookie(), ["tried=1; Path=/"]);
});

test("errorHandler: HttpErrors negotiated with the request, through app.request()", async () => {
  const app = new Hono();
  app.onError(errorHandler);
  app.get("/missing", () => {
    throw new Http404("No such user", { headers: { "X-Why": "deleted" } });
  });
  app.get("/async", async () => {
    await Promise.resolve();
    throw new HttpError(429, "Slow down", { headers: { "Retry-After": "10" } });
  });
  const json = await app.request("/missing", { headers: { accept: "application/json, text/plain, */*" } });
  assert.equal(json.status, 404);
  assert.equal(json.headers.get("content-type"), PROBLEM);
  assert.equal(json.headers.get("x-why"), "deleted");
  assert.equal(json.headers.get("vary"), "Accept");
  assert.deepEqual(await json.json(), { type: "about:blank", title: "Not Found", status: 404, detail: "No such user" });
  for (const accept of [undefined, "*/*", "text/html,*/*;q=0.8", "text/plain"]) {
    const text = await app.request("/missing", accept ? { headers: { accept } } : {});
    assert.equal(text.headers.get("content-type"), TEXT, String(accept));
    assert.equal(await text.text(), "No such user");
  }
  const limited = await app.request("/async");
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "10");
  assert.equal(await limited.text(), "Slow down");
});

test("errorHandler: anything else is a 500 that reveals nothing, and is logged", async () => {
  const boom = new Error("password=hunter2");
  const app = new Hono();
  app.onError(errorHandler);
  app.get("/", () => {
    throw boom;
  });
  let text = "";
  let json: unknown;
  const logged = await capturingConsoleError(async () => {
    const res = await app.request("/");
    assert.equal(res.status, 500);
    text = await res.text();
    json = await (await app.request("/", { headers: { accept: "application/problem+json" } })).json();
  });
  assert.equal(text, "Internal Server Error");
  assert.deepEqual(json, { type: "about:blank", title: "Internal Server Error", status: 500 });
  assert.deepEqual(logged, [[boom], [boom]]);
});

test("errorHandler(options): debug and onError", async () => {
  const seen: [unknown, string][] = [];
  const boom = new Error("the real reason");
  const app = new Hono();
  app.onError(errorHandler({ debug: true, onError: (error, request) => void seen.push([error, request.url]) }));
  app.get("/crash", () => {
    throw boom;
  });
  app.get("/missing", () => {
    throw new Http404();
  });
  const logged = await capturingConsoleError(async () => {
    const res = await app.request("/crash");
    assert.equal(res.status, 500);
    assert.match(await res.text(), /^Error: the real reason\n/);
    const missing = await app.request("/missing");
    assert.equal(missing.status, 404);
  });
  assert.deepEqual(logged, []);
  assert.deepEqual(seen, [[boom, "http://localhost/crash"], [seen[1]?.[0], "http://localhost/missing"]]);
  assert.ok(seen[1]?.[0] instanceof Http404);

  const quiet = new Hono();
  quiet.onError(errorHandler());
  quiet.get("/", () => {
    throw new HttpError(400, "Bad input");
  });
  assert.equal(await (await quiet.request("/")).text(), "Bad input");
});

test("errorHandler: Hono's HTTPException, as bearerAuth() throws it, keeps its own response", async () => {
  const app = new Hono();
  app.onError(errorHandler);
  app.use("/private/*", bearerAuth({ token: "s3cret" }));
  app.get("/private/data", () => new JsonResponseOK({ secret: true }));
  app.get("/teapot", () => {
    throw new HTTPException(418, { message: "I'm a teapot" });
  });
  const logged = await capturingConsoleError(async () => {
    const denied = await app.request("/private/data");
    assert.equal(denied.status, 401);
    assert.match(denied.headers.get("www-authenticate") ?? "", /^Bearer/);
    const allowed = await app.request("/private/data", { headers: { authorization: "Bearer s3cret" } });
    assert.deepEqual(await allowed.json(), { secret: true });
    const teapot = await app.request("/teapot");
    assert.equal(teapot.status, 418);
    assert.equal(await teapot.text(), "I'm a teapot");
  });
  assert.deepEqual(logged, []);
});

test("errorHandler: on a sub-app mounted with app.route()", async () => {
  const api = new Hono();
  api.onError(errorHandler);
  api.get("/items/:id", (c) => {
    throw new Http404(`No item ${c.req.param("id")}`);
  });
  const app = new Hono();
  app.route("/api", api);
  const res = await app.request("/api/items/7", { headers: { accept: "application/json" } });
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { detail: string }).detail, "No item 7");
});

test("without errorHandler, Hono's default handler answers an HttpError with getResponse()", async () => {
  const app = new Hono();
  app.get("/", () => {
    throw new HttpError(403, "Admins only", { headers: { "X-Reason": "role" } });
  });
  const res = await app.request("/", { headers: { accept: "application/json" } });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get("x-reason"), "role");
  assert.equal(res.headers.get("content-type"), TEXT);
  assert.equal(await res.text(), "Admins only");
});

test(`errorHandler and responses() on a real ${runtime} server`, async () => {
  const app = new Hono();
  app.use(responses());
  app.onError(errorHandler({ onError() {} }));
  app.get("/users/:id", (c) => {
    if (c.req.param("id") !== "1") throw new Http404("No such user");
    setCookie(c, "seen", "1");
    setCookie(c, "theme", "dark");
    return new JsonResponseOK({ id: 1, name: "Ada" });
  });
  app.get("/crash", () => {
    throw new Error("hunter2");
  });
  await withServer(app.fetch, async (url) => {
    const ok = await fetch(`${url}/users/1`);
    assert.deepEqual(ok.headers.getSetCookie(), ["seen=1; Path=/", "theme=dark; Path=/"]);
    assert.deepEqual(await ok.json(), { id: 1, name: "Ada" });

    const missing = await fetch(`${url}/users/2`, { headers: { accept: "application/json" } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), PROBLEM);
    assert.deepEqual(await missing.json(), {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "No such user",
    });

    const missingText = await fetch(`${url}/users/2`);
    assert.equal(missingText.headers.get("content-type"), TEXT);
    assert.equal(await missingText.text(), "No such user");

    const crash = await fetch(`${url}/crash`, { headers: { accept: "application/json" } });
    assert.equal(crash.status, 500);
    const body = await crash.text();
    assert.doesNotMatch(body, /hunter2/);
    assert.deepEqual(JSON.parse(body), { type: "about:blank", title: "Internal Server Error", status: 500 });
  });
});

test(`hc client: the body type of JsonResponseOK<T>, on a real ${runtime} server`, async () => {
  const api = new Hono()
    .get("/users/:id", (c) => new JsonResponseOK<{ id: number; name: string }>({ id: Number(c.req.param("id")), name: "Ada" }))
    .post("/users", () => new JsonResponseCreated({ created: true }));
  await withServer(api.fetch, async (url) => {
    const client = hc<typeof api>(url);
    const res = await client.users[":id"].$get({ param: { id: "7" } });
    assert.equal(res.status, 200);
    const user = await res.json();
    const id: number = user.id;
    assert.equal(id, 7);
    assert.equal(user.name, "Ada");
    const created = await client.users.$post();
    assert.equal(created.status, 201);
    assert.deepEqual(await created.json(), { created: true });
  });
});
