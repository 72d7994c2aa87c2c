import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { FileResponse, type FileResponseInit, type FileSource, handle, Http404, HttpError } from "../mod.ts";
import { fileError } from "../src/file.ts";
import { fileFacts } from "../src/file_cache.ts";
import { type StatFacts, statRegularFile } from "../src/runtime/stat.ts";
import { runtime, withServer } from "./_serve.ts";
import {
  ascii,
  bytes,
  concat,
  fixtureDir,
  MTIME_HTTP,
  receive,
  type Received,
  removeDir,
  writeFixture,
} from "./_files.ts";

const dir = fixtureDir("file");
after(() => removeDir(dir));

const DIGITS = ascii("0123456789".repeat(100));
const digits = writeFixture(dir, "digits.txt", DIGITS);
const BIG = bytes(300 * 1024 + 7);
const big = writeFixture(dir, "big.bin", BIG);
const PDF = bytes(2000, 7);
const pdf = writeFixture(dir, "doc.pdf", PDF);
const empty = writeFixture(dir, "empty.txt", "");
const page = writeFixture(dir, "page.html", "<h1>hi</h1>");
const noext = writeFixture(dir, "README", "plain");
const json = writeFixture(dir, "data.json", "{}");
mkdirSync(join(dir, "sub"));

/** Serves `path` as a FileResponse for every request, and runs `body` with the server's URL. */
function serveFile<T>(path: string, options: Omit<FileResponseInit, "request">, body: (url: string) => Promise<T>) {
  return withServer((request) => new FileResponse(path, { ...options, request }), body);
}

/** One request for `path` through a real server. */
function get(
  path: string,
  headers: Record<string, string> = {},
  options: Omit<FileResponseInit, "request"> = {},
  method = "GET",
) {
  return serveFile(path, options, (url) => receive(url, { method, headers }));
}

/** The headers a client received, without the ones the server adds (Date) or that vary (a boundary). */
function headerMap(res: Received): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of res.headers) {
    if (name !== "date" && name !== "keep-alive" && name !== "connection") out[name] = value;
  }
  return out;
}

/** The Content-Disposition a response without one asked for carries: none, or `inline` on Bun (see bun.ts). */
function assertNoDisposition(res: Received | Response, what: string) {
  const value = res.headers.get("content-disposition");
  if (runtime === "bun") assert.ok(value === null || value === "inline", `${what}: ${value}`);
  else assert.equal(value, null, what);
}

/**
 * Whole-file 200 checks: status, headers and the exact bytes. A `streamed` body — a 200 that
 * ignores a Range header or is made without the request (a stream on Bun, so that Bun.serve
 * does not answer a Range itself), or a FileSource's — Bun.serve sends chunked, without
 * Content-Length.
 */
function assertWhole(res: Received, content: Uint8Array, what: string, streamed = false) {
  assert.equal(res.status, 200, what);
  assert.equal(res.headers.get("content-range"), null, what);
  const length = res.headers.get("content-length");
  if (streamed && runtime === "bun") assert.ok(length === null || length === String(content.byteLength), what);
  else assert.equal(length, String(content.byteLength), what);
  assert.deepEqual(res.body, content, what);
}

test("FileResponse GET: 200, the exact bytes, Content-Type, Content-Length, Last-Modified, a strong ETag, Accept-Ranges", async (t) => {
  for (
    const [path, content, type] of [[digits, DIGITS, "text/plain; charset=utf-8"], [
      big,
      BIG,
      "application/octet-stream",
    ]] as const
  ) {
    await t.test(path, async () => {
      const res = await get(path);
      assertWhole(res, content, path);
      assert.equal(res.headers.get("content-type"), type);
      assert.equal(res.headers.get("last-modified"), MTIME_HTTP);
      assert.match(res.headers.get("etag") ?? "", /^"[0-9a-z]+-[0-9a-z]+-[0-9a-z]+"$/);
      assert.equal(res.headers.get("accept-ranges"), "bytes");
      assertNoDisposition(res, path);
    });
  }
});

test("FileResponse GET: a small chunkSize still sends the exact bytes", async () => {
  assertWhole(await get(big, {}, { chunkSize: 1000 }), BIG, "chunkSize 1000");
});

test("FileResponse: the ETag is stable, and changes with the content's size or modification time", async (t) => {
  const path = writeFixture(dir, "etag.txt", "one");
  const etag = () => new FileResponse(path).headers.get("etag");
  const first = etag();
  await t.test("the same file, the same ETag", () => assert.equal(etag(), first));
  writeFixture(dir, "etag.txt", "three");
  const resized = etag();
  await t.test("another size, another ETag", () => assert.notEqual(resized, first));
  utimesSync(path, new Date("2024-01-02T03:04:06Z"), new Date("2024-01-02T03:04:06Z"));
  await t.test("another modification time, another ETag", () => assert.notEqual(etag(), resized));
});

test("FileResponse: Content-Type from the extension (or filename); mediaType and headers override it", async (t) => {
  const cases: [string, string, Omit<FileResponseInit, "request">, string][] = [
    ["an .html file", page, {}, "text/html; charset=utf-8"],
    ["a .pdf file", pdf, {}, "application/pdf"],
    ["no extension", noext, {}, "application/octet-stream"],
    ["a .json file", json, {}, "application/json; charset=utf-8"],
    ["filename photo.png", big, { filename: "photo.png" }, "image/png"],
    ["mediaType text/csv", big, { mediaType: "text/csv" }, "text/csv; charset=utf-8"],
    ["mediaType image/webp", big, { mediaType: "image/webp" }, "image/webp"],
    ["a Content-Type header", big, { headers: { "Content-Type": "application/x-custom" } }, "application/x-custom"],
    [
      "mediaType over a Content-Type header",
      big,
      { mediaType: "image/webp", headers: { "Content-Type": "x/y" } },
      "image/webp",
    ],
  ];
  for (const [name, path, options, type] of cases) {
    await t.test(name, async () => assert.equal((await get(path, {}, options)).headers.get("content-type"), type));
  }
});

test("FileResponse: the caller's other headers are sent with the file", async () => {
  const res = await get(big, {}, { headers: { "Cache-Control": "max-age=60", "X-Extra": "1" } });
  assert.equal(res.headers.get("cache-control"), "max-age=60");
  assert.equal(res.headers.get("x-extra"), "1");
  assertWhole(res, BIG, "custom headers");
});

