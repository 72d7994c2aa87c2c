/**
 * Over-the-wire checks of the library on workerd: tests/workerd/worker.ts runs in workerd
 * (through miniflare, started by scripts/workerd.mjs, which passes its origin in
 * `ALLRESPONSES_WORKERD_URL`) and these requests come from Node over a raw TCP connection, so
 * they see exactly what workerd sends: status line, every header, chunked or not, body bytes.
 * Not a `*.test.ts` file: the Deno, Bun and Node suites do not pick it up.
 *
 * @module
 */

import assert from "node:assert/strict";
import process from "node:process";
import { test } from "node:test";
import { getSignedCookie } from "../../mod.ts";
import { decode, latin1, rawRequest, rawStream } from "../_raw_http.ts";
import { ALPHABET, SECRET } from "./worker.ts";
import { LONG_TEXT } from "./texts.ts";

const origin = new URL(process.env.ALLRESPONSES_WORKERD_URL ?? "http://127.0.0.1:8787");
/** Where examples/worker.ts runs. */
const example = new URL(process.env.ALLRESPONSES_WORKERD_EXAMPLE_URL ?? "http://127.0.0.1:8788");
/** Where tests/workerd/no_fs_worker.ts runs, without `nodejs_compat`. */
const noFs = new URL(process.env.ALLRESPONSES_WORKERD_NO_FS_URL ?? "http://127.0.0.1:8789");

interface Raw {
  status: number;
  headers: Headers;
  chunked: boolean;
  body: Uint8Array;
  text: string;
}

/**
 * One HTTP/1.1 request on its own connection; the whole response as sent. workerd keeps the
 * connection open whatever `Connection: close` says, so the response ends where its framing
 * says: the Content-Length, the last chunk, or the headers of a HEAD, 204 or 304.
 */
async function raw(path: string, headers: Record<string, string> = {}, method = "GET", at = origin): Promise<Raw> {
  const res = await rawRequest(at.href, { target: path, method, headers, untilClose: false });
  return {
    status: res.status,
    headers: new Headers(res.lines),
    chunked: res.get("transfer-encoding") === "chunked",
    body: res.body,
    text: new TextDecoder().decode(res.body),
  };
}

/** Opens `path`, waits for the first bytes of its body, and leaves. */
async function leaveAfterFirstBytes(path: string): Promise<void> {
  const res = await rawStream(origin.href, { target: path });
  try {
    let seen = "";
    for await (const chunk of res.chunks) {
      seen += latin1(chunk);
      if (seen.includes("tick")) return;
    }
    assert.fail(`${path} ended before its first tick: ${JSON.stringify(seen)}`);
  } finally {
    res.close();
  }
}

