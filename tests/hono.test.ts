import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
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
  FileResponse,
  fileResponse,
  Http404,
  HttpError,
  HttpResponseOK,
  JsonResponseCreated,
  JsonResponseOK,
  PlainTextResponse,
  ProblemDetailsResponse,
  responses,
  serveFiles,
} from "../src/hono.ts";
import { bytes, fixtureDir, MTIME_HTTP, removeDir, writeFixture } from "./_files.ts";
import { latin1, rawRequest } from "./_raw_http.ts";
import { runtime, withServer } from "./_serve.ts";
import { capturingConsoleError } from "./_util.ts";

const PROBLEM = "application/problem+json";
const TEXT = "text/plain; charset=utf-8";

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
  const missing = Object.keys(root).filter((name) =>
    (adapter as Record<string, unknown>)[name] !== (root as Record<string, unknown>)[name]
  );
  assert.deepEqual(missing, []);
});

test("allresponses/hono exports its own functions", async (t) => {
  for (const name of ["responses", "errorHandler", "fileResponse", "serveFiles"]) {
    await t.test(name, () => assert.equal(typeof (adapter as Record<string, unknown>)[name], "function"));
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

test("errorHandler: HttpErrors negotiated with the request, through app.request()", async (t) => {
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
    await t.test(`Accept: ${accept} → text`, async () => {
      const text = await app.request("/missing", accept ? { headers: { accept } } : {});
      assert.equal(text.headers.get("content-type"), TEXT);
      assert.equal(await text.text(), "No such user");
    });
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
    .get(
      "/users/:id",
      (c) => new JsonResponseOK<{ id: number; name: string }>({ id: Number(c.req.param("id")), name: "Ada" }),
    )
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

// Files: a public root, and things outside it that nothing may reach.
const fixtures = fixtureDir("hono");
const PUBLIC = join(fixtures, "public");
const SECRET = "TOP SECRET: outside the root";
const BIG = bytes(100_000, 7);
writeFixture(fixtures, "secret.txt", SECRET);
writeFixture(fixtures, "private/secret.txt", SECRET);
writeFixture(PUBLIC, "a.txt", "hello from a.txt");
writeFixture(PUBLIC, "big.bin", BIG);
writeFixture(PUBLIC, "index.html", "<h1>root index</h1>");
writeFixture(PUBLIC, "docs/index.html", "<h1>docs index</h1>");
writeFixture(PUBLIC, "docs/guide.txt", "the guide");
writeFixture(PUBLIC, "empty-dir/.keep", "");
writeFixture(PUBLIC, ".env", "TOKEN=" + SECRET);
writeFixture(PUBLIC, "a b é.txt", "spaces and accents");
writeFixture(PUBLIC, "%2e%2e", "a file named %2e%2e");
symlinkSync(join(fixtures, "secret.txt"), join(PUBLIC, "link-out.txt"));
symlinkSync(join(fixtures, "private"), join(PUBLIC, "linkdir-out"));
symlinkSync(join(PUBLIC, "a.txt"), join(PUBLIC, "link-in.txt"));
symlinkSync(join(PUBLIC, "docs"), join(PUBLIC, "linkdir-in"));
mkdirSync(join(fixtures, "public-sibling"));
writeFixture(fixtures, "public-sibling/secret.txt", SECRET);
after(() => removeDir(fixtures));

/** An app serving PUBLIC at /static/, with API routes and a catch-all after it. */
function staticApp(extra?: Parameters<typeof serveFiles>[0]) {
  const app = new Hono();
  app.onError(errorHandler({ onError() {} }));
  app.use("/static/*", serveFiles({ root: PUBLIC, rewriteRequestPath: (p) => p.replace(/^\/static/, ""), ...extra }));
  app.post("/static/upload", () => new JsonResponseCreated({ uploaded: true }));
  return app;
}

/** Request-targets that try to leave the root, or reach what it hides; none may succeed. */
const TRAVERSALS = [
  "/static/../secret.txt",
  "/static/../../secret.txt",
  "/static/docs/../../secret.txt",
  "/static/..%2fsecret.txt",
  "/static/..%2Fsecret.txt",
  "/static/docs/..%2f..%2fsecret.txt",
  "/static/%2e%2e/secret.txt",
  "/static/%2E%2E/secret.txt",
  "/static/.%2e/secret.txt",
  "/static/%2e%2e%2fsecret.txt",
  "/static/%2e%2e%2f%2e%2e%2fsecret.txt",
  "/static/..%5csecret.txt",
  "/static/%5c..%5csecret.txt",
  "/static/..\\secret.txt",
  "/static/docs\\..\\..\\secret.txt",
  "/static/%2e%2e%5csecret.txt",
  "/static/..%00/secret.txt",
  "/static/a.txt%00.png",
  "/static/%00",
  "/static/%c0%ae%c0%ae/secret.txt",
  "/static/%",
  "/static/%zz",
  "/static/..",
  "/static/.",
  "/static/%2e%2e",
  "/static/link-out.txt",
  "/static/linkdir-out/secret.txt",
  "/static/.env",
  "/static/%2eenv",
  "/static/../public-sibling/secret.txt",
  "/static/..%2fpublic-sibling%2fsecret.txt",
  "/static//etc/passwd",
  "/static/%2fetc%2fpasswd",
  "/static/C:%5cWindows%5cwin.ini",
];

test(`serveFiles: the traversal table, as raw request-targets on a real ${runtime} server`, async (t) => {
  await withServer(staticApp().fetch, async (url) => {
    for (const target of TRAVERSALS) {
      await t.test(target, async () => {
        const { status, lines, body } = await rawRequest(url, { target });
        const text = latin1(body);
        assert.ok(!(text + JSON.stringify(lines)).includes("TOP SECRET"), `${target} leaked the secret`);
        // Refused (404; or 400 from the server itself for a target it will not parse), or, where
        // the server resolved "." first ("/static/." on Bun), the root's own index.
        const root = status === 200 && text.endsWith("<h1>root index</h1>");
        assert.ok(status === 404 || status === 400 || root, `${target}: status ${status}`);
      });
    }
    await t.test("the same server serves what is inside", async () => {
      const ok = await rawRequest(url, { target: "/static/a.txt" });
      assert.equal(ok.status, 200);
      assert.equal(latin1(ok.body), "hello from a.txt");
    });
  });
});

test("serveFiles: the traversal table through app.request(), with and without a path rewrite", async (t) => {
  const rooted = new Hono();
  rooted.use("*", serveFiles({ root: PUBLIC }));
  for (const app of [staticApp(), rooted]) {
    for (const target of TRAVERSALS) {
      const path = app === rooted ? target.replace(/^\/static/, "") : target;
      let request: Request;
      try {
        request = new Request(`http://localhost${path}`);
      } catch {
        continue; // not a URL a Request can carry
      }
      await t.test(`${app === rooted ? "at /" : "rewritten"}: ${path}`, async () => {
        const res = await app.request(request);
        const text = await res.text();
        assert.ok(!text.includes("TOP SECRET"), `${path} leaked the secret`);
        // The URL parser already resolved "." and ".." (also as %2e): "/static/." is the root.
        const root = new URL(request.url).pathname === (app === rooted ? "/" : "/static/");
        assert.equal(res.status, root ? 200 : 404, `${path} (${request.url}): ${res.status}`);
        if (root) assert.equal(text, "<h1>root index</h1>");
      });
    }
  }
});

const staticGet = async (path: string, init?: RequestInit) => {
  const res = await staticApp().request(path, init);
  return { res, text: await res.text() };
};

test("serveFiles: a file → its FileResponse, with every header of one", async () => {
  const r = await staticGet("/static/a.txt");
  assert.equal(r.res.status, 200);
  assert.ok(r.res instanceof FileResponse);
  assert.equal(r.text, "hello from a.txt");
  assert.equal(r.res.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(r.res.headers.get("content-length"), "16");
  assert.equal(r.res.headers.get("last-modified"), MTIME_HTTP);
  assert.match(r.res.headers.get("etag") ?? "", /^"[^"]+"$/);
  assert.equal(r.res.headers.get("accept-ranges"), "bytes");
});

test("serveFiles: index files, directories, symlinks inside the root, odd names", async (t) => {
  const cases: [string, string][] = [
    ["/static/", "<h1>root index</h1>"],
    ["/static/docs/", "<h1>docs index</h1>"],
    ["/static/docs/guide.txt", "the guide"],
    ["/static//docs//guide.txt", "the guide"],
    ["/static/link-in.txt", "hello from a.txt"],
    ["/static/linkdir-in/guide.txt", "the guide"],
    ["/static/a%20b%20%C3%A9.txt", "spaces and accents"],
    // Percent-decoding happens once: %252e%252e is the file named "%2e%2e".
    ["/static/%252e%252e", "a file named %2e%2e"],
  ];
  for (const [path, text] of cases) await t.test(path, async () => assert.equal((await staticGet(path)).text, text));
});

test("serveFiles: a directory without its trailing slash → 301 to the path with one", async (t) => {
  for (const [path, location] of [["/static/docs?page=2", "./docs/?page=2"], ["/static/linkdir-in", "./linkdir-in/"]]) {
    await t.test(path!, async () => {
      const r = await staticGet(path!);
      assert.equal(r.res.status, 301);
      assert.equal(r.res.headers.get("location"), location);
    });
  }
});

test("serveFiles: no file, a file asked as a directory, a directory without an index → 404", async (t) => {
  for (
    const path of [
      "/static/missing.txt",
      "/static/a.txt/",
      "/static/empty-dir/",
      "/static/empty-dir",
      "/static/docs/missing/",
    ]
  ) {
    await t.test(path, async () => assert.equal((await staticGet(path)).res.status, 404));
  }
});

test("serveFiles: other methods and missing files go on to the next handler", async () => {
  const app = staticApp();
  app.get("/static/*", (c) => c.text(`fallback for ${c.req.path}`));
  const upload = await app.request("/static/upload", { method: "POST" });
  assert.equal(upload.status, 201);
  assert.deepEqual(await upload.json(), { uploaded: true });
  assert.equal(await (await app.request("/static/nothing-here.txt")).text(), "fallback for /static/nothing-here.txt");
  assert.equal(await (await app.request("/static/..%2fsecret.txt")).text(), "fallback for /static/..%2fsecret.txt");
  const del = await app.request("/static/a.txt", { method: "DELETE" });
  assert.equal(del.status, 404);
});

test("serveFiles: HEAD, Range, multipart ranges, ETag and 304, If-Range", async () => {
  const app = staticApp();
  const head = await app.request("/static/big.bin", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), "100000");
  assert.equal(head.body, null);

  const one = await app.request("/static/big.bin", { headers: { range: "bytes=10-19" } });
  assert.equal(one.status, 206);
  assert.equal(one.headers.get("content-range"), "bytes 10-19/100000");
  assert.deepEqual(new Uint8Array(await one.arrayBuffer()), BIG.slice(10, 20));

  const multi = await app.request("/static/big.bin", { headers: { range: "bytes=0-1, 99998-" } });
  assert.equal(multi.status, 206);
  assert.match(multi.headers.get("content-type") ?? "", /^multipart\/byteranges; boundary=/);
  const body = new TextDecoder("latin1").decode(await multi.arrayBuffer());
  assert.match(body, /Content-Range: bytes 0-1\/100000/);
  assert.match(body, /Content-Range: bytes 99998-99999\/100000/);

  const unsatisfiable = await app.request("/static/big.bin", { headers: { range: "bytes=200000-" } });
  assert.equal(unsatisfiable.status, 416);
  assert.equal(unsatisfiable.headers.get("content-range"), "bytes */100000");

  const etag = (await app.request("/static/big.bin", { method: "HEAD" })).headers.get("etag")!;
  const cached = await app.request("/static/big.bin", { headers: { "if-none-match": etag } });
  assert.equal(cached.status, 304);
  assert.equal(cached.headers.get("etag"), etag);
  assert.equal(await cached.text(), "");
  const since = await app.request("/static/big.bin", { headers: { "if-modified-since": MTIME_HTTP } });
  assert.equal(since.status, 304);
  const stale = await app.request("/static/big.bin", { headers: { range: "bytes=0-9", "if-range": '"other"' } });
  assert.equal(stale.status, 200);
  assert.equal((await stale.arrayBuffer()).byteLength, 100000);
});

test("serveFiles: options — index, dotfiles, headers, and invalid ones", async () => {
  const noIndex = staticApp({ root: PUBLIC, index: false });
  assert.equal((await noIndex.request("/static/")).status, 404);
  assert.equal((await noIndex.request("/static/docs")).status, 404);
  const otherIndex = staticApp({ root: PUBLIC, index: "guide.txt" });
  assert.equal(await (await otherIndex.request("/static/docs/")).text(), "the guide");
  const dot = staticApp({ root: PUBLIC, dotfiles: true });
  assert.equal(await (await dot.request("/static/.env")).text(), "TOKEN=" + SECRET);
  const cached = staticApp({
    root: PUBLIC,
    headers: (path) => path.endsWith(".bin") ? { "Cache-Control": "public, max-age=31536000, immutable" } : undefined,
  });
  assert.equal(
    (await cached.request("/static/big.bin", { method: "HEAD" })).headers.get("cache-control"),
    "public, max-age=31536000, immutable",
  );
  assert.equal((await cached.request("/static/a.txt", { method: "HEAD" })).headers.get("cache-control"), null);
  const fixed = staticApp({ root: new URL(`file://${PUBLIC}/`), headers: { "X-Served-By": "serveFiles" } });
  assert.equal((await fixed.request("/static/a.txt")).headers.get("x-served-by"), "serveFiles");
});

test("serveFiles: a root that is no directory is a TypeError when the middleware is made", async (t) => {
  await t.test("missing", () => {
    assert.throws(() => serveFiles({ root: join(fixtures, "nope") }), {
      name: "TypeError",
      message: /^serveFiles: root ".+" does not exist$/,
    });
  });
  await t.test("a file", () => {
    assert.throws(() => serveFiles({ root: join(PUBLIC, "a.txt") }), {
      name: "TypeError",
      message: /^serveFiles: root ".+" is not a directory$/,
    });
  });
});

test("serveFiles: an index that is no plain file name is a TypeError", async (t) => {
  for (const index of ["", ".", "..", "a/b", "a\\b", "x\0"]) {
    await t.test(JSON.stringify(index), () => {
      assert.throws(() => serveFiles({ root: PUBLIC, index }), {
        name: "TypeError",
        message: `serveFiles: index ${JSON.stringify(index)} is not a plain file name`,
      });
    });
  }
});

test(`serveFiles and fileResponse on a real ${runtime} server: the FileResponse itself reaches the server`, async () => {
  const app = new Hono();
  app.use(responses());
  app.onError(errorHandler({ onError() {} }));
  app.use("/static/*", async (c, next) => {
    setCookie(c, "visited", "1");
    await next();
  });
  app.use("/static/*", serveFiles({ root: PUBLIC, rewriteRequestPath: (p) => p.replace(/^\/static/, "") }));
  app.get("/download", (c) => fileResponse(c, join(PUBLIC, "big.bin"), { filename: "data 1.bin" }));
  app.get("/missing", (c) => fileResponse(c, join(PUBLIC, "missing.bin")));
  const served: Response[] = [];
  await withServer(async (request) => {
    const res = await app.fetch(request);
    served.push(res);
    return res;
  }, async (url) => {
    const res = await fetch(`${url}/static/big.bin`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.headers.getSetCookie(), ["visited=1; Path=/"]);
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), BIG);
    assert.ok(served.at(-1) instanceof FileResponse, "the server got the FileResponse");

    const range = await fetch(`${url}/static/big.bin`, { headers: { range: "bytes=99990-" } });
    assert.equal(range.status, 206);
    assert.deepEqual(new Uint8Array(await range.arrayBuffer()), BIG.slice(99990));
    assert.ok(served.at(-1) instanceof FileResponse);

    const head = await fetch(`${url}/static/big.bin`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("content-length"), "100000");
    assert.equal(await head.text(), "");

    const download = await fetch(`${url}/download`, { headers: { range: "bytes=0-4" } });
    assert.equal(download.status, 206);
    assert.equal(download.headers.get("content-disposition"), `attachment; filename="data 1.bin"`);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), BIG.slice(0, 5));
    assert.ok(served.at(-1) instanceof FileResponse);

    const missing = await fetch(`${url}/missing`, { headers: { accept: "application/json" } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), "application/problem+json");
    await missing.body?.cancel();
  });
});

test("fileResponse: a Blob, with the request's Range", async () => {
  const app = new Hono();
  app.get("/blob", (c) => fileResponse(c, new File([BIG.slice()], "big.bin"), { asAttachment: true }));
  const res = await app.request("/blob", { headers: { range: "bytes=10-19" } });
  assert.equal(res.status, 206);
  assert.equal(res.headers.get("content-range"), `bytes 10-19/${BIG.length}`);
  assert.equal(res.headers.get("content-disposition"), 'attachment; filename="big.bin"');
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), BIG.slice(10, 20));
});