test("FileResponse: no Content-Disposition unless asked for — and none of Bun's own", async (t) => {
  for (const path of [pdf, big, digits, page]) {
    await t.test(path, async () => {
      const res = await get(path);
      assertNoDisposition(res, path);
      const head = await get(path, {}, {}, "HEAD");
      assert.equal(head.headers.get("content-disposition"), res.headers.get("content-disposition"), `HEAD ${path}`);
      const ranged = await get(path, { range: "bytes=0-3" });
      assert.equal(ranged.status, 206);
      assertNoDisposition(ranged, `range ${path}`);
    });
  }
});

test("FileResponse: Content-Disposition per RFC 6266/8187 — filename, asAttachment, inline, non-ASCII, escapes", async (t) => {
  const cases: [Omit<FileResponseInit, "request">, string][] = [
    [{ filename: "report.pdf" }, 'attachment; filename="report.pdf"'],
    [{ asAttachment: true }, 'attachment; filename="doc.pdf"'],
    [{ asAttachment: true, filename: "x.pdf" }, 'attachment; filename="x.pdf"'],
    [{ asAttachment: false, filename: "x.pdf" }, 'inline; filename="x.pdf"'],
    [{ contentDispositionType: "inline", filename: "x.pdf" }, 'inline; filename="x.pdf"'],
    [{ contentDispositionType: "inline" }, "inline"],
    [{ contentDispositionType: "attachment" }, 'attachment; filename="doc.pdf"'],
    [{ filename: 'say "hi".pdf' }, 'attachment; filename="say \\"hi\\".pdf"'],
    [{ filename: "a\\b.pdf" }, `attachment; filename="a\\\\b.pdf"; filename*=UTF-8''a%5Cb.pdf`],
    [{ filename: "100%25.pdf" }, `attachment; filename="100%25.pdf"; filename*=UTF-8''100%2525.pdf`],
    [
      { filename: "naïve résumé.pdf" },
      `attachment; filename="naive resume.pdf"; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.pdf`,
    ],
    [
      { filename: "отчёт.pdf" },
      `attachment; filename="_____.pdf"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf`,
    ],
    [{ filename: "😀 (1).pdf" }, `attachment; filename="_ (1).pdf"; filename*=UTF-8''%F0%9F%98%80%20%281%29.pdf`],
    [
      { filename: "a\r\nSet-Cookie: x=1.pdf" },
      `attachment; filename="a__Set-Cookie: x=1.pdf"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1.pdf`,
    ],
    [{ filename: "tab\there'.pdf" }, `attachment; filename="tab_here'.pdf"; filename*=UTF-8''tab%09here%27.pdf`],
  ];
  await withServer((request) => {
    const i = Number(new URL(request.url).searchParams.get("i"));
    return new FileResponse(pdf, { ...cases[i]![0], request });
  }, async (url) => {
    for (const [i, [options, expected]] of cases.entries()) {
      await t.test(JSON.stringify(options), async () => {
        const res = await receive(`${url}/?i=${i}`);
        assert.equal(res.headers.get("content-disposition"), expected);
        assertWhole(res, PDF, JSON.stringify(options));
        assert.equal(res.headers.get("content-type"), "application/pdf");
      });
    }
  });
});

test("FileResponse: Content-Disposition options that disagree or are unknown are a TypeError", async (t) => {
  await t.test("asAttachment true and inline", () => {
    assert.throws(() => new FileResponse(pdf, { asAttachment: true, contentDispositionType: "inline" }), {
      name: "TypeError",
      message: /^FileResponse: asAttachment true and contentDispositionType "inline" disagree$/,
    });
  });
  await t.test("an unknown type", () => {
    assert.throws(() => new FileResponse(pdf, { contentDispositionType: "download" as "inline" }), {
      name: "TypeError",
      message: `FileResponse: contentDispositionType "download" is not "attachment" or "inline"`,
    });
  });
});

test("FileResponse without a request: 200 and the whole file", async () => {
  const res = new FileResponse(digits);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-length"), "1000");
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), DIGITS);
});

test("FileResponse without a request: the whole file, whatever the request asked", async () => {
  const served = await withServer(
    () => new FileResponse(big),
    (url) => receive(url, { headers: { "if-none-match": "*" } }),
  );
  // Without the request, Bun gets a stream (Bun.serve would answer a Range of a file body itself), sent chunked.
  assertWhole(served, BIG, "conditional headers without init.request", true);
});

test("FileResponse HEAD: the headers of the GET and no body, for 200 and 206", async (t) => {
  for (
    const [path, headers] of [[digits, {}], [big, {}], [pdf, { range: "bytes=10-19" }], [digits, {
      range: "bytes=-5",
    }]] as const
  ) {
    await t.test(`${path} ${JSON.stringify(headers)}`, async () => {
      const getRes = await get(path, headers);
      const headRes = await get(path, headers, {}, "HEAD");
      assert.equal(headRes.status, getRes.status);
      assert.deepEqual(headerMap(headRes), headerMap(getRes));
      assert.equal(headRes.body.byteLength, 0);
    });
  }
});

test("FileResponse HEAD: several ranges → the multipart 206's headers and no body", async () => {
  const multi = await get(digits, { range: "bytes=0-1,5-6" }, {}, "HEAD");
  assert.equal(multi.status, 206);
  assert.match(multi.headers.get("content-type") ?? "", /^multipart\/byteranges; boundary=/);
  assert.equal(multi.body.byteLength, 0);
});

test("FileResponse Range: one range → 206 with Content-Range and the exact bytes", async (t) => {
  const cases: [string, number, number][] = [
    ["bytes=0-0", 0, 0],
    ["bytes=0-9", 0, 9],
    ["bytes=990-", 990, 999],
    ["bytes=-10", 990, 999],
    ["bytes=995-2000", 995, 999],
    ["BYTES=5-9", 5, 9],
    ["bytes=5-9, 7-12", 5, 12],
    ["bytes=0-4,5-9", 0, 9],
    ["bytes=-2000", 0, 999],
    ["bytes=0-", 0, 999],
    ["bytes=0-0,-0", 0, 0],
    ["bytes=3-4,1000-", 3, 4],
  ];
  await serveFile(digits, {}, async (url) => {
    for (const [range, start, end] of cases) {
      await t.test(range, async () => {
        const res = await receive(url, { headers: { range } });
        assert.equal(res.status, 206);
        assert.equal(res.headers.get("content-range"), `bytes ${start}-${end}/1000`);
        assert.equal(res.headers.get("content-length"), String(end - start + 1));
        assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
        assert.equal(res.headers.get("accept-ranges"), "bytes");
        assert.deepEqual(res.body, DIGITS.subarray(start, end + 1));
      });
    }
  });
});

test("FileResponse Range: a range over many chunks → the exact bytes", async () => {
  const mid = await get(big, { range: "bytes=100000-250000" }, { chunkSize: 4096 });
  assert.equal(mid.status, 206);
  assert.equal(mid.headers.get("content-range"), `bytes 100000-250000/${BIG.byteLength}`);
  assert.deepEqual(mid.body, BIG.subarray(100000, 250001));
});

