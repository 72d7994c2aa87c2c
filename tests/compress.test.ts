import { test } from "node:test";
import assert from "node:assert/strict";
import * as zlib from "node:zlib";
import { Hono } from "hono";
import {
  type CompressionOptions,
  compressResponse,
  type Encoding,
  EventSourceResponse,
  HttpResponse,
  HttpResponseNoContent,
  HttpResponseNotModified,
  HttpResponsePartialContent,
  PlainTextResponse,
  StreamingResponse,
} from "../mod.ts";
import { compression } from "../src/hono.ts";
import { decode, decoderStream, type RawHead, rawRequest, rawStream } from "./_raw_http.ts";
import { runtime, withServer } from "./_serve.ts";
import { eventually, signal, sleep } from "./_util.ts";

/** zstd where the runtime's node:zlib has it: Bun and Deno do, Node 20 does not. */
const ZSTD = typeof (zlib as { createZstdCompress?: unknown }).createZstdCompress === "function";
const CODINGS: Encoding[] = ZSTD ? ["br", "zstd", "gzip", "deflate"] : ["br", "gzip", "deflate"];

const encoder = new TextEncoder();
const text = (() => {
  let out = "";
  for (let i = 0; out.length < 20_000; i++) out += `line ${i}: ${"abcdefghij".slice(i % 10)} ${(i * 7919) % 1000}\n`;
  return out;
})();
const TEXT = encoder.encode(text);
/** How a HEAD is read: to the close of the connection, so that nothing may follow its head. */
const HEAD = { method: "HEAD" };

/** A server answering each path with `compressResponse(request, cases[path](), options)`. */
function compressing(cases: Record<string, () => Response>, options?: CompressionOptions) {
  return (request: Request) => {
    const make = cases[new URL(request.url).pathname];
    return make ? compressResponse(request, make(), options) : new Response("no such case", { status: 404 });
  };
}

/** The body as a client decodes it, checking first that the coding was applied exactly once. */
function decoded(res: RawHead & { body: Uint8Array }): Uint8Array {
  const codings = res.all("content-encoding");
  assert.ok(codings.length <= 1 && !(codings[0] ?? "").includes(","), `one coding: ${codings.join(" | ")}`);
  return decode(res.body, codings[0] ?? null);
}

test("compressResponse: each coding on the wire — Content-Encoding once, Vary, no identity Content-Length, the exact bytes back", async (t) => {
  const chunks = [TEXT.subarray(0, 5000), TEXT.subarray(5000, 5001), TEXT.subarray(5001)];
  const cases = {
    "/string": () => new PlainTextResponse(text),
    "/bytes": () => new HttpResponse(TEXT, { contentType: "application/json" }),
    "/stream": () => new StreamingResponse(chunks.values(), { mediaType: "text/csv" }),
  };
  await withServer(compressing(cases), async (url) => {
    for (const path of Object.keys(cases)) {
      for (const coding of CODINGS) {
        await t.test(`${path} ${coding}`, async () => {
          const res = await rawRequest(url + path, { headers: { "accept-encoding": coding } });
          assert.equal(res.status, 200);
          assert.deepEqual(res.all("content-encoding"), [coding]);
          assert.equal(res.get("vary"), "Accept-Encoding");
          assert.equal(
            res.get("content-length") === null || Number(res.get("content-length")) === res.body.byteLength,
            true,
          );
          assert.ok(res.body.byteLength < TEXT.byteLength / 2, `compressed: ${res.body.byteLength}`);
          assert.deepEqual(decoded(res), TEXT);
        });
      }
    }
  });
});

test("compressResponse: zstd is offered where node:zlib has it (Bun, Deno, Node ≥ 22.15), and not elsewhere", async () => {
  if (runtime !== "node") assert.ok(ZSTD, `${runtime}'s node:zlib has zstd`);
  await withServer(compressing({ "/": () => new PlainTextResponse(text) }), async (url) => {
    const res = await rawRequest(url, { headers: { "accept-encoding": "zstd" } });
    assert.equal(res.get("content-encoding"), ZSTD ? "zstd" : null);
    assert.equal(res.get("vary"), "Accept-Encoding");
    assert.deepEqual(decoded(res), TEXT);
  });
});

