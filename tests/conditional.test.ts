import { test } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  condition,
  conditionalGet,
  type ConditionalValidators,
  evaluatePreconditions,
  httpDate,
  HttpResponse,
  HttpResponseNotFound,
  JsonResponseOK,
  PlainTextResponse,
  StreamingResponse,
} from "../mod.ts";
import { conditionalGet as honoConditionalGet } from "../src/hono.ts";
import { withServer } from "./_serve.ts";
import { signal, within } from "./_util.ts";

const MODIFIED = Date.UTC(2026, 0, 2, 3, 4, 5);
const BEFORE = httpDate(MODIFIED - 1000);
const AT = httpDate(MODIFIED);
const AFTER = httpDate(MODIFIED + 1000);

interface Sent {
  status: number;
  headers: Headers;
  text: string;
}

/** Sends each request to a server running `handler`: what the client receives. */
async function send(
  handler: (request: Request) => Response | Promise<Response>,
  requests: { method?: string; headers?: Record<string, string> }[],
): Promise<Sent[]> {
  return await withServer(handler, async (url) => {
    const out: Sent[] = [];
    for (const init of requests) {
      const res = await fetch(url, init);
      out.push({ status: res.status, headers: res.headers, text: await res.text() });
    }
    return out;
  });
}

type Case = [name: string, method: string, headers: Record<string, string>, status: number];

/** Runs a table of requests against `evaluatePreconditions(request, validators) ?? a 200`. */
async function preconditionTable(
  t: { test: (name: string, fn: () => void) => Promise<void> },
  validators: ConditionalValidators,
  table: Case[],
) {
  const results = await send(
    (request) => evaluatePreconditions(request, validators) ?? new HttpResponse("the body"),
    table.map(([, method, headers]) => ({ method, headers })),
  );
  for (const [i, [name, , , status]] of table.entries()) {
    await t.test(name, () => assert.equal(results[i]!.status, status));
  }
}

test("evaluatePreconditions follows RFC 9110 §13.2.2: If-None-Match compares weakly, If-Match strongly", async (t) => {
  await preconditionTable(t, { etag: '"v1"', lastModified: MODIFIED }, [
    ["no conditional headers", "GET", {}, 200],
    ["If-None-Match matching", "GET", { "if-none-match": '"v1"' }, 304],
    ["If-None-Match weak form of the tag", "GET", { "if-none-match": 'W/"v1"' }, 304],
    ["If-None-Match in a list", "GET", { "if-none-match": '"a", "v1", "b"' }, 304],
    ["If-None-Match other tag", "GET", { "if-none-match": '"v2"' }, 200],
    ["If-None-Match *", "GET", { "if-none-match": "*" }, 304],
    ["If-None-Match matching on HEAD", "HEAD", { "if-none-match": '"v1"' }, 304],
    ["If-None-Match matching on POST", "POST", { "if-none-match": '"v1"' }, 412],
    ["If-Match matching", "PUT", { "if-match": '"v1"' }, 200],
    ["If-Match weak form fails strong comparison", "PUT", { "if-match": 'W/"v1"' }, 412],
    ["If-Match other tag", "PUT", { "if-match": '"v2"' }, 412],
    ["If-Match *", "PUT", { "if-match": "*" }, 200],
    ["If-Match failing comes before If-None-Match", "GET", { "if-match": '"v2"', "if-none-match": '"v1"' }, 412],
    ["If-Modified-Since equal", "GET", { "if-modified-since": AT }, 304],
    ["If-Modified-Since later", "GET", { "if-modified-since": AFTER }, 304],
    ["If-Modified-Since earlier", "GET", { "if-modified-since": BEFORE }, 200],
    ["If-Modified-Since invalid date ignored", "GET", { "if-modified-since": "yesterday" }, 200],
    ["If-Modified-Since ignored with If-None-Match", "GET", { "if-modified-since": AT, "if-none-match": '"v2"' }, 200],
    ["If-Modified-Since ignored on POST", "POST", { "if-modified-since": AT }, 200],
    ["If-Unmodified-Since earlier", "PUT", { "if-unmodified-since": BEFORE }, 412],
    ["If-Unmodified-Since equal", "PUT", { "if-unmodified-since": AT }, 200],
    [
      "If-Unmodified-Since invalid date ignored",
      "PUT",
      { "if-unmodified-since": "Mon, 32 Jan 2026 00:00:00 GMT" },
      200,
    ],
    ["If-Unmodified-Since ignored with If-Match", "PUT", { "if-match": '"v1"', "if-unmodified-since": BEFORE }, 200],
  ]);
});