/** Polls the worker's cleanup counts every 50 ms until `source`'s is `count` or 3 s pass. */
async function cleanedUp(source: string, count: number): Promise<number> {
  let seen = 0;
  for (const end = Date.now() + 3_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    seen = JSON.parse((await raw("/cleaned-up")).text)[source];
    if (seen >= count) break;
  }
  return seen;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

test("workerd: each response kind arrives with its status, headers and exact bytes", async (t) => {
  const cases: [string, number, Record<string, string | null>, string][] = [
    ["/ok", 200, { "content-type": "text/html; charset=utf-8", "content-length": "14" }, "hello, workerd"],
    ["/no-content", 204, { "content-type": null, "content-length": null }, ""],
    ["/json", 200, { "content-type": "application/json", "content-length": "23" }, '{"a":1,"text":"é ✓"}'],
    ["/created", 201, { "content-type": "application/json", location: "/items/7" }, '{"id":7}'],
    ["/html", 200, { "content-type": "text/html; charset=utf-8", "content-length": "13" }, "<p>héllo</p>"],
    ["/text", 200, { "content-type": "text/plain; charset=utf-8", "content-length": "9" }, "plain ✓"],
    ["/redirect", 303, { location: "/elsewhere?x=1", "content-length": "0" }, ""],
  ];
  for (const [path, status, headers, body] of cases) {
    await t.test(path, async () => {
      const res = await raw(path);
      assert.equal(res.status, status);
      for (const [name, value] of Object.entries(headers)) assert.equal(res.headers.get(name), value, name);
      assert.deepEqual(res.body, utf8(body));
    });
  }
});

test("workerd: a HEAD request gets the headers of the GET, Content-Length included, and no body", async () => {
  const res = await raw("/ok", {}, "HEAD");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-length"), "14");
  assert.equal(res.body.length, 0);
});

test("workerd: a StreamingResponse is sent chunked, and a Content-Length on a JS stream body is dropped", async (t) => {
  await t.test("no length given", async () => {
    const res = await raw("/stream");
    assert.equal(res.status, 200);
    assert.equal(res.chunked, true);
    assert.equal(res.headers.get("content-length"), null);
    assert.equal(res.text, "one two three");
  });
  await t.test("a Content-Length header on the stream", async () => {
    const res = await raw("/stream-length");
    assert.equal(res.chunked, true, "workerd replaces it with chunked encoding");
    assert.equal(res.headers.get("content-length"), null);
    assert.equal(res.text, "12345");
  });
});

test("workerd: a stream that fails mid-body ends with the last chunk, as if complete (a platform difference)", async () => {
  const res = await raw("/stream-error");
  assert.equal(res.status, 200);
  assert.equal(res.chunked, true);
  assert.equal(res.text, "part one, ", "the client cannot tell this body from a complete one");
});

test("workerd: a client that leaves mid-stream cancels a ReadableStream source (given `request`)", async () => {
  await leaveAfterFirstBytes("/leave/stream");
  assert.equal(await cleanedUp("stream", 1), 1);
});

test("workerd: a client that leaves mid-stream closes an iterator source through its return() (given `request`)", async () => {
  await leaveAfterFirstBytes("/leave/iterator");
  assert.equal(await cleanedUp("iterator", 1), 1);
});

test("workerd: a client that leaves an event stream cancels its ReadableStream source (given `request`)", async () => {
  await leaveAfterFirstBytes("/leave/events");
  assert.equal(await cleanedUp("events", 1), 1);
});

test("workerd: a client that leaves mid-stream runs a generator source's finally (given `request`)", {
  todo: "workerd drops the continuations of a request whose client left: a generator paused at an await " +
    "never resumes to run its finally (README: use a ReadableStream or an iterator with return())",
}, async () => {
  await leaveAfterFirstBytes("/leave/generator");
  assert.equal(await cleanedUp("generator", 1), 1);
});

test("workerd: EventSourceResponse streams its events, pings through a pause, and ends with the source", async () => {
  const res = await raw("/sse");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.equal(res.headers.get("x-accel-buffering"), "no");
  assert.equal(res.chunked, true);
  assert.equal(
    res.text,
    // The opening comment line sends the headers at once.
    ":\r\nid: 1\r\nevent: greeting\r\ndata: hello\r\n\r\n: ping\r\n\r\nid: 2\r\ndata: line one\r\ndata: line two\r\n\r\n",
  );
});

test("workerd: cookies, a deleted one and a signed one arrive as separate Set-Cookie headers", async () => {
  const res = await raw("/cookies");
  const cookies = res.headers.getSetCookie();
  assert.equal(cookies.length, 3);
  assert.equal(cookies[0], "theme=dark; Max-Age=60; Path=/; SameSite=Lax");
  assert.equal(cookies[1], "old=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax");
  assert.match(cookies[2]!, /^sid=ada\.[A-Za-z0-9%]+; Path=\/; HttpOnly; SameSite=Lax$/);
  const request = new Request(origin.href, { headers: { cookie: cookies[2]!.split(";")[0]! } });
  assert.equal(await getSignedCookie(request, SECRET, "sid"), "ada");
});

test("workerd: handle() answers HttpErrors as problem details or text, and hides unexpected errors", async (t) => {
  await t.test("404 as problem details", async () => {
    const res = await raw("/handle/missing", { accept: "application/json" });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    assert.deepEqual(JSON.parse(res.text), {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "No such thing",
    });
  });
  await t.test("418 as text", async () => {
    const res = await raw("/handle/teapot", { accept: "text/html" });
    assert.equal(res.status, 418);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.text, "Short and stout");
  });
  await t.test("an unexpected error is a bare 500", async () => {
    const res = await raw("/handle/boom", { accept: "application/json" });
    assert.equal(res.status, 500);
    assert.doesNotMatch(res.text, /secret/);
    assert.deepEqual(JSON.parse(res.text), { type: "about:blank", title: "Internal Server Error", status: 500 });
  });
});