test("compressResponse negotiates Accept-Encoding: q-values, *, identity, and the order of options.encodings among equal q", async (t) => {
  const table: [string | undefined, string | null, CompressionOptions?][] = [
    [undefined, null],
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["gzip, br", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0.5, gzip;q=0.8, deflate;q=0.9", "deflate"],
    ["*", "br"],
    ["*;q=0.5, gzip;q=0.6", "gzip"],
    ["gzip;q=0", null],
    ["*;q=0", null],
    ["br;q=0, *", ZSTD ? "zstd" : "gzip"],
    ["identity", null],
    ["identity, gzip;q=0.5", null],
    ["gzip, identity;q=0", "gzip"],
    ["compress, x-unknown", null],
    ["gzip;q=2, deflate", "deflate"],
    ["gzip ; q=0.7 , deflate;q=0.3", "gzip"],
    ["", null],
    ["gzip, br", "gzip", { encodings: ["gzip", "br"] }],
    ["br", null, { encodings: ["gzip"] }],
    ["zstd, br, gzip", "gzip", { encodings: ["deflate", "gzip"] }],
  ];
  await withServer((request) => {
    const options = table[Number(new URL(request.url).pathname.slice(1))]![2];
    return compressResponse(request, new PlainTextResponse(text), options);
  }, async (url) => {
    for (const [i, [accept, expected, options]] of table.entries()) {
      await t.test(`${JSON.stringify(accept)}${options ? " " + JSON.stringify(options) : ""} → ${expected ?? "identity"}`, async () => {
        const res = await rawRequest(`${url}/${i}`, {
          headers: accept === undefined ? {} : { "accept-encoding": accept },
        });
        assert.equal(res.get("content-encoding"), expected);
        assert.equal(res.get("vary"), "Accept-Encoding");
        assert.deepEqual(decoded(res), TEXT);
        if (expected === null) assert.equal(res.get("content-length"), String(TEXT.byteLength));
      });
    }
  });
});

test("compressResponse adds Accept-Encoding to an existing Vary once, on the compressed and the identity response", async () => {
  const cases = {
    "/cookie": () => new PlainTextResponse(text, { headers: { vary: "Cookie" } }),
    "/already": () => new PlainTextResponse(text, { headers: { vary: "accept-encoding" } }),
  };
  await withServer(compressing(cases), async (url) => {
    for (const accept of ["gzip", "identity"]) {
      assert.equal(
        (await rawRequest(url + "/cookie", { headers: { "accept-encoding": accept } })).get("vary"),
        "Cookie, Accept-Encoding",
      );
      assert.equal(
        (await rawRequest(url + "/already", { headers: { "accept-encoding": accept } })).get("vary"),
        "accept-encoding",
      );
    }
  });
});

test("compressResponse weakens a strong ETag of a compressed response only", async () => {
  const cases = {
    "/strong": () => new PlainTextResponse(text, { headers: { etag: '"abc"' } }),
    "/weak": () => new PlainTextResponse(text, { headers: { etag: 'W/"abc"' } }),
  };
  await withServer(compressing(cases), async (url) => {
    assert.equal((await rawRequest(url + "/strong", { headers: { "accept-encoding": "br" } })).get("etag"), 'W/"abc"');
    assert.equal((await rawRequest(url + "/strong")).get("etag"), '"abc"');
    assert.equal((await rawRequest(url + "/weak", { headers: { "accept-encoding": "gzip" } })).get("etag"), 'W/"abc"');
  });
});

test("compressResponse: a HEAD gets the headers of its GET and no body", async (t) => {
  const cases = { "/": () => new PlainTextResponse(text, { headers: { etag: '"e"' } }) };
  await withServer(compressing(cases), async (url) => {
    for (const accept of ["gzip", "br", undefined]) {
      await t.test(accept ?? "no Accept-Encoding", async () => {
        const headers: Record<string, string> = accept ? { "accept-encoding": accept } : {};
        const get = await rawRequest(url, { headers });
        const head = await rawRequest(url, { ...HEAD, headers });
        assert.equal(head.status, 200);
        assert.equal(head.body.byteLength, 0);
        for (const name of ["content-encoding", "vary", "etag", "content-type"]) {
          assert.equal(head.get(name), get.get(name), name);
        }
        if (accept) assert.equal(head.get("content-length"), null, "no identity Content-Length");
        else assert.equal(head.get("content-length"), String(TEXT.byteLength));
      });
    }
  });
});

test("compressResponse threshold: a known length below it is left alone (no Vary), at it compressed; an unknown length always", async (t) => {
  const body = (n: number) => "x".repeat(n);
  const table: [string, () => Response, CompressionOptions | undefined, boolean][] = [
    ["1023 bytes, default 1024", () => new PlainTextResponse(body(1023)), undefined, false],
    ["1024 bytes, default 1024", () => new PlainTextResponse(body(1024)), undefined, true],
    ["99 bytes, threshold 100", () => new PlainTextResponse(body(99)), { threshold: 100 }, false],
    ["100 bytes, threshold 100", () => new PlainTextResponse(body(100)), { threshold: 100 }, true],
    ["10 bytes, threshold 0", () => new PlainTextResponse(body(10)), { threshold: 0 }, true],
    [
      "a 10-byte stream",
      () => new StreamingResponse(["x".repeat(10)].values(), { mediaType: "text/plain" }),
      undefined,
      true,
    ],
    [
      "a 10-byte string without Content-Length",
      () => new Response(body(10), { headers: { "content-type": "text/plain" } }),
      undefined,
      true,
    ],
  ];
  await withServer((request) => {
    const [, make, options] = table[Number(new URL(request.url).pathname.slice(1))]!;
    return compressResponse(request, make(), options);
  }, async (url) => {
    for (const [i, [name, , , compressed]] of table.entries()) {
      await t.test(name, async () => {
        const res = await rawRequest(`${url}/${i}`, { headers: { "accept-encoding": "gzip" } });
        assert.equal(res.get("content-encoding"), compressed ? "gzip" : null);
        assert.equal(res.get("vary"), compressed ? "Accept-Encoding" : null);
        if (!compressed) assert.equal(res.get("content-length"), String(res.body.byteLength));
        assert.equal(new TextDecoder().decode(decoded(res)).replaceAll("x", ""), "");
      });
    }
  });
});

function withoutType(response: Response): Response {
  response.headers.delete("content-type");
  return response;
}

test("compressResponse leaves alone: an encoded body, no-transform, 204/206/304, types that do not compress, no type", async (t) => {
  const gzipped = new Uint8Array(zlib.gzipSync(TEXT));
  const table: [string, () => Response, Uint8Array | null][] = [
    [
      "Content-Encoding present",
      () => new HttpResponse(gzipped, { headers: { "content-encoding": "gzip", "content-type": "text/plain" } }),
      gzipped,
    ],
    [
      "Cache-Control: no-transform",
      () => new PlainTextResponse(text, { headers: { "cache-control": "public, No-Transform" } }),
      TEXT,
    ],
    ["204", () => new HttpResponseNoContent(), null],
    [
      "206",
      () =>
        new HttpResponsePartialContent(TEXT.subarray(0, 2000), {
          contentRange: [0, 1999, TEXT.byteLength],
          mediaType: "text/plain",
        }),
      TEXT.subarray(0, 2000),
    ],
    ["304", () => new HttpResponseNotModified(null, { headers: { etag: '"x"' } }), null],
    ["image/png", () => new HttpResponse(TEXT, { contentType: "image/png" }), TEXT],
    ["video/mp4", () => new HttpResponse(TEXT, { contentType: "video/mp4" }), TEXT],
    ["application/zip", () => new HttpResponse(TEXT, { contentType: "application/zip" }), TEXT],
    ["font/woff2", () => new HttpResponse(TEXT, { contentType: "font/woff2" }), TEXT],
    // (@hono/node-server's Response gives bytes a text/plain type unless it is deleted.)
    ["no Content-Type", () => withoutType(new Response(TEXT)), TEXT],
  ];
  await withServer(
    (request) => compressResponse(request, table[Number(new URL(request.url).pathname.slice(1))]![1]()),
    async (url) => {
      for (const [i, [name, , bytes]] of table.entries()) {
        await t.test(name, async () => {
          const res = await rawRequest(`${url}/${i}`, { headers: { "accept-encoding": "gzip, br, deflate" } });
          assert.equal(res.get("vary"), null);
          if (name === "Content-Encoding present") assert.deepEqual(res.all("content-encoding"), ["gzip"]);
          else assert.equal(res.get("content-encoding"), null);
          assert.deepEqual(res.body, bytes ?? new Uint8Array(0));
        });
      }
    },
  );
});

test("compressResponse flushes an event stream after every event: each arrives decodable before the next is sent", async (t) => {
  const EVENTS = 4;
  for (const coding of CODINGS) {
    await t.test(coding, async () => {
      const gates = Array.from({ length: EVENTS }, () => signal());
      gates[0]!.fire();
      const handler = (request: Request) =>
        compressResponse(
          request,
          new EventSourceResponse(
            async function* () {
              for (let i = 0; i < EVENTS; i++) {
                await gates[i]!.promise;
                yield { id: i, data: `event ${i} ${"payload ".repeat(50)}` };
              }
            }(),
            { ping: 0 },
          ),
        );
      await withServer(handler, async (url) => {
        const res = await rawStream(url, { headers: { "accept-encoding": coding } });
        try {
          assert.equal(res.get("content-encoding"), coding);
          const decoder = decoderStream(coding);
          let received = "";
          decoder.on("data", (chunk: Uint8Array) => (received += new TextDecoder().decode(chunk)));
          void (async () => {
            for await (const chunk of res.chunks) decoder.write(chunk);
          })().catch(() => {});
          for (let i = 0; i < EVENTS; i++) {
            const arrived = await eventually(() => received.includes(`data: event ${i} `), 5000);
            assert.ok(arrived, `event ${i} arrived decodable before event ${i + 1} was sent`);
            gates[i + 1]?.fire();
          }
        } finally {
          res.close();
        }
      });
    });
  }
});

test("compressResponse: a client that goes away mid-stream cancels the source", async () => {
  let cancelled = false;
  let pulls = 0;
  const handler = (request: Request) => {
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(TEXT);
        return sleep(5);
      },
      cancel() {
        cancelled = true;
      },
    });
    return compressResponse(request, new Response(source, { headers: { "content-type": "text/plain" } }));
  };
  await withServer(handler, async (url) => {
    const res = await rawStream(url, { headers: { "accept-encoding": "gzip" } });
    await res.chunks.next();
    res.close();
    assert.ok(await eventually(() => cancelled, 5000), `the source was cancelled (after ${pulls} pulls)`);
  });
});