function multipartBody(boundary: string, type: string, size: number, content: Uint8Array, ranges: [number, number][]) {
  const parts: Uint8Array[] = [];
  ranges.forEach(([start, end], i) => {
    parts.push(
      ascii(
        `${
          i ? "\r\n" : ""
        }--${boundary}\r\nContent-Type: ${type}\r\nContent-Range: bytes ${start}-${end}/${size}\r\n\r\n`,
      ),
      content.subarray(start, end + 1),
    );
  });
  parts.push(ascii(`\r\n--${boundary}--\r\n`));
  return concat(...parts);
}

test("FileResponse Range: several → multipart/byteranges, the exact body, in the order asked", async (t) => {
  const cases: [string, Uint8Array, string, [number, number][]][] = [
    ["bytes=500-509,0-4,-3", DIGITS, "text/plain; charset=utf-8", [[500, 509], [0, 4], [997, 999]]],
    ["bytes=0-1, 3-4", DIGITS, "text/plain; charset=utf-8", [[0, 1], [3, 4]]],
    ["bytes=10-20,0-5,15-30", DIGITS, "text/plain; charset=utf-8", [[10, 30], [0, 5]]],
    ["bytes=0-99999,200000-", BIG, "application/octet-stream", [[0, 99999], [200000, BIG.byteLength - 1]]],
  ];
  for (const [range, content, type, ranges] of cases) {
    await t.test(range, async () => {
      const path = content === DIGITS ? digits : big;
      const res = await get(path, { range }, { chunkSize: 8192 });
      assert.equal(res.status, 206);
      const contentType = res.headers.get("content-type") ?? "";
      const boundary = /^multipart\/byteranges; boundary=([0-9a-f]{24})$/.exec(contentType)?.[1];
      assert.ok(boundary, contentType);
      const expected = multipartBody(boundary, type, content.byteLength, content, ranges);
      assert.deepEqual(res.body, expected);
      assert.equal(res.headers.get("content-range"), null);
      // Bun.serve sends stream bodies chunked, without the Content-Length the response holds.
      const length = res.headers.get("content-length");
      if (runtime === "bun") assert.ok(length === null || length === String(expected.byteLength));
      else assert.equal(length, String(expected.byteLength));
      // The response itself always holds the exact length.
      const direct = new FileResponse(path, { request: new Request("http://x/", { headers: { range } }) });
      const body = new Uint8Array(await direct.arrayBuffer());
      assert.equal(direct.headers.get("content-length"), String(body.byteLength));
      assert.equal(body.byteLength, expected.byteLength);
    });
  }
});

test("FileResponse Range: 100 ranges are honoured", async () => {
  const hundred = Array.from({ length: 100 }, (_, i) => `${i * 3}-${i * 3}`).join(",");
  const res = await get(digits, { range: `bytes=${hundred}` });
  assert.equal(res.status, 206);
  assert.equal(res.body.byteLength > 100 * 60, true);
});

test("FileResponse Range: nothing satisfiable → 416 with Content-Range: bytes */size and no body", async (t) => {
  for (
    const [path, range, size] of [
      [digits, "bytes=1000-", 1000],
      [digits, "bytes=5000-6000", 1000],
      [digits, "bytes=-0", 1000],
      [empty, "bytes=0-", 0],
      [digits, "bytes=1000-,2000-", 1000],
    ] as const
  ) {
    await t.test(`${size} bytes, ${range}`, async () => {
      const res = await get(path, { range });
      assert.equal(res.status, 416);
      assert.equal(res.headers.get("content-range"), `bytes */${size}`);
      assert.equal(res.headers.get("content-type"), null);
      assert.equal(res.headers.get("content-length") ?? "0", "0");
      assert.equal(res.body.byteLength, 0);
      assert.ok(res.headers.get("etag"));
    });
  }
});

test("FileResponse Range: malformed, other units, 101 ranges → the whole file as 200 (on Bun too)", async (t) => {
  const ignored = [
    "bytes=",
    "bytes=abc",
    "bytes=5-1",
    "bytes=--1",
    "bytes=-",
    "bytes=1",
    "bytes=0-1-2",
    "bytes=0x1-2",
    "bytes=1.5-2",
    "bytes 0-1",
    "bytes=0-1;2-3",
    "bytes=0-1,x",
    "items=0-1",
    "lines=0-1",
    "=0-1",
    "none",
    `bytes=${Array.from({ length: 101 }, (_, i) => `${i * 2}-${i * 2}`).join(",")}`,
  ];
  for (const path of [digits, pdf]) {
    const content = path === digits ? DIGITS : PDF;
    await serveFile(path, {}, async (url) => {
      for (const range of ignored) {
        await t.test(`${path} ${range.slice(0, 30)}`, async () => {
          const res = await receive(url, { headers: { range } });
          assertWhole(res, content, range, true);
          assertNoDisposition(res, range);
        });
      }
    });
  }
});

test("FileResponse Range: an empty file asked for a suffix → 200, no bytes to describe in a 206", async () => {
  const res = await get(empty, { range: "bytes=-5" });
  assert.equal(res.status, 200);
  assert.equal(res.body.byteLength, 0);
});

test("FileResponse Range: only for GET and HEAD", async (t) => {
  for (const method of ["POST", "PUT", "DELETE"]) {
    await t.test(
      method,
      async () => assertWhole(await get(digits, { range: "bytes=0-9" }, {}, method), DIGITS, method, true),
    );
  }
});

test("FileResponse Range: only for status 200", async () => {
  const notFound = await get(page, { range: "bytes=0-3" }, { status: 404 });
  assert.equal(notFound.status, 404);
  assert.equal(notFound.headers.get("accept-ranges"), null);
  assert.equal(new TextDecoder().decode(notFound.body), "<h1>hi</h1>");
});