test("evaluatePreconditions with a weak ETag: If-None-Match matches it, If-Match never does", async (t) => {
  await preconditionTable(t, { etag: 'W/"v1"' }, [
    ["If-None-Match strong form", "GET", { "if-none-match": '"v1"' }, 304],
    ["If-Match strong form", "PUT", { "if-match": '"v1"' }, 412],
    ["If-Match weak form", "PUT", { "if-match": 'W/"v1"' }, 412],
  ]);
});

test("evaluatePreconditions without validators: If-Match * holds, a tag list never matches", async (t) => {
  await preconditionTable(t, {}, [
    ["If-Match a tag", "PUT", { "if-match": '"x"' }, 412],
    ["If-Match *", "PUT", { "if-match": "*" }, 200],
    ["If-None-Match a tag", "GET", { "if-none-match": '"x"' }, 200],
    ["If-Modified-Since", "GET", { "if-modified-since": AT }, 200],
  ]);
});

test("evaluatePreconditions: the 304 carries the validators (an unquoted tag quoted, the date in whole seconds) and no body", async () => {
  const validators = { etag: "v1", lastModified: new Date(MODIFIED + 678) };
  const [res] = await send((request) => evaluatePreconditions(request, validators) ?? new HttpResponse("x"), [
    { headers: { "if-none-match": '"v1"' } },
  ]);
  assert.equal(res!.status, 304);
  assert.equal(res!.headers.get("etag"), '"v1"');
  assert.equal(res!.headers.get("last-modified"), AT);
  assert.equal(res!.headers.get("content-length"), null);
  assert.equal(res!.text, "");
});

test("evaluatePreconditions refuses an etag that is not an entity-tag and an invalid date", async (t) => {
  const request = new Request("http://x/", { headers: { "if-none-match": "*" } });
  const table: [string, ConditionalValidators, RegExp][] = [
    ["a quote inside", { etag: 'a"b' }, /^evaluatePreconditions: etag "a\\"b" is not an entity-tag$/],
    ["CR/LF", { etag: "v1\r\nSet-Cookie: a=b" }, /^evaluatePreconditions: etag .* is not an entity-tag$/],
    ["a space", { etag: "v 1" }, /is not an entity-tag$/],
    ["not a string", { etag: 7 as unknown as string }, /^evaluatePreconditions: etag 7 is not a string$/],
    [
      "an invalid Date",
      { lastModified: new Date("nope") },
      /^evaluatePreconditions: lastModified an invalid Date is not a valid Date/,
    ],
    ["NaN", { lastModified: NaN }, /^evaluatePreconditions: lastModified NaN/],
  ];
  for (const [name, validators, message] of table) {
    await t.test(name, () => {
      assert.throws(
        () => evaluatePreconditions(request, validators),
        (e: Error) => e instanceof TypeError && message.test(e.message),
      );
    });
  }
});

test("condition: validators run before the handler, which does not run for a 304 or a 412", async () => {
  let rendered = 0;
  const handler = condition({ etag: () => Promise.resolve('"v3"'), lastModified: () => MODIFIED }, () => {
    rendered++;
    return new JsonResponseOK({ rendered });
  });
  const results = await send(handler, [
    { headers: { "if-none-match": '"v3"' } },
    { method: "PUT", headers: { "if-match": '"v2"' } },
    { headers: { "if-modified-since": AT } },
  ]);
  assert.deepEqual(results.map((r) => r.status), [304, 412, 304]);
  assert.equal(results[0]!.headers.get("etag"), '"v3"');
  assert.equal(rendered, 0);
});

test("condition: a 2xx response to GET or HEAD gets the ETag and Last-Modified it lacks, and keeps its own", async () => {
  const own = condition(
    { etag: () => '"v3"', lastModified: () => MODIFIED },
    () => new PlainTextResponse("hi", { headers: { etag: '"mine"' } }),
  );
  const lacking = condition(
    { etag: () => "v3", lastModified: () => new Date(MODIFIED) },
    () => new PlainTextResponse("hi"),
  );
  const [mine] = await send(own, [{}]);
  const [get, head, post] = await send(lacking, [{}, { method: "HEAD" }, { method: "POST" }]);
  assert.equal(mine!.headers.get("etag"), '"mine"');
  assert.equal(mine!.headers.get("last-modified"), AT);
  for (const res of [get!, head!]) {
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("etag"), '"v3"');
    assert.equal(res.headers.get("last-modified"), AT);
  }
  assert.equal(get!.text, "hi");
  assert.equal(post!.headers.get("etag"), null, "not for a POST");
});