test("compressResponse reads a stream only as fast as its reader: a stalled reader stops the source", async () => {
  // Random bytes, each chunk new: output as long as the input, so the queues fill at once.
  let pulled = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 16384;
      controller.enqueue(crypto.getRandomValues(new Uint8Array(16384)));
    },
  }, { highWaterMark: 0 });
  const res = compressResponse(
    new Request("http://x/", { headers: { "accept-encoding": "gzip" } }),
    new Response(source, { headers: { "content-type": "text/plain" } }),
  );
  const reader = res.body!.getReader();
  await reader.read();
  // Settled: no read for 100 ms.
  let seen = -1;
  let since = Date.now();
  const settled = await eventually(() => {
    if (seen !== pulled) [seen, since] = [pulled, Date.now()];
    return Date.now() - since >= 100;
  }, 5000);
  assert.ok(settled, `the source stopped being read (${pulled} bytes)`);
  assert.ok(pulled <= 1024 * 1024, `read ahead ${pulled} bytes`);
  await reader.cancel();
});

// Under the whole suite, Bun's collector lets garbage (the chunks already read) pile up by a
// hundred MiB and more before it runs; collecting as the test goes measures what is kept.
const collect = (globalThis as { Bun?: { gc(force: boolean): void } }).Bun?.gc;