test("FileResponse If-Range: a matching strong ETag or exact date gives 206; anything else the whole 200 (on Bun too)", async (t) => {
  const etag = new FileResponse(pdf).headers.get("etag")!;
  const cases: [string, number][] = [
    [etag, 206],
    [MTIME_HTTP, 206],
    [`W/${etag}`, 200],
    ['"other"', 200],
    [`${etag}, "other"`, 200],
    ["Tue, 02 Jan 2024 03:04:06 GMT", 200],
    ["Tue, 02 Jan 2024 03:04:04 GMT", 200],
    ["Tuesday, 02-Jan-24 03:04:05 GMT", 206],
    ["Tue Jan  2 03:04:05 2024", 206],
    ["2024-01-02T03:04:05Z", 200],
    ["garbage", 200],
  ];
  await serveFile(pdf, {}, async (url) => {
    for (const [ifRange, status] of cases) {
      await t.test(`${ifRange} → ${status}`, async () => {
        const res = await receive(url, { headers: { range: "bytes=10-19", "if-range": ifRange } });
        assert.equal(res.status, status);
        if (status === 206) {
          assert.equal(res.headers.get("content-range"), "bytes 10-19/2000");
          assert.deepEqual(res.body, PDF.subarray(10, 20));
        } else {
          assertWhole(res, PDF, ifRange, true);
          assertNoDisposition(res, ifRange);
        }
      });
    }
  });
});

test("FileResponse If-Range: a Last-Modified less than a second old is weak — by date no range, by ETag the range", async (t) => {
  // A Last-Modified that is not at least a second old is a weak validator: If-Range by date fails.
  const future = new Date(Date.now() + 3_600_000);
  const fresh = writeFixture(dir, "fresh.txt", DIGITS, future);
  await t.test("by date: the whole 200", async () => {
    const lastModified = new FileResponse(fresh).headers.get("last-modified")!;
    assertWhole(await get(fresh, { range: "bytes=0-1", "if-range": lastModified }), DIGITS, "fresh file", true);
  });
  await t.test("by ETag: 206", async () => {
    const freshTag = new FileResponse(fresh).headers.get("etag")!;
    assert.equal((await get(fresh, { range: "bytes=0-1", "if-range": freshTag })).status, 206);
  });
});

test("FileResponse If-None-Match: a match → 304 that keeps the validators and drops the content headers", async (t) => {
  const etag = new FileResponse(digits).headers.get("etag")!;
  const extra = {
    "cache-control": "max-age=60",
    vary: "Accept-Encoding",
    expires: "Wed, 21 Oct 2099 07:28:00 GMT",
    "content-location": "/d.txt",
    "x-extra": "1",
  };
  for (const inm of [etag, `W/${etag}`, `"a", ${etag}`, "*", ` ${etag} `]) {
    for (const method of ["GET", "HEAD"]) {
      await t.test(`${method} ${inm}`, async () => {
        const res = await get(digits, { "if-none-match": inm, range: "bytes=0-1" }, {
          headers: extra,
          filename: "x.txt",
        }, method);
        assert.equal(res.status, 304, `${method} ${inm}`);
        assert.equal(res.headers.get("etag"), etag);
        assert.equal(res.headers.get("last-modified"), MTIME_HTTP);
        assert.equal(res.headers.get("cache-control"), "max-age=60");
        assert.equal(res.headers.get("vary"), "Accept-Encoding");
        assert.equal(res.headers.get("expires"), "Wed, 21 Oct 2099 07:28:00 GMT");
        assert.equal(res.headers.get("content-location"), "/d.txt");
        for (const name of ["content-type", "content-length", "content-disposition", "content-range"]) {
          assert.equal(res.headers.get(name), null, `${method} ${inm}: ${name}`);
        }
        assert.equal(res.body.byteLength, 0);
      });
    }
  }
});

test("FileResponse If-None-Match: no match → the whole 200", async (t) => {
  for (const inm of ['"other"', 'W/"other"', "garbage"]) {
    await t.test(inm, async () => assertWhole(await get(digits, { "if-none-match": inm }), DIGITS, inm));
  }
});

test("FileResponse If-None-Match: a match on an unsafe method → 412", async (t) => {
  const etag = new FileResponse(digits).headers.get("etag")!;
  for (const method of ["POST", "PUT", "DELETE"]) {
    await t.test(method, async () => {
      const res = await get(digits, { "if-none-match": etag }, {}, method);
      assert.equal(res.status, 412);
      assert.equal(res.body.byteLength, 0);
    });
  }
});

test("FileResponse If-Modified-Since: 304 when not modified since", async (t) => {
  const cases: [string, number][] = [
    [MTIME_HTTP, 304],
    ["Tue, 02 Jan 2024 03:04:06 GMT", 304],
    ["Wed, 01 Jan 2025 00:00:00 GMT", 304],
    ["Tue, 02 Jan 2024 03:04:04 GMT", 200],
    ["Mon, 01 Jan 2024 00:00:00 GMT", 200],
    ["Tuesday, 02-Jan-24 03:04:05 GMT", 304],
    ["Tue Jan  2 03:04:05 2024", 304],
    ["not a date", 200],
    ["2099-01-01", 200],
    ["Tue, 32 Jan 2024 03:04:05 GMT", 200],
  ];
  await serveFile(digits, {}, async (url) => {
    for (const [ims, status] of cases) {
      await t.test(`${ims} → ${status}`, async () => {
        const res = await receive(url, { headers: { "if-modified-since": ims } });
        assert.equal(res.status, status);
        if (status === 200) assert.deepEqual(res.body, DIGITS);
        else assert.equal(res.headers.get("content-length"), null);
      });
    }
  });
});

test("FileResponse If-Modified-Since: ignored for other methods than GET and HEAD, and beside If-None-Match", async (t) => {
  await serveFile(digits, {}, async (url) => {
    await t.test("POST", async () => {
      assert.equal((await receive(url, { method: "POST", headers: { "if-modified-since": MTIME_HTTP } })).status, 200);
    });
    await t.test("with If-None-Match", async () => {
      const headers = { "if-modified-since": MTIME_HTTP, "if-none-match": '"x"' };
      assert.equal((await receive(url, { headers })).status, 200);
    });
  });
});

test("FileResponse If-Match and If-Unmodified-Since: 412 when the file is not the one meant", async (t) => {
  const etag = new FileResponse(digits).headers.get("etag")!;
  const cases: [Record<string, string>, number][] = [
    [{ "if-match": etag }, 200],
    [{ "if-match": `"x", ${etag}` }, 200],
    [{ "if-match": "*" }, 200],
    [{ "if-match": '"x"' }, 412],
    [{ "if-match": `W/${etag}` }, 412],
    [{ "if-unmodified-since": MTIME_HTTP }, 200],
    [{ "if-unmodified-since": "Wed, 01 Jan 2025 00:00:00 GMT" }, 200],
    [{ "if-unmodified-since": "Mon, 01 Jan 2024 00:00:00 GMT" }, 412],
    [{ "if-unmodified-since": "yesterday" }, 200],
    // If-Unmodified-Since is ignored when If-Match is present.
    [{ "if-match": etag, "if-unmodified-since": "Mon, 01 Jan 2024 00:00:00 GMT" }, 200],
  ];
  for (const method of ["GET", "HEAD", "PUT"]) {
    await serveFile(digits, {}, async (url) => {
      for (const [headers, status] of cases) {
        await t.test(`${method} ${JSON.stringify(headers)} → ${status}`, async () => {
          const res = await receive(url, { method, headers });
          assert.equal(res.status, status);
          if (status === 412) {
            assert.equal(res.body.byteLength, 0);
            assert.equal(res.headers.get("content-type"), null);
            assert.equal(res.headers.get("etag"), etag);
          }
        });
      }
    });
  }
});