test("workerd: the Hono adapter keeps context headers and negotiates errors", async (t) => {
  await t.test("a returned class with a context header and the request's cookie", async () => {
    const res = await raw("/hono/note", { cookie: "seen=yes" });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.equal(res.headers.get("location"), "/hono/note/1");
    assert.equal(res.headers.get("content-type"), "application/json");
    assert.equal(res.text, '{"id":1,"seen":"yes"}');
  });
  await t.test("a thrown Http404 as problem details", async () => {
    const res = await raw("/hono/missing", { accept: "application/json" });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
    assert.equal(JSON.parse(res.text).detail, "No such note");
  });
});

test(
  "workerd: FileResponse from a Blob with a Range is a 206 with its Content-Length",
  async () => {
    const res = await raw("/blob", { range: "bytes=2-5" });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-range"), `bytes 2-5/${ALPHABET.length}`);
    assert.equal(res.headers.get("content-length"), "4");
    assert.equal(res.headers.get("content-type"), "text/plain");
    assert.equal(res.headers.get("accept-ranges"), "bytes");
    assert.equal(res.headers.get("etag"), null, "a plain Blob has no validator");
    assert.equal(res.chunked, false);
    assert.equal(res.text, "cdef");
  },
);

test("workerd: FileResponse from a node:fs path keeps its length and makes no validator from mtime 0", async (t) => {
  await t.test("the whole file", async () => {
    const res = await raw("/disk");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-length"), String(ALPHABET.length));
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("etag"), null, "inode 0 and mtime 0 are no version");
    assert.equal(res.headers.get("last-modified"), null, "mtime 0 is no time");
    assert.equal(res.text, ALPHABET);
  });
  await t.test("a range", async () => {
    const res = await raw("/disk", { range: "bytes=-3" });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-range"), `bytes 23-25/${ALPHABET.length}`);
    assert.equal(res.headers.get("content-length"), "3");
    assert.equal(res.chunked, false);
    assert.equal(res.text, "xyz");
  });
  await t.test("If-Modified-Since gets the file, not a 304 for what may be stale", async () => {
    const res = await raw("/disk", { "if-modified-since": "Thu, 01 Jan 1970 00:00:00 GMT" });
    assert.equal(res.status, 200);
    assert.equal(res.text, ALPHABET);
  });
});

test("workerd without nodejs_compat: the worker starts with its file handlers; a path is a TypeError naming Blob and FileSource", async (t) => {
  const thrown = async (path: string) => JSON.parse((await raw(path, {}, "GET", noFs)).text).thrown;
  await t.test("FileResponse from a path", async () => {
    assert.deepEqual(await thrown("/path"), {
      name: "TypeError",
      message: "FileResponse: this runtime has no file system to read a path from; pass a Blob or a FileSource",
    });
  });
  await t.test("a staticFiles handler made at start, on its first request", async () => {
    assert.deepEqual(await thrown("/static"), {
      name: "TypeError",
      message: "staticFiles: this runtime has no file system (node:fs) to serve a directory from",
    });
  });
  await t.test("Hono's serveFiles made at start, on its first request", async () => {
    assert.deepEqual(await thrown("/serve/index.html"), {
      name: "TypeError",
      message: "serveFiles: this runtime has no file system (node:fs) to serve a directory from",
    });
  });
  await t.test("FileResponse from a Blob", async () => {
    const res = await raw("/blob", { range: "bytes=3-6" }, "GET", noFs);
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-length"), "4");
    assert.equal(res.text, "disk");
  });
});

/** The body as the client reads it: decoded once, by the coding its Content-Encoding names. */
function decodedOnce(res: Raw): string {
  return new TextDecoder().decode(decode(res.body, res.headers.get("content-encoding")));
}