// 256 MiB keeps the test to a second or two; `npm run bench:compress` streams 1 GiB the same way.
test("compressResponse compresses a 256 MiB stream in bounded memory (RSS grows by < 64 MiB)", async () => {
  const CHUNK = new Uint8Array(64 * 1024);
  const TOTAL = 256 * 1024 ** 2;
  const run = async (total: number) => {
    let sent = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += CHUNK.byteLength;
        controller.enqueue(CHUNK);
      },
    }, { highWaterMark: 0 });
    const res = compressResponse(
      new Request("http://x/", { headers: { "accept-encoding": "gzip" } }),
      new Response(source, { headers: { "content-type": "text/plain" } }),
    );
    let peak = 0;
    let n = 0;
    // Not decoded (256 MiB of decoded chunks would be garbage of the test's own); the gzip
    // trailer says how long the input was (ISIZE, RFC 1952), and the other tests decode.
    let tail = new Uint8Array(0);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      tail = new Uint8Array([...tail.subarray(-8), ...value.subarray(-8)]);
      if ((++n & 63) === 0) peak = Math.max(peak, process.memoryUsage().rss);
      if ((n & 511) === 0) collect?.(true);
    }
    const isize = new DataView(tail.buffer).getUint32(tail.byteLength - 4, true);
    return { peak: Math.max(peak, process.memoryUsage().rss), isize, sent };
  };
  await run(16 * 1024 * 1024);
  collect?.(true);
  const before = process.memoryUsage().rss;
  const { peak, isize, sent } = await run(TOTAL);
  assert.equal(sent, TOTAL);
  assert.equal(isize, TOTAL % 2 ** 32, "the gzip trailer counts every byte");
  const grown = (peak - before) / 2 ** 20;
  assert.ok(grown < 64, `RSS grew by ${grown.toFixed(1)} MiB`);
});