test("FileResponse preconditions: the order of RFC 9110 §13.2.2, before Range", async (t) => {
  const etag = new FileResponse(digits).headers.get("etag")!;
  const cases: [Record<string, string>, number][] = [
    [{ "if-match": '"x"', "if-none-match": etag }, 412],
    [{ "if-unmodified-since": "Mon, 01 Jan 2024 00:00:00 GMT", "if-none-match": etag }, 412],
    [{ "if-match": etag, "if-none-match": etag }, 304],
    [{ "if-none-match": etag, range: "bytes=0-1" }, 304],
    [{ "if-modified-since": MTIME_HTTP, range: "bytes=5000-" }, 304],
    [{ "if-match": '"x"', range: "bytes=5000-" }, 412],
    [{ "if-match": etag, range: "bytes=0-1" }, 206],
    [{ "if-none-match": '"x"', range: "bytes=5000-" }, 416],
    [{ "if-modified-since": "Mon, 01 Jan 2024 00:00:00 GMT", range: "bytes=0-1" }, 206],
  ];
  await serveFile(digits, {}, async (url) => {
    for (const [headers, status] of cases) {
      await t.test(`${JSON.stringify(headers)} → ${status}`, async () => {
        assert.equal((await receive(url, { headers })).status, status);
      });
    }
  });
});

const fifo = join(dir, "fifo");
spawnSync("mkfifo", [fifo]);

test("FileResponse: a missing file or a directory throws Http404", async (t) => {
  for (
    const path of [join(dir, "missing.txt"), join(dir, "sub"), join(dir, "digits.txt", "x"), `${digits}/`, "", "a\0b"]
  ) {
    await t.test(JSON.stringify(path), () => {
      assert.throws(() => new FileResponse(path), (e: unknown) => e instanceof Http404 && e.status === 404);
    });
  }
});

test("FileResponse: a path that is not a regular file throws HttpError 403", async (t) => {
  for (const path of [fifo, "/dev/null"]) {
    await t.test(path, () => {
      assert.throws(() => new FileResponse(path), (e: unknown) => e instanceof HttpError && e.status === 403);
    });
  }
});

test("FileResponse through handle(): a missing, a directory and an irregular path become 404, 404, 403, naming no path", async (t) => {
  await withServer(
    handle((request) => new FileResponse(join(dir, new URL(request.url).pathname), { request })),
    async (url) => {
      for (const [path, status] of [["/nothing.txt", 404], ["/sub", 404], ["/fifo", 403]] as const) {
        await t.test(`${path} → ${status}`, async () => {
          const res = await receive(url + path);
          assert.equal(res.status, status);
          assert.ok(!new TextDecoder().decode(res.body).includes(dir));
        });
      }
      await t.test("a file is served", async () =>
        assertWhole(await receive(`${url}/digits.txt`), DIGITS, "through handle()"));
    },
  );
});

// Root reads every file: as root, the check runs in a child process that keeps root's user (so
// it reads the checkout wherever it is) but not the capabilities that let root read any file,
// dropped from its bounding set with setpriv (util-linux).
const isRoot = process.getuid?.() === 0;
const WITHOUT_OVERRIDE = ["--bounding-set=-dac_override,-dac_read_search", "--"];
const canDropOverride = !isRoot || spawnSync("setpriv", [...WITHOUT_OVERRIDE, "true"]).status === 0;

/** Runs `code` (an ES module) on this runtime as root without the capabilities to read any file; returns its stdout. */
function runWithoutReadOverride(code: string): string {
  const args = runtime === "deno"
    ? ["eval", code]
    : runtime === "bun"
    ? ["-e", code]
    : ["--input-type=module", "-e", code];
  const child = spawnSync("setpriv", [...WITHOUT_OVERRIDE, process.execPath, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
  });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout.trim().split("\n").at(-1)!;
}

test("FileResponse: a file this process may not read is 403", {
  skip: !canDropOverride && "root, and setpriv cannot drop CAP_DAC_OVERRIDE here",
}, () => {
  const secret = writeFixture(dir, "secret.txt", "x");
  chmodSync(secret, 0o000);
  if (!isRoot) {
    assert.throws(() => new FileResponse(secret), (e: unknown) => e instanceof HttpError && e.status === 403);
    return;
  }
  const mod = new URL(runtime === "node" ? "../mod.js" : "../mod.ts", import.meta.url).href;
  const code = `import { FileResponse } from ${JSON.stringify(mod)};
const out = [];
for (const path of ${JSON.stringify([secret, digits])}) {
  try { out.push(new FileResponse(path).status); } catch (e) { out.push(e.status ?? String(e)); }
}
console.log(JSON.stringify(out));`;
  assert.deepEqual(JSON.parse(runWithoutReadOverride(code)), [403, 200]);
});

test("FileResponse: a file: URL serves the file it names", async (t) => {
  await t.test("through a server", async () => {
    assertWhole(
      await withServer(() => new FileResponse(pathToFileURL(digits)), (url) => receive(url)),
      DIGITS,
      "file: URL",
      true,
    );
  });
  await t.test("with a space and an accent", async () => {
    const spaced = writeFixture(dir, "with space é.txt", "spaced");
    assert.equal(await new FileResponse(pathToFileURL(spaced)).text(), "spaced");
  });
});

test("FileResponse: a URL that is no local file: URL is a TypeError", async (t) => {
  const cases: [string, RegExp][] = [
    ["https://example.com/x.txt", /^FileResponse: "https:\/\/example.com\/x.txt" is not a file: URL$/],
    ["file://host/x.txt", /^FileResponse: "file:\/\/host\/x.txt" names a host/],
    ["file:///a%2Fb", /^FileResponse: "file:\/\/\/a%2Fb" holds an encoded "\/"$/],
    ["file:///a%E0%A4%A", /^FileResponse: "file:\/\/\/a%E0%A4%A" holds an invalid percent-encoding$/],
  ];
  for (const [url, message] of cases) {
    await t.test(url, () => assert.throws(() => new FileResponse(new URL(url)), { name: "TypeError", message }));
  }
});

