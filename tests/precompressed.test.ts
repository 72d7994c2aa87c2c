import { after, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync, symlinkSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { FileResponse, staticFiles, type StaticFilesOptions } from "../mod.ts";
import { runtime, withServer } from "./_serve.ts";
import { ascii, bytes, fixtureDir, MTIME, removeDir, writeFixture } from "./_files.ts";
import { rawRequest, type RawResponse } from "./_raw_http.ts";

const dir = fixtureDir("precompressed");
after(() => removeDir(dir));

const ROOT = join(dir, "public");
const LATER = new Date(MTIME.getTime() + 60_000);
const EARLIER = new Date(MTIME.getTime() - 60_000);

const ORIGINAL = ascii("console.log('the original, as it is');\n".repeat(20));
/** Distinct bytes per coding: the client sees exactly which sibling was sent. */
const SIBLINGS = { br: bytes(101, 1), zstd: bytes(102, 2), gzip: bytes(103, 3) } as const;
writeFixture(ROOT, "app.js", ORIGINAL);
writeFixture(ROOT, "app.js.br", SIBLINGS.br);
writeFixture(ROOT, "app.js.zst", SIBLINGS.zstd);
writeFixture(ROOT, "app.js.gz", SIBLINGS.gzip, LATER);
writeFixture(ROOT, "only-gz.css", "body{}");
writeFixture(ROOT, "only-gz.css.gz", SIBLINGS.gzip);
writeFixture(ROOT, "stale.txt", "newer than its sibling", LATER);
writeFixture(ROOT, "stale.txt.gz", SIBLINGS.gzip, EARLIER);
writeFixture(ROOT, "plain.txt", "no siblings");
writeFixture(dir, "outside.gz", "secret");
writeFixture(ROOT, "escape.txt", "inside");
symlinkSync(join(dir, "outside.gz"), join(ROOT, "escape.txt.gz"));

/** Serves `staticFiles` with `precompressed` and runs `body` with the URL. */
function site<T>(options: Partial<StaticFilesOptions>, body: (url: string) => Promise<T>): Promise<T> {
  const files = staticFiles({ root: ROOT, precompressed: true, ...options });
  return withServer((request) => files(request) ?? new Response("fallback", { status: 404 }), body);
}

function get(url: string, target: string, acceptEncoding?: string, extra: Record<string, string> = {}, method = "GET") {
  const headers = acceptEncoding === undefined ? extra : { "accept-encoding": acceptEncoding, ...extra };
  return rawRequest(url, { target, method, headers });
}

type Coding = keyof typeof SIBLINGS | "identity";

/** Asserts that `res` is a 200 of `coding` for app.js: the bytes, the headers of that sibling. */
function assertServed(res: RawResponse, coding: Coding, what: string) {
  assert.equal(res.status, 200, what);
  const expected = coding === "identity" ? ORIGINAL : SIBLINGS[coding];
  assert.equal(res.get("content-encoding"), coding === "identity" ? null : coding, what);
  assert.deepEqual(res.body, expected, what);
  assert.equal(res.get("content-length"), String(expected.byteLength), what);
  assert.equal(res.get("content-type"), "text/javascript; charset=utf-8", what);
  assert.equal(res.get("vary"), "Accept-Encoding", what);
}

/** Accept-Encoding values and the coding of app.js (which has all three siblings) each one gets. */
const NEGOTIATION: [string | undefined, Coding][] = [
  [undefined, "identity"],
  ["", "identity"],
  ["gzip", "gzip"],
  ["br", "br"],
  ["zstd", "zstd"],
  ["gzip, deflate, br", "br"],
  ["gzip, zstd", "zstd"],
  ["gzip, deflate, br, zstd", "br"],
  ["br;q=0.5, gzip", "gzip"],
  ["br;q=0.5, zstd;q=0.7, gzip;q=0.6", "zstd"],
  ["br;q=0, gzip;q=0.1", "gzip"],
  ["br;q=0", "identity"],
  ["*", "br"],
  ["*;q=0.5, gzip", "gzip"],
  ["*, br;q=0", "zstd"],
  ["*;q=0", "identity"],
  ["identity;q=0, gzip;q=0.5", "gzip"],
  ["gzip;q=0.5, identity", "identity"],
  ["gzip;q=0.5, identity;q=0.4", "gzip"],
  ["gzip;q=0.5, *;q=0.4", "gzip"],
  ["GZIP", "gzip"],
  ["Br;Q=1", "br"],
  ["x-gzip", "gzip"],
  ["deflate", "identity"],
  ["identity", "identity"],
  ["br;q=abc, gzip", "gzip"],
  ["gzip;q=1.5", "identity"],
  [" br ; q=0.9 , gzip ; q=0.8 ", "br"],
];

test("precompressed: Accept-Encoding picks the sibling — q-values, q=0, *, identity, br before zstd before gzip", async (t) => {
  await site({}, async (url) => {
    for (const [header, coding] of NEGOTIATION) {
      await t.test(`${JSON.stringify(header)} → ${coding}`, async () => {
        assertServed(await get(url, "/app.js", header), coding, String(header));
      });
    }
  });
});

test("precompressed: only the siblings there are can be chosen", async (t) => {
  await site({}, async (url) => {
    for (const [header, coding] of [["br", null], ["br, gzip", "gzip"], ["br;q=1, gzip;q=0.1", "gzip"]] as const) {
      await t.test(header, async () => {
        const res = await get(url, "/only-gz.css", header);
        assert.equal(res.get("content-encoding"), coding);
        assert.equal(res.get("vary"), "Accept-Encoding");
        assert.equal(res.get("content-type"), "text/css; charset=utf-8");
      });
    }
  });
});

test("precompressed: a sibling has its own strong ETag, and each is sent with its own 304", async (t) => {
  await site({}, async (url) => {
    const original = await get(url, "/app.js");
    const gzip = await get(url, "/app.js", "gzip");
    const br = await get(url, "/app.js", "br");
    const etags = [original, gzip, br].map((res) => res.get("etag")!);
    await t.test("three strong, different ETags", () => {
      for (const etag of etags) assert.match(etag, /^"[^"]+"$/);
      assert.equal(new Set(etags).size, 3);
    });
    await t.test("the sibling's ETag → 304 for that sibling, with Vary", async () => {
      const res = await get(url, "/app.js", "gzip", { "if-none-match": etags[1]! });
      assert.equal(res.status, 304);
      assert.equal(res.get("etag"), etags[1]);
      assert.equal(res.get("vary"), "Accept-Encoding");
      assert.equal(res.body.byteLength, 0);
    });
    await t.test("the original's ETag does not match the sibling", async () => {
      assertServed(await get(url, "/app.js", "gzip", { "if-none-match": etags[0]! }), "gzip", "200");
    });
  });
});

test("precompressed: Vary: Accept-Encoding on every response for a file with a sibling", async (t) => {
  await site({}, async (url) => {
    const cases: [string, string | undefined, Record<string, string>, string, number][] = [
      ["identity fallback", undefined, {}, "GET", 200],
      ["a sibling", "br", {}, "GET", 200],
      ["HEAD", "br", {}, "HEAD", 200],
      ["304", undefined, { "if-modified-since": new Date(LATER.getTime() + 1000).toUTCString() }, "GET", 304],
      ["412", "gzip", { "if-match": '"other"' }, "GET", 412],
      ["416", "gzip", { range: "bytes=5000-" }, "GET", 416],
      ["206", "gzip", { range: "bytes=0-3" }, "GET", 206],
      ["HEAD 304", "gzip", { "if-modified-since": new Date(LATER.getTime() + 1000).toUTCString() }, "HEAD", 304],
    ];
    for (const [name, accept, headers, method, status] of cases) {
      await t.test(name, async () => {
        const res = await get(url, "/app.js", accept, headers, method);
        assert.equal(res.status, status);
        assert.equal(res.get("vary"), "Accept-Encoding");
      });
    }
  });
});

test("precompressed: Range and HEAD apply to the sibling served", async (t) => {
  await site({}, async (url) => {
    await t.test("Range", async () => {
      const res = await get(url, "/app.js", "gzip", { range: "bytes=0-3" });
      assert.equal(res.status, 206);
      assert.equal(res.get("content-encoding"), "gzip");
      assert.equal(res.get("content-range"), `bytes 0-3/${SIBLINGS.gzip.byteLength}`);
      assert.deepEqual(res.body, SIBLINGS.gzip.subarray(0, 4));
    });
    await t.test("416 counts the sibling's bytes", async () => {
      const res = await get(url, "/app.js", "br", { range: `bytes=${SIBLINGS.br.byteLength}-` });
      assert.equal(res.status, 416);
      assert.equal(res.get("content-range"), `bytes */${SIBLINGS.br.byteLength}`);
    });
    await t.test("HEAD", async () => {
      const res = await get(url, "/app.js", "zstd", {}, "HEAD");
      assert.equal(res.status, 200);
      assert.equal(res.get("content-encoding"), "zstd");
      assert.equal(res.get("content-length"), String(SIBLINGS.zstd.byteLength));
      assert.equal(res.body.byteLength, 0);
    });
  });
});

test("precompressed: files without a usable sibling get no Vary and no Content-Encoding", async (t) => {
  await site({}, async (url) => {
    const cases: [string, string, string][] = [
      ["no sibling", "/plain.txt", "text/plain; charset=utf-8"],
      ["a stale sibling (older than the file) is never served", "/stale.txt", "text/plain; charset=utf-8"],
      ["a .gz asked for itself is a plain file", "/app.js.gz", "application/gzip"],
      ["a sibling whose real path leaves the root is not served", "/escape.txt", "text/plain; charset=utf-8"],
    ];
    for (const [name, target, type] of cases) {
      await t.test(name, async () => {
        const res = await get(url, target, "br, zstd, gzip");
        assert.equal(res.status, 200);
        assert.equal(res.get("content-encoding"), null);
        assert.equal(res.get("vary"), null);
        assert.equal(res.get("content-type"), type);
        assert.doesNotMatch(new TextDecoder().decode(res.body), /secret/);
      });
    }
  });
});

test("precompressed: off by default", async () => {
  await site({ precompressed: false }, async (url) => {
    const res = await get(url, "/app.js", "br, gzip");
    assert.equal(res.get("content-encoding"), null);
    assert.equal(res.get("vary"), null);
    assert.deepEqual(res.body, ORIGINAL);
  });
});

test("precompressed: the caller's Vary keeps its fields and gains Accept-Encoding once", async (t) => {
  const cases: [string, string][] = [["Origin", "Origin, Accept-Encoding"], ["accept-encoding", "accept-encoding"], [
    "*",
    "*",
  ], ["Origin, Accept-Encoding", "Origin, Accept-Encoding"]];
  for (const [given, sent] of cases) {
    await t.test(given, () =>
      site({ headers: { Vary: given } }, async (url) => {
        assert.equal((await get(url, "/app.js", "gzip")).get("vary"), sent);
      }));
  }
});

test("precompressed: siblings are learned again when the file changes; a sibling is stat'ed as it is served", async (t) => {
  const path = writeFixture(ROOT, "live.js", "one");
  try {
    await site({}, async (url) => {
      await t.test("no sibling yet", async () => {
        assert.equal((await get(url, "/live.js", "gzip")).get("content-encoding"), null);
      });
      await t.test("a sibling appears and the file changes → the sibling is served", async () => {
        writeFixture(ROOT, "live.js.gz", "g1", LATER);
        utimesSync(path, LATER, LATER);
        const res = await get(url, "/live.js", "gzip");
        assert.equal(res.get("content-encoding"), "gzip");
        assert.equal(new TextDecoder().decode(res.body), "g1");
      });
      await t.test("the sibling rewritten → its new length and bytes", async () => {
        writeFixture(ROOT, "live.js.gz", "gzip two", LATER);
        const res = await get(url, "/live.js", "gzip");
        assert.equal(res.get("content-length"), "8");
        assert.equal(new TextDecoder().decode(res.body), "gzip two");
      });
      await t.test("the sibling made stale by a newer file → the file", async () => {
        const newer = new Date(LATER.getTime() + 60_000);
        writeFixture(ROOT, "live.js", "one, newer", newer);
        const res = await get(url, "/live.js", "gzip");
        assert.equal(res.get("content-encoding"), null);
        assert.equal(new TextDecoder().decode(res.body), "one, newer");
      });
      await t.test("the sibling deleted → the file", async () => {
        writeFixture(ROOT, "live.js.gz", "g3", new Date(LATER.getTime() + 120_000));
        writeFixture(ROOT, "live.js", "one again", new Date(LATER.getTime() + 90_000));
        assert.equal((await get(url, "/live.js", "gzip")).get("content-encoding"), "gzip");
        rmSync(join(ROOT, "live.js.gz"));
        const res = await get(url, "/live.js", "gzip");
        assert.equal(res.get("content-encoding"), null);
        assert.equal(new TextDecoder().decode(res.body), "one again");
      });
    });
  } finally {
    rmSync(path, { force: true });
    rmSync(join(ROOT, "live.js.gz"), { force: true });
  }
});

test(`FileResponseInit.precompressed: the same negotiation for one FileResponse, on ${runtime}`, async (t) => {
  const handler = (request: Request) => new FileResponse(join(ROOT, "app.js"), { request, precompressed: true });
  await withServer(handler, async (url) => {
    for (const [header, coding] of NEGOTIATION.slice(0, 10)) {
      await t.test(`${JSON.stringify(header)} → ${coding}`, async () => {
        assertServed(await get(url, "/", header), coding, String(header));
      });
    }
  });
});

test("FileResponseInit.precompressed: a filename names the original's type and disposition, not the sibling's", async () => {
  const handler = (request: Request) =>
    new FileResponse(join(ROOT, "app.js"), { request, precompressed: true, asAttachment: true });
  await withServer(handler, async (url) => {
    const res = await get(url, "/", "gzip");
    assert.equal(res.get("content-encoding"), "gzip");
    assert.equal(res.get("content-disposition"), 'attachment; filename="app.js"');
    assert.equal(res.get("content-type"), "text/javascript; charset=utf-8");
  });
});