test("condition: a resource without validators goes on to the handler, whose 404 gets none", async () => {
  const handler = condition(
    { etag: () => undefined, lastModified: () => Promise.resolve(undefined) },
    () => new HttpResponseNotFound("none"),
  );
  const [res] = await send(handler, [{ headers: { "if-none-match": '"x"' } }]);
  assert.equal(res!.status, 404);
  assert.equal(res!.headers.get("etag"), null);
  assert.equal(res!.headers.get("last-modified"), null);
});

test("condition: a validator function returning a bad entity-tag rejects with a TypeError naming condition", async () => {
  const handler = condition({ etag: () => 'bad"tag' }, () => new HttpResponse("x"));
  await assert.rejects(
    async () => await handler(new Request("http://x/")),
    (e: Error) => e instanceof TypeError && /^condition: etag/.test(e.message),
  );
});

const BODY = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) });

test("conditionalGet: a GET 200 of known length gets a strong ETag from its bytes, the same for HEAD, and the body unchanged", async () => {
  let body = BODY;
  const handler = conditionalGet(() => new JsonResponseOK(JSON.parse(body)));
  const [first, again, head] = await send(handler, [{}, {}, { method: "HEAD" }]);
  body = BODY.replace("item 7", "item 8");
  const [changed] = await send(handler, [{}]);
  const etag = first!.headers.get("etag");
  assert.match(etag ?? "", /^"[0-9a-z]+-[0-9a-z]+-[0-9a-z]+"$/);
  assert.equal(first!.text, BODY);
  assert.equal(first!.headers.get("content-length"), String(BODY.length));
  assert.equal(first!.headers.get("content-type"), "application/json");
  assert.equal(again!.headers.get("etag"), etag, "stable");
  assert.equal(head!.headers.get("etag"), etag, "HEAD");
  assert.notEqual(changed!.headers.get("etag"), etag, "changes with the content");
});

test("conditionalGet: If-None-Match with that ETag gives a 304 with the validators, Cache-Control and Vary, and no body", async () => {
  const handler = conditionalGet(() =>
    new PlainTextResponse("hello ".repeat(100), {
      headers: { "cache-control": "max-age=60", vary: "Cookie", "x-other": "1" },
    })
  );
  const [first] = await send(handler, [{}]);
  const etag = first!.headers.get("etag")!;
  const [hit, weakHit, miss, put] = await send(handler, [
    { headers: { "if-none-match": etag } },
    { headers: { "if-none-match": `W/${etag}` } },
    { headers: { "if-none-match": '"other"' } },
    { method: "PUT", headers: { "if-match": etag } },
  ]);
  assert.equal(hit!.status, 304);
  assert.equal(hit!.text, "");
  assert.equal(hit!.headers.get("etag"), etag);
  assert.equal(hit!.headers.get("cache-control"), "max-age=60");
  assert.equal(hit!.headers.get("vary"), "Cookie");
  assert.equal(hit!.headers.get("x-other"), null);
  assert.equal(hit!.headers.get("content-length"), null);
  assert.equal(weakHit!.status, 304);
  assert.equal(miss!.status, 200);
  assert.equal(put!.status, 200, "a PUT is not tagged or checked");
});