test("FileResponse: a status without a body is a TypeError; one out of range a RangeError", async (t) => {
  for (const status of [204, 205, 304]) {
    await t.test(String(status), () => {
      assert.throws(() => new FileResponse(digits, { status }), {
        name: "TypeError",
        message: new RegExp(`^FileResponse: status ${status} \\(.+\\) is not a status that can carry a file$`),
      });
    });
  }
  for (const status of [99, 600, 200.5, NaN]) {
    await t.test(String(status), () => {
      assert.throws(() => new FileResponse(digits, { status }), {
        name: "RangeError",
        message: `FileResponse: status ${status} is not an integer from 200 to 599`,
      });
    });
  }
  await t.test("a string", () => {
    assert.throws(() => new FileResponse(digits, { status: "200" as unknown as number }), {
      name: "TypeError",
      message: `FileResponse: status "200" is not a number`,
    });
  });
});

test("FileResponse: a chunkSize out of range is a RangeError", async (t) => {
  for (const chunkSize of [0, -1, 1.5, 17 * 1024 * 1024, NaN]) {
    await t.test(String(chunkSize), () => {
      assert.throws(() => new FileResponse(digits, { chunkSize }), {
        name: "RangeError",
        message: `FileResponse: chunkSize ${chunkSize} is not an integer from 1 to 16777216`,
      });
    });
  }
});

test("FileResponse: another status sends the file with it, and its reason phrase", async () => {
  const custom = new FileResponse(page, { status: 404 });
  assert.equal(custom.status, 404);
  assert.equal(custom.statusText, "Not Found");
  assert.equal(await custom.text(), "<h1>hi</h1>");
});

test("FileResponse: an empty file is 200 with Content-Length 0", async (t) => {
  await t.test("GET", async () => {
    const res = await get(empty);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-length"), "0");
    assert.equal(res.body.byteLength, 0);
  });
  await t.test("HEAD", async () => assert.equal((await get(empty, {}, {}, "HEAD")).headers.get("content-length"), "0"));
});

test("FileResponse: a user-given ETag or Last-Modified is the validator", async (t) => {
  const headers = { etag: '"v1"', "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT" };
  await serveFile(digits, { headers }, async (url) => {
    await t.test("the ETag sent", async () => assert.equal((await receive(url)).headers.get("etag"), '"v1"'));
    const cases: [string, Record<string, string>, number][] = [
      ["If-None-Match", { "if-none-match": '"v1"' }, 304],
      ["If-Modified-Since", { "if-modified-since": "Mon, 01 Jan 2024 00:00:00 GMT" }, 304],
      ["If-Range", { range: "bytes=0-1", "if-range": '"v1"' }, 206],
    ];
    for (const [name, request, status] of cases) {
      await t.test(`${name} → ${status}`, async () =>
        assert.equal((await receive(url, { headers: request })).status, status));
    }
  });
});

// FileResponse from a Blob or a FileSource: the same answers as a file, from the bytes given.

const TEXT = new TextEncoder().encode("the quick brown fox jumps over the lazy dog\n".repeat(50));
const TEXT_MTIME = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

/** A FileSource over `content` that records every read it is asked for. */
function recordingSource(content: Uint8Array, fields: Partial<FileSource> = {}) {
  const reads: [number, number][] = [];
  const source: FileSource = {
    size: content.byteLength,
    read(start, end) {
      reads.push([start, end]);
      return new Blob([content.slice(start, end)]);
    },
    ...fields,
  };
  return { source, reads };
}

/** One request through a real server whose handler answers with `new FileResponse(source, …)`. */
function getSource(
  source: () => Blob | FileSource,
  headers: Record<string, string> = {},
  options: Omit<FileResponseInit, "request"> = {},
  method = "GET",
) {
  return withServer(
    (request) => new FileResponse(source(), { ...options, request }),
    (url) => receive(url, { method, headers }),
  );
}

test("FileResponse(Blob): 200, the exact bytes, Content-Length, its type, Accept-Ranges, and no validators", async () => {
  const res = await getSource(() => new Blob([TEXT], { type: "application/x-notes" }));
  assertWhole(res, TEXT, "a Blob");
  assert.equal(res.headers.get("content-type"), "application/x-notes");
  assert.equal(res.headers.get("accept-ranges"), "bytes");
  assert.equal(res.headers.get("etag"), null);
  assert.equal(res.headers.get("last-modified"), null);
});

test("FileResponse(File): Last-Modified from its lastModified, the type of its name, and no ETag", async () => {
  const res = await getSource(() => new File([TEXT], "notes.md", { lastModified: TEXT_MTIME }));
  assertWhole(res, TEXT, "a File");
  assert.equal(res.headers.get("last-modified"), MTIME_HTTP);
  assert.equal(res.headers.get("content-type"), "text/markdown; charset=utf-8");
  assert.equal(res.headers.get("etag"), null);
});

test("FileResponse(Blob) Range: one range → 206 with Content-Range, Content-Length and the exact bytes", async (t) => {
  for (
    const [range, start, end] of [["bytes=0-0", 0, 0], ["bytes=10-19", 10, 19], [
      "bytes=-7",
      TEXT.length - 7,
      TEXT.length - 1,
    ]] as const
  ) {
    await t.test(range, async () => {
      const res = await getSource(() => new Blob([TEXT]), { range });
      assert.equal(res.status, 206);
      assert.equal(res.headers.get("content-range"), `bytes ${start}-${end}/${TEXT.length}`);
      assert.equal(res.headers.get("content-length"), String(end - start + 1));
      assert.deepEqual(res.body, TEXT.subarray(start, end + 1));
    });
  }
});

test("FileResponse(Blob) Range: several → the exact multipart/byteranges body", async () => {
  const res = await getSource(() => new Blob([TEXT], { type: "application/x-notes" }), { range: "bytes=100-109,0-4" });
  assert.equal(res.status, 206);
  const boundary = /^multipart\/byteranges; boundary=([0-9a-f]{24})$/.exec(res.headers.get("content-type") ?? "")?.[1];
  assert.ok(boundary);
  const expected = multipartBody(boundary, "application/x-notes", TEXT.length, TEXT, [[100, 109], [0, 4]]);
  assert.deepEqual(res.body, expected);
  // Bun.serve sends stream bodies chunked, without the Content-Length the response holds.
  const length = res.headers.get("content-length");
  if (runtime === "bun") assert.ok(length === null || length === String(expected.byteLength));
  else assert.equal(length, String(expected.byteLength));
});