test("compressResponse refuses bad options, naming them", async (t) => {
  const request = new Request("http://x/", { headers: { "accept-encoding": "gzip" } });
  const table: [string, unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    [
      "an unknown coding",
      { encodings: ["gzip", "lzma"] },
      TypeError,
      /^compressResponse: encoding "lzma" is not "br", "zstd", "gzip" or "deflate"$/,
    ],
    [
      "encodings not an array",
      { encodings: "gzip" },
      TypeError,
      /^compressResponse: encodings "gzip" is not an array$/,
    ],
    [
      "a negative threshold",
      { threshold: -1 },
      RangeError,
      /^compressResponse: threshold -1 is not a whole number of bytes ≥ 0$/,
    ],
    ["a fractional threshold", { threshold: 1.5 }, RangeError, /^compressResponse: threshold 1\.5/],
    [
      "a string threshold",
      { threshold: "1024" },
      TypeError,
      /^compressResponse: threshold "1024" is not a number of bytes$/,
    ],
  ];
  for (const [name, options, type, message] of table) {
    await t.test(name, () => {
      assert.throws(
        () => compressResponse(request, new PlainTextResponse(text), options as CompressionOptions),
        (e: Error) => e instanceof type && message.test(e.message),
      );
    });
  }
});

test("compressResponse compresses a fetched response, whose headers are immutable, through a copy", async () => {
  await withServer(() => new PlainTextResponse(text), async (upstream) => {
    await withServer(async (request) => compressResponse(request, await fetch(upstream)), async (url) => {
      const res = await rawRequest(url, { headers: { "accept-encoding": "gzip" } });
      assert.equal(res.get("content-encoding"), "gzip");
      assert.deepEqual(decoded(res), TEXT);
    });
  });
});