// workerd hands a worker `Accept-Encoding: br, gzip` whatever the client asked for, and encodes
// (or decodes) what the worker returns to suit the client itself, which encodes a body that is
// already encoded a second time unless its response says so: these check that the client
// decodes every coding it asked for exactly once, to the same text.
test("workerd: compressed responses are encoded once", async (t) => {
  for (const coding of ["br", "gzip", "deflate"]) {
    await t.test(`compressResponse on node:zlib, the client asking for ${coding}`, async () => {
      const res = await raw("/compressed", { "accept-encoding": coding });
      assert.equal(res.status, 200);
      assert.ok([coding, null].includes(res.headers.get("content-encoding")), res.headers.get("content-encoding")!);
      assert.equal(res.headers.get("vary")?.toLowerCase(), "accept-encoding");
      assert.equal(decodedOnce(res), LONG_TEXT);
    });
  }
  await t.test("a precompressed sibling whose age cannot be told (mtime 0) is not served for its file", async () => {
    const res = await raw("/disk-precompressed", { "accept-encoding": "gzip" });
    assert.equal(res.status, 200);
    assert.equal(decodedOnce(res), LONG_TEXT, "the file, not the stale .gz beside it");
  });
});

test("workerd: conditionalGet leaves a response with a Content-Encoding as it is, without an entity-tag", async () => {
  const res = await raw("/encoded-conditional", { "accept-encoding": "gzip" });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("etag"), null);
  assert.equal(decodedOnce(res), LONG_TEXT);
});

test("workerd without nodejs_compat: compressResponse encodes once, on CompressionStream", async (t) => {
  for (const coding of ["br", "gzip", "deflate"]) {
    await t.test(`the client asking for ${coding}`, async () => {
      const res = await raw("/text", { "accept-encoding": coding }, "GET", noFs);
      assert.equal(res.status, 200);
      assert.ok([coding, null].includes(res.headers.get("content-encoding")), res.headers.get("content-encoding")!);
      assert.equal(res.headers.get("vary")?.toLowerCase(), "accept-encoding");
      assert.equal(decodedOnce(res), LONG_TEXT);
    });
  }
  await t.test("an event stream arrives whole", async () => {
    const plain = await raw("/events", {}, "GET", noFs);
    const res = await raw("/events", { "accept-encoding": "gzip" }, "GET", noFs);
    assert.match(res.headers.get("content-type")!, /^text\/event-stream/);
    assert.ok(plain.text.endsWith("data: last\r\n\r\n") || plain.text.endsWith("data: last\n\n"));
    assert.equal(decodedOnce(res), plain.text);
  });
});

test("examples/worker.ts: its pages, JSON, cookie and errors", async (t) => {
  await t.test("/ is HTML", async () => {
    const res = await raw("/", {}, "GET", example);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(res.text, "<h1>allresponses on Workers</h1>");
  });
  await t.test("/visit sets its cookie", async () => {
    const res = await raw("/visit", {}, "GET", example);
    assert.deepEqual(res.headers.getSetCookie(), ["visited=yes; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax"]);
  });
  await t.test("/old redirects", async () => {
    const res = await raw("/old", {}, "GET", example);
    assert.equal(res.status, 301);
    assert.equal(res.headers.get("location"), "/");
  });
  await t.test("an unknown path is a 404 in problem details", async () => {
    const res = await raw("/nope", { accept: "application/json" }, "GET", example);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("content-type"), "application/problem+json");
  });
});

test(
  "examples/worker.ts: a range of an R2-like object is a 206 with its Content-Length and validators",
  async () => {
    const res = await raw("/files/hello.txt", { range: "bytes=0-4" }, "GET", example);
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-range"), "bytes 0-4/30");
    assert.equal(res.headers.get("content-length"), "5");
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("etag"), '"v1"');
    assert.equal(res.headers.get("last-modified"), "Thu, 01 Jan 2026 00:00:00 GMT");
    assert.equal(res.chunked, false);
    assert.equal(res.text, "Hello");
  },
);

test("examples/worker.ts: a matching If-None-Match on an R2-like object is a 304", async () => {
  const res = await raw("/files/hello.txt", { "if-none-match": '"v1"' }, "GET", example);
  assert.equal(res.status, 304);
  assert.equal(res.body.length, 0);
});

test("examples/worker.ts: an object missing from the bucket is a 404", async () => {
  const res = await raw("/files/missing.txt", {}, "GET", example);
  assert.equal(res.status, 404);
});