test("FileResponse(Blob) HEAD: the headers of the GET and no body", async (t) => {
  for (const headers of [{}, { range: "bytes=5-9" }] as Record<string, string>[]) {
    await t.test(JSON.stringify(headers), async () => {
      const blob = () => new File([TEXT], "t.txt", { lastModified: TEXT_MTIME });
      const getRes = await getSource(blob, headers);
      const headRes = await getSource(blob, headers, {}, "HEAD");
      assert.equal(headRes.status, getRes.status);
      assert.deepEqual(headerMap(headRes), headerMap(getRes));
      assert.equal(headRes.body.byteLength, 0);
    });
  }
});

test("FileResponse(File): conditional requests by its Last-Modified", async (t) => {
  const file = () => new File([TEXT], "t.txt", { lastModified: TEXT_MTIME });
  const cases: [string, Record<string, string>, number][] = [
    ["If-Modified-Since, not modified", { "if-modified-since": MTIME_HTTP }, 304],
    ["If-Modified-Since, modified", { "if-modified-since": "Mon, 01 Jan 2024 00:00:00 GMT" }, 200],
    ["If-Unmodified-Since, modified", { "if-unmodified-since": "Mon, 01 Jan 2024 00:00:00 GMT" }, 412],
    ["If-Range by its date", { range: "bytes=0-1", "if-range": MTIME_HTTP }, 206],
    ["If-Range by another date", { range: "bytes=0-1", "if-range": "Mon, 01 Jan 2024 00:00:00 GMT" }, 200],
  ];
  for (const [name, headers, status] of cases) {
    await t.test(`${name} → ${status}`, async () => assert.equal((await getSource(file, headers)).status, status));
  }
});

test("FileResponse(Blob) without validators: only the wildcard matches", async (t) => {
  const cases: [Record<string, string>, number][] = [
    [{ "if-none-match": "*" }, 304],
    [{ "if-none-match": '"x"' }, 200],
    [{ "if-match": '"x"' }, 412],
    [{ "if-match": "*" }, 200],
    [{ "if-modified-since": "Wed, 01 Jan 2025 00:00:00 GMT" }, 200],
    [{ range: "bytes=0-1", "if-range": '"x"' }, 200],
  ];
  for (const [headers, status] of cases) {
    await t.test(`${JSON.stringify(headers)} → ${status}`, async () => {
      assert.equal((await getSource(() => new Blob([TEXT]), headers)).status, status);
    });
  }
});

test("FileSource: a range is read once, for exactly its bytes, when the body is read", async (t) => {
  const cases: [string, Record<string, string>, [number, number][]][] = [
    ["no range", {}, [[0, TEXT.length]]],
    ["one range", { range: "bytes=10-19" }, [[10, 20]]],
    ["several", { range: "bytes=100-109,0-4,-3" }, [[100, 110], [0, 5], [TEXT.length - 3, TEXT.length]]],
  ];
  for (const [name, headers, reads] of cases) {
    await t.test(name, async () => {
      const recorded = recordingSource(TEXT);
      const res = await getSource(() => recorded.source, headers);
      assert.equal(res.status, headers.range ? 206 : 200);
      assert.deepEqual(recorded.reads, reads);
    });
  }
});

test("FileSource: HEAD, 304, 412 and 416 read nothing", async (t) => {
  const cases: [string, string, Record<string, string>, number][] = [
    ["HEAD", "HEAD", {}, 200],
    ["HEAD of a range", "HEAD", { range: "bytes=0-9" }, 206],
    ["304", "GET", { "if-none-match": '"v1"' }, 304],
    ["412", "GET", { "if-match": '"v2"' }, 412],
    ["416", "GET", { range: "bytes=99999-" }, 416],
  ];
  for (const [name, method, headers, status] of cases) {
    await t.test(name, async () => {
      const recorded = recordingSource(TEXT, { etag: '"v1"' });
      const res = await getSource(() => recorded.source, headers, {}, method);
      assert.equal(res.status, status);
      assert.deepEqual(recorded.reads, []);
    });
  }
});

test("FileSource: a response that is built and not read reads nothing", () => {
  const recorded = recordingSource(TEXT);
  void new FileResponse(recorded.source, { request: new Request("http://x/", { headers: { range: "bytes=0-9" } }) });
  assert.deepEqual(recorded.reads, []);
});

test("FileSource: its etag and lastModified are the validators", async (t) => {
  const source = () => recordingSource(TEXT, { etag: '"v1"', lastModified: new Date(TEXT_MTIME) }).source;
  await t.test("the headers", async () => {
    const res = await getSource(source);
    assert.equal(res.headers.get("etag"), '"v1"');
    assert.equal(res.headers.get("last-modified"), MTIME_HTTP);
    assertWhole(res, TEXT, "a source", true);
  });
  const cases: [string, Record<string, string>, number][] = [
    ["If-None-Match", { "if-none-match": '"v1"' }, 304],
    ["If-Match", { "if-match": '"v2"' }, 412],
    ["If-Range by ETag", { range: "bytes=0-1", "if-range": '"v1"' }, 206],
    ["If-Modified-Since", { "if-modified-since": MTIME_HTTP }, 304],
  ];
  for (const [name, headers, status] of cases) {
    await t.test(`${name} → ${status}`, async () => assert.equal((await getSource(source, headers)).status, status));
  }
});

test("FileSource: an unquoted etag is quoted; a weak one stays weak", async (t) => {
  for (const [etag, sent] of [["v1", '"v1"'], ['W/"v1"', 'W/"v1"']]) {
    await t.test(etag!, () => {
      assert.equal(new FileResponse(recordingSource(TEXT, { etag }).source).headers.get("etag"), sent);
    });
  }
});

test("FileSource: read() may return a stream, a Blob, or a promise of either", async (t) => {
  const reads: [string, FileSource["read"]][] = [
    ["a Blob", (start, end) => new Blob([TEXT.slice(start, end)])],
    ["a promise of a Blob", (start, end) => Promise.resolve(new Blob([TEXT.slice(start, end)]))],
    ["a stream", (start, end) => new Blob([TEXT.slice(start, end)]).stream()],
    ["a stream of small chunks", (start, end) => {
      let at = start;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= end) return controller.close();
          controller.enqueue(TEXT.slice(at, Math.min(at + 7, end)));
          at += 7;
        },
      });
    }],
  ];
  for (const [name, read] of reads) {
    await t.test(name, async () => {
      const res = await getSource(() => ({ size: TEXT.length, read }), { range: "bytes=3-200,1000-" });
      assert.equal(res.status, 206);
      const text = new TextDecoder().decode(res.body);
      assert.ok(text.includes(new TextDecoder().decode(TEXT.subarray(3, 201))));
      assert.ok(text.includes(new TextDecoder().decode(TEXT.subarray(1000))));
    });
  }
});