test("Hono compression(): c.json(), c.text() and the library's classes compressed on the wire, HEAD included", async (t) => {
  const data = { rows: Array.from({ length: 500 }, (_, i) => ({ i, label: `row ${i}` })) };
  const app = new Hono();
  app.use(compression());
  app.get("/json", (c) => c.json(data));
  app.get("/text", (c) => c.text(text));
  app.get("/ours", () => new PlainTextResponse(text, { headers: { etag: '"t"' } }));
  app.get("/small", () => new PlainTextResponse("tiny"));
  await withServer(app.fetch, async (url) => {
    for (const coding of CODINGS) {
      await t.test(coding, async () => {
        const headers = { "accept-encoding": coding };
        const json = await rawRequest(url + "/json", { headers });
        assert.equal(json.get("content-encoding"), coding);
        assert.equal(json.get("vary"), "Accept-Encoding");
        assert.deepEqual(JSON.parse(new TextDecoder().decode(decoded(json))), data);
        const plain = await rawRequest(url + "/text", { headers });
        assert.deepEqual(decoded(plain), TEXT);
        const ours = await rawRequest(url + "/ours", { headers });
        assert.equal(ours.get("etag"), 'W/"t"');
        assert.deepEqual(decoded(ours), TEXT);
        const head = await rawRequest(url + "/ours", { ...HEAD, headers });
        assert.equal(head.get("content-encoding"), coding);
        assert.equal(head.get("vary"), "Accept-Encoding");
        // Hono answers a HEAD with `new Response(null, <the GET's response>)`, for which
        // Deno.serve and Bun.serve send `Content-Length: 0`; never the identity length.
        assert.ok([null, "0"].includes(head.get("content-length")), `Content-Length ${head.get("content-length")}`);
        assert.equal(head.body.byteLength, 0);
      });
    }
    await t.test("below the threshold, and identity", async () => {
      const small = await rawRequest(url + "/small", { headers: { "accept-encoding": "gzip" } });
      assert.equal(small.get("content-encoding"), null);
      assert.equal(small.get("vary"), null);
      assert.equal(new TextDecoder().decode(small.body), "tiny");
      const identity = await rawRequest(url + "/ours");
      assert.equal(identity.get("content-encoding"), null);
      assert.equal(identity.get("vary"), "Accept-Encoding");
      assert.equal(identity.get("content-length"), String(TEXT.byteLength));
      assert.equal(identity.get("etag"), '"t"');
    });
  });
});

test("Hono compression(): an event stream is flushed per event", async () => {
  const gate = signal();
  const app = new Hono();
  app.use(compression());
  app.get("/events", () =>
    new EventSourceResponse(
      async function* () {
        yield "first";
        await gate.promise;
        yield "second";
      }(),
      { ping: 0 },
    ));
  await withServer(app.fetch, async (url) => {
    const res = await rawStream(url + "/events", { headers: { "accept-encoding": "gzip" } });
    try {
      const decoder = decoderStream("gzip");
      let received = "";
      decoder.on("data", (chunk: Uint8Array) => (received += new TextDecoder().decode(chunk)));
      void (async () => {
        for await (const chunk of res.chunks) decoder.write(chunk);
      })().catch(() => {});
      assert.ok(
        await eventually(() => received.includes("data: first"), 5000),
        "the first event arrived while the stream waits",
      );
      gate.fire();
      assert.ok(await eventually(() => received.includes("data: second"), 5000));
    } finally {
      res.close();
    }
  });
});

test("Hono compression() refuses bad options when it is created, naming compression", () => {
  assert.throws(
    () => compression({ threshold: -5 }),
    (e: Error) => e instanceof RangeError && /^compression: threshold -5/.test(e.message),
  );
  assert.throws(
    () => compression({ encodings: ["lz4" as Encoding] }),
    (e: Error) => e instanceof TypeError && /^compression: encoding "lz4"/.test(e.message),
  );
});

test("compressResponse: a body of known length above 4 MiB is compressed as a stream, to the same bytes", async () => {
  const large = new Uint8Array(5 * 1024 * 1024 + 3);
  for (let i = 0; i < large.byteLength; i += TEXT.byteLength) {
    large.set(TEXT.subarray(0, Math.min(TEXT.byteLength, large.byteLength - i)), i);
  }
  await withServer(compressing({ "/": () => new HttpResponse(large, { contentType: "text/plain" }) }), async (url) => {
    const res = await rawRequest(url, { headers: { "accept-encoding": "gzip" } });
    assert.equal(res.get("content-encoding"), "gzip");
    assert.equal(res.get("content-length") === null || Number(res.get("content-length")) === res.body.byteLength, true);
    assert.deepEqual(decoded(res), large);
  });
});