test("conditionalGet keeps a response's own ETag and Last-Modified and evaluates them", async () => {
  const handler = conditionalGet(() => new PlainTextResponse("x", { headers: { etag: '"own"', "last-modified": AT } }));
  const [plain, byTag, bySince, ifMatch] = await send(handler, [
    {},
    { headers: { "if-none-match": '"own"' } },
    { headers: { "if-modified-since": AFTER } },
    { headers: { "if-match": '"nope"' } },
  ]);
  assert.equal(plain!.headers.get("etag"), '"own"');
  assert.deepEqual([byTag!.status, bySince!.status, ifMatch!.status], [304, 304, 412]);
});

test("conditionalGet leaves alone what is not a GET/HEAD 200 of known length", async (t) => {
  const table: [string, () => Response, RequestInit][] = [
    ["a 404", () => new HttpResponseNotFound("gone"), {}],
    ["a POST", () => new PlainTextResponse("made"), { method: "POST" }],
    ["a plain Response without Content-Length", () => new Response(new Blob(["abc"]).stream()), {}],
  ];
  for (const [name, make, init] of table) {
    await t.test(name, async () => {
      const [res] = await send(conditionalGet(make), [init as { method?: string }]);
      assert.equal(res!.headers.get("etag"), null);
    });
  }
});

test("conditionalGet never buffers a stream: the first chunk arrives while the stream is still open", async () => {
  const release = signal();
  const handler = conditionalGet(() =>
    new StreamingResponse(async function* () {
      yield "first\n";
      await release.promise;
      yield "second\n";
    }())
  );
  await withServer(handler, async (url) => {
    const res = await fetch(url);
    assert.equal(res.headers.get("etag"), null);
    const reader = res.body!.getReader();
    const first = await within(reader.read(), 5000);
    assert.ok(first, "the first chunk arrived before the stream ended");
    release.fire();
    while (!(await reader.read()).done);
  });
});

test("Hono conditionalGet(): the library's classes get an ETag and a 304 on a match; c.json() is left alone", async () => {
  const app = new Hono();
  app.use(honoConditionalGet());
  app.get("/ours", () => new JsonResponseOK(JSON.parse(BODY), { headers: { "cache-control": "max-age=5" } }));
  app.get("/hono", (c) => c.json({ a: 1 }));
  await withServer(app.fetch, async (url) => {
    const first = await fetch(url + "/ours");
    assert.equal(await first.text(), BODY);
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^"[0-9a-z-]+"$/);
    const hit = await fetch(url + "/ours", { headers: { "if-none-match": etag! } });
    assert.equal(hit.status, 304);
    assert.equal(await hit.text(), "");
    assert.equal(hit.headers.get("etag"), etag);
    assert.equal(hit.headers.get("cache-control"), "max-age=5");
    assert.equal(hit.headers.get("content-length"), null);
    assert.equal(hit.headers.get("content-type"), null);
    const head = await fetch(url + "/ours", { method: "HEAD" });
    assert.equal(head.headers.get("etag"), etag);
    const hono = await fetch(url + "/hono");
    assert.deepEqual(await hono.json(), { a: 1 });
    assert.equal(hono.headers.get("etag"), null);
  });
});

test("allresponses/hono conditionalGet(handler) is the handler wrapper of allresponses", async () => {
  const [res] = await send(honoConditionalGet(() => new PlainTextResponse("same")), [{}]);
  assert.match(res!.headers.get("etag") ?? "", /^"/);
});

test("conditionalGet: bodies that differ in one byte, anywhere, get different ETags", async () => {
  const base = new TextEncoder().encode(BODY);
  const variants = [
    base,
    ...[0, 1, 3, 4, 7, 8, 1001, base.byteLength - 2, base.byteLength - 1].map((at) => {
      const copy = base.slice();
      copy[at] = copy[at]! ^ 1;
      return copy;
    }),
    base.slice(0, -1),
  ];
  const handler = conditionalGet((request) =>
    new HttpResponse(variants[Number(new URL(request.url).pathname.slice(1))], { contentType: "application/json" })
  );
  const tags = await withServer(handler, async (url) => {
    const out: (string | null)[] = [];
    for (let i = 0; i < variants.length; i++) {
      const res = await fetch(`${url}/${i}`);
      await res.arrayBuffer();
      out.push(res.headers.get("etag"));
    }
    return out;
  });
  assert.equal(new Set(tags).size, variants.length, tags.join(" "));
});