test("FileSource: a source that delivers fewer or more bytes than asked makes the body fail", async (t) => {
  const cases: [string, FileSource["read"]][] = [
    ["fewer", (start, end) => new Blob([TEXT.slice(start, end - 1)])],
    ["more", (start, end) => new Blob([TEXT.slice(start, end), new Uint8Array(1)])],
    ["none", () => new Blob([])],
  ];
  for (const [name, read] of cases) {
    await t.test(name, async () => {
      const res = new FileResponse({ size: TEXT.length, read });
      await assert.rejects(res.arrayBuffer(), /FileResponse: the source (ended|delivered more)/);
    });
  }
});

test("FileSource: Content-Type from mediaType, else its type, else the extension of filename, else of its name", async (t) => {
  const cases: [string, Partial<FileSource>, Omit<FileResponseInit, "request">, string][] = [
    [
      "mediaType first",
      { type: "text/csv", name: "a.json" },
      { mediaType: "image/png", filename: "x.pdf" },
      "image/png",
    ],
    ["then its type, as it is", { type: "text/csv", name: "a.json" }, { filename: "x.pdf" }, "text/csv"],
    ["then filename", { name: "a.json" }, { filename: "x.pdf" }, "application/pdf"],
    ["then its name", { name: "a.json" }, {}, "application/json; charset=utf-8"],
    ["else octet-stream", {}, {}, "application/octet-stream"],
  ];
  for (const [name, fields, options, type] of cases) {
    await t.test(name, () => {
      const res = new FileResponse(recordingSource(TEXT, fields).source, options);
      assert.equal(res.headers.get("content-type"), type);
    });
  }
});

test("FileSource and Blob: asAttachment without a filename sends the source's name", async (t) => {
  const cases: [string, Blob | FileSource, string][] = [
    ["a source", recordingSource(TEXT, { name: "report 1.csv" }).source, 'attachment; filename="report 1.csv"'],
    ["a File", new File([TEXT], "notes.txt"), 'attachment; filename="notes.txt"'],
    ["a Blob", new Blob([TEXT]), "attachment"],
  ];
  for (const [name, source, disposition] of cases) {
    await t.test(name, () => {
      assert.equal(new FileResponse(source, { asAttachment: true }).headers.get("content-disposition"), disposition);
    });
  }
});

test("FileResponse: a source that is none, or has a field of the wrong type, is a TypeError; a bad size a RangeError", async (t) => {
  const read = () => new Blob([]);
  const cases: [string, unknown, string, RegExp][] = [
    ["a number", 42, "TypeError", /^FileResponse: 42 is not a path, a file: URL, a Blob or a FileSource$/],
    ["an object without read", { size: 1 }, "TypeError", /^FileResponse: an object is not a path/],
    [
      "a size that is a string",
      { size: "1", read },
      "TypeError",
      /^FileResponse: the source's size "1" is not a number$/,
    ],
    [
      "a negative size",
      { size: -1, read },
      "RangeError",
      /^FileResponse: the source's size -1 is not a non-negative safe integer$/,
    ],
    ["a fractional size", { size: 1.5, read }, "RangeError", /^FileResponse: the source's size 1.5 is not/],
    [
      "an etag with a quote inside",
      { size: 1, read, etag: 'a"b' },
      "TypeError",
      /^FileResponse: the source's etag "a\\"b" is not an entity-tag$/,
    ],
    [
      "a lastModified string",
      { size: 1, read, lastModified: "yesterday" },
      "TypeError",
      /^FileResponse: the source's lastModified "yesterday" is not a number or a Date$/,
    ],
    [
      "a lastModified NaN",
      { size: 1, read, lastModified: NaN },
      "RangeError",
      /^FileResponse: the source's lastModified NaN is not a time$/,
    ],
    [
      "a type that is no string",
      { size: 1, read, type: 1 },
      "TypeError",
      /^FileResponse: the source's type 1 is not a string$/,
    ],
  ];
  for (const [name, source, errorName, message] of cases) {
    await t.test(name, () => {
      assert.throws(() => new FileResponse(source as FileSource), { name: errorName, message });
    });
  }
});

test("FileResponse: a file whose modification time is 0 gets no ETag and no Last-Modified", async () => {
  const epoch = writeFixture(dir, "epoch.txt", "redeployed", new Date(0));
  const res = await get(epoch);
  assert.equal(res.headers.get("etag"), null);
  assert.equal(res.headers.get("last-modified"), null);
  assert.equal(new TextDecoder().decode(res.body), "redeployed");
});

test("FileResponse: a path where there is no file system is a TypeError that names Blob and FileSource", () => {
  const error = fileError({ problem: "no file system" }, "FileResponse");
  assert.ok(error instanceof TypeError);
  assert.equal(
    error.message,
    "FileResponse: this runtime has no file system to read a path from; pass a Blob or a FileSource",
  );
});

test("statRegularFile: a modification time of 0 (workerd) or null (Deno Deploy) is none, and gives no validator", async (t) => {
  const facts = (mtimeMs: number | null, ino: number | null): StatFacts => ({
    isFile: true,
    isDirectory: false,
    size: 26,
    mtimeMs,
    ino,
    dev: 0,
    mode: 0o644,
  });
  const statWith = (stat: StatFacts) => statRegularFile("/f", { stat: () => stat, checkRead: () => {} });
  for (
    const [name, stat] of [["mtime 0, inode 0", facts(0, 0)], ["mtime null, inode null", facts(null, null)]] as const
  ) {
    await t.test(name, () => {
      const file = statWith(stat);
      assert.ok(!("problem" in file));
      assert.equal(file.mtimeMs, undefined);
      const facts = fileFacts(file);
      assert.equal(facts.etag, undefined);
      assert.equal(facts.lastModified, undefined);
    });
  }
  await t.test("a real time is kept", () => {
    const file = statWith(facts(1_700_000_000_123, 42));
    assert.ok(!("problem" in file));
    assert.equal(file.mtimeMs, 1_700_000_000_123);
    assert.equal(fileFacts(file).lastModified, "Tue, 14 Nov 2023 22:13:20 GMT");
  });
});

test("FileResponse(Bun.file()): its mtime as Last-Modified, and the exact range", {
  skip: runtime !== "bun" && "Bun.file() is Bun's",
}, async () => {
  const bun = (globalThis as unknown as { Bun: { file(path: string): Blob } }).Bun;
  const res = await getSource(() => bun.file(big), { range: "bytes=10-99" });
  assert.equal(res.status, 206);
  assert.equal(res.headers.get("last-modified"), MTIME_HTTP);
  assert.equal(res.headers.get("content-range"), `bytes 10-99/${BIG.length}`);
  assert.equal(res.headers.get("content-length"), "90");
  assert.deepEqual(res.body, BIG.subarray(10, 100));
});
