import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync, symlinkSync, unlinkSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { FileResponse, type FileResponseInit, staticFiles, type StaticFilesOptions } from "../mod.ts";
import { runtime, withServer } from "./_serve.ts";
import { fixtureDir, MTIME_HTTP, removeDir, writeFixture } from "./_files.ts";
import { rawRequest, type RawResponse } from "./_raw_http.ts";

const dir = fixtureDir("static");
after(() => removeDir(dir));

const ROOT = join(dir, "public");
writeFixture(dir, "secret.txt", "secret");
writeFixture(ROOT, "a.txt", "alpha");
writeFixture(ROOT, "index.html", "<h1>home</h1>");
writeFixture(ROOT, "docs/index.html", "docs home");
writeFixture(ROOT, "docs/page.txt", "a page");
writeFixture(ROOT, ".hidden", "hidden");
writeFixture(ROOT, ".git/config", "config");
writeFixture(ROOT, "app.3f2a9c1b.js", "hashed");
writeFixture(ROOT, "with space é.txt", "spaced");
mkdirSync(join(ROOT, "empty-dir"));
symlinkSync(join(ROOT, "a.txt"), join(ROOT, "link.txt"));
symlinkSync(join(dir, "secret.txt"), join(ROOT, "out.txt"));
symlinkSync(dir, join(ROOT, "outdir"));

/** The answer when the handler returns `undefined`. */
const FALLBACK = "fallback";

/** Serves `staticFiles(options)`, with a 404 of its own for what it leaves alone, and runs `body` with the URL. */
function site<T>(options: Partial<StaticFilesOptions>, body: (url: string) => Promise<T>): Promise<T> {
  const files = staticFiles({ root: ROOT, ...options });
  return withServer((request) => files(request) ?? new Response(FALLBACK, { status: 404 }), body);
}

const text = (res: RawResponse) => new TextDecoder().decode(res.body);

/** True when `res` is the caller's own answer: the handler returned `undefined`. */
function passedOn(res: RawResponse): boolean {
  return res.status === 404 && text(res) === FALLBACK;
}

test("staticFiles: a file → its FileResponse: the bytes, Content-Type, Content-Length, ETag, Last-Modified, one Date", async () => {
  await site({}, async (url) => {
    const res = await rawRequest(url, { target: "/a.txt" });
    assert.equal(res.status, 200);
    assert.equal(text(res), "alpha");
    assert.equal(res.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.get("content-length"), "5");
    assert.match(res.get("etag")!, /^"[0-9a-z]+-[0-9a-z]+-[0-9a-z]+"$/);
    assert.equal(res.get("last-modified"), MTIME_HTTP);
    assert.equal(res.get("accept-ranges"), "bytes");
    assert.equal(res.all("date").length, 1);
    assert.equal(res.get("cache-control"), null);
  });
});

test("staticFiles: names that need percent-encoding, and symlinks inside the root", async (t) => {
  await site({}, async (url) => {
    for (
      const [target, body] of [
        ["/with%20space%20%C3%A9.txt", "spaced"],
        ["/link.txt", "alpha"],
        ["//a.txt", "alpha"],
        ["/docs//page.txt", "a page"],
        ["/a.txt?x=1", "alpha"],
      ]
    ) {
      await t.test(target!, async () => assert.equal(text(await rawRequest(url, { target: target! })), body));
    }
  });
});

/** Request-targets that try to leave the root or reach what it hides; each one is passed on. */
const TRAVERSALS = [
  "/../secret.txt",
  "/docs/../../secret.txt",
  "/%2e%2e/secret.txt",
  "/%2E%2E/secret.txt",
  "/.%2e/secret.txt",
  "/..%2fsecret.txt",
  "/docs/..%2F..%2Fsecret.txt",
  "/..%5csecret.txt",
  "/%5c..%5csecret.txt",
  "/..\\secret.txt",
  "/docs\\..\\..\\secret.txt",
  "/a.txt%00",
  "/%00",
  "/a.txt%00.html",
  "/%zz",
  "/out.txt",
  "/outdir/secret.txt",
  "/outdir/",
  "/.hidden",
  "/.git/config",
  "/%2ehidden",
];

test(`staticFiles: the traversal table, as raw request-targets on a real ${runtime} server`, async (t) => {
  await site({}, async (url) => {
    for (const target of TRAVERSALS) {
      await t.test(target, async () => {
        const res = await rawRequest(url, { target });
        assert.ok(res.status === 400 || passedOn(res), `${res.status} ${text(res)}`);
        assert.doesNotMatch(text(res), /secret|hidden|config/);
      });
    }
  });
});

test("staticFiles: a symlink swapped to point out of the root after the first request is not followed", async () => {
  const link = join(ROOT, "swapped.txt");
  symlinkSync(join(ROOT, "a.txt"), link);
  try {
    await site({}, async (url) => {
      assert.equal(text(await rawRequest(url, { target: "/swapped.txt" })), "alpha");
      unlinkSync(link);
      symlinkSync(join(dir, "secret.txt"), link);
      assert.ok(passedOn(await rawRequest(url, { target: "/swapped.txt" })));
    });
  } finally {
    rmSync(link, { force: true });
  }
});

test("staticFiles: a directory on the path swapped for a symlink out of the root is not followed", async () => {
  writeFixture(ROOT, "swapdir/secret.txt", "inside");
  writeFixture(dir, "outside/secret.txt", "secret");
  try {
    await site({}, async (url) => {
      assert.equal(text(await rawRequest(url, { target: "/swapdir/secret.txt" })), "inside");
      rmSync(join(ROOT, "swapdir"), { recursive: true });
      symlinkSync(join(dir, "outside"), join(ROOT, "swapdir"));
      assert.ok(passedOn(await rawRequest(url, { target: "/swapdir/secret.txt" })));
    });
  } finally {
    rmSync(join(ROOT, "swapdir"), { recursive: true, force: true });
  }
});

test("staticFiles: files changed, created and deleted while serving are seen on the next request", async (t) => {
  const path = join(ROOT, "live.txt");
  try {
    await site({}, async (url) => {
      await t.test("created", async () => {
        assert.ok(passedOn(await rawRequest(url, { target: "/live.txt" })));
        writeFixture(ROOT, "live.txt", "one");
        assert.equal(text(await rawRequest(url, { target: "/live.txt" })), "one");
      });
      await t.test("changed, same size, another mtime → new bytes and a new ETag", async () => {
        const before = await rawRequest(url, { target: "/live.txt" });
        writeFixture(ROOT, "live.txt", "two", new Date("2024-02-03T04:05:06Z"));
        const res = await rawRequest(url, { target: "/live.txt" });
        assert.equal(text(res), "two");
        assert.notEqual(res.get("etag"), before.get("etag"));
      });
      await t.test("changed, another size, the same mtime → the new length", async () => {
        writeFixture(ROOT, "live.txt", "three!", new Date("2024-02-03T04:05:06Z"));
        const res = await rawRequest(url, { target: "/live.txt" });
        assert.equal(res.get("content-length"), "6");
        assert.equal(text(res), "three!");
      });
      await t.test("replaced by another file (rename)", async () => {
        writeFixture(ROOT, "live.next", "four", new Date("2024-02-03T04:05:06Z"));
        renameSync(join(ROOT, "live.next"), path);
        assert.equal(text(await rawRequest(url, { target: "/live.txt" })), "four");
      });
      await t.test("deleted", async () => {
        unlinkSync(path);
        assert.ok(passedOn(await rawRequest(url, { target: "/live.txt" })));
      });
    });
  } finally {
    rmSync(path, { force: true });
  }
});

test("staticFiles: directories — the index file, a 301 without the trailing slash, nothing without an index", async (t) => {
  await site({}, async (url) => {
    const cases: [string, (res: RawResponse) => void][] = [
      ["/", (res) => assert.equal(text(res), "<h1>home</h1>")],
      ["/docs/", (res) => assert.equal(text(res), "docs home")],
      ["/docs", (res) => (assert.equal(res.status, 301), assert.equal(res.get("location"), "./docs/"))],
      ["/docs?x=1", (res) => (assert.equal(res.status, 301), assert.equal(res.get("location"), "./docs/?x=1"))],
      ["/empty-dir/", (res) => assert.ok(passedOn(res))],
      ["/empty-dir", (res) => assert.ok(passedOn(res))],
      ["/a.txt/", (res) => assert.ok(passedOn(res))],
      ["/missing.txt", (res) => assert.ok(passedOn(res))],
      ["/docs/index.html", (res) => assert.equal(text(res), "docs home")],
    ];
    for (const [target, check] of cases) await t.test(target, async () => check(await rawRequest(url, { target })));
  });
});

test("staticFiles: index — another name, or false for none", async (t) => {
  writeFixture(ROOT, "docs/default.htm", "default");
  await t.test("another name", () =>
    site({ index: "default.htm" }, async (url) => {
      assert.equal(text(await rawRequest(url, { target: "/docs/" })), "default");
      assert.ok(passedOn(await rawRequest(url, { target: "/" })));
    }));
  await t.test("false", () =>
    site({ index: false }, async (url) => {
      assert.ok(passedOn(await rawRequest(url, { target: "/docs/" })));
      assert.ok(passedOn(await rawRequest(url, { target: "/docs" })));
    }));
});

test("staticFiles: dotfiles are refused unless dotfiles is set", async () => {
  await site({ dotfiles: true }, async (url) => {
    assert.equal(text(await rawRequest(url, { target: "/.hidden" })), "hidden");
    assert.equal(text(await rawRequest(url, { target: "/.git/config" })), "config");
    assert.ok(passedOn(await rawRequest(url, { target: "/../secret.txt" })));
  });
});

test("staticFiles: prefix — matched at a segment boundary and stripped", async (t) => {
  await site({ prefix: "/static/" }, async (url) => {
    const cases: [string, (res: RawResponse) => void][] = [
      ["/static/a.txt", (res) => assert.equal(text(res), "alpha")],
      ["/static/docs/", (res) => assert.equal(text(res), "docs home")],
      ["/static/", (res) => assert.equal(text(res), "<h1>home</h1>")],
      ["/static", (res) => (assert.equal(res.status, 301), assert.equal(res.get("location"), "./static/"))],
      ["/staticx/a.txt", (res) => assert.ok(passedOn(res))],
      ["/a.txt", (res) => assert.ok(passedOn(res))],
      ["/static/../secret.txt", (res) => assert.ok(res.status === 400 || passedOn(res))],
    ];
    for (const [target, check] of cases) await t.test(target, async () => check(await rawRequest(url, { target })));
  });
});

test("staticFiles: GET and HEAD only; HEAD gets the headers of the GET and no body", async (t) => {
  await site({}, async (url) => {
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) {
      await t.test(method, async () => assert.ok(passedOn(await rawRequest(url, { target: "/a.txt", method }))));
    }
    await t.test("HEAD", async () => {
      const get = await rawRequest(url, { target: "/a.txt" });
      const head = await rawRequest(url, { target: "/a.txt", method: "HEAD" });
      assert.equal(head.status, 200);
      assert.equal(head.body.byteLength, 0);
      for (const name of ["content-type", "content-length", "etag", "last-modified", "accept-ranges"]) {
        assert.equal(head.get(name), get.get(name), name);
      }
    });
  });
});

test("staticFiles: Range, 304 and 412, as FileResponse answers them", async (t) => {
  await site({}, async (url) => {
    const { get } = await rawRequest(url, { target: "/a.txt" });
    const etag = get("etag")!;
    await t.test("Range", async () => {
      const res = await rawRequest(url, { target: "/a.txt", headers: { range: "bytes=1-3" } });
      assert.equal(res.status, 206);
      assert.equal(res.get("content-range"), "bytes 1-3/5");
      assert.equal(text(res), "lph");
    });
    await t.test("If-None-Match → 304", async () => {
      const res = await rawRequest(url, { target: "/a.txt", headers: { "if-none-match": etag } });
      assert.equal(res.status, 304);
      assert.equal(res.get("etag"), etag);
    });
    await t.test("If-Match → 412", async () => {
      assert.equal((await rawRequest(url, { target: "/a.txt", headers: { "if-match": '"other"' } })).status, 412);
    });
  });
});

test("staticFiles: maxAge and immutable set Cache-Control; a Cache-Control in headers wins", async (t) => {
  const IMMUTABLE = "public, max-age=31536000, immutable";
  const cases: [string, Partial<StaticFilesOptions>, string, string | null][] = [
    ["maxAge", { maxAge: 600 }, "/a.txt", "public, max-age=600"],
    ["maxAge 0", { maxAge: 0 }, "/a.txt", "public, max-age=0"],
    ["immutable: true", { immutable: true }, "/a.txt", IMMUTABLE],
    ["immutable: true, not the index page", { immutable: true, maxAge: 60 }, "/docs/", "public, max-age=60"],
    ["immutable: true, not the index page at /", { immutable: true }, "/", null],
    ["an index page named directly is a file", { immutable: true }, "/docs/index.html", IMMUTABLE],
    ["a RegExp that matches", { immutable: /\.[0-9a-f]{8}\.js$/, maxAge: 60 }, "/app.3f2a9c1b.js", IMMUTABLE],
    ["a RegExp that does not", { immutable: /\.[0-9a-f]{8}\.js$/, maxAge: 60 }, "/a.txt", "public, max-age=60"],
    ["a RegExp is tested after the prefix", { prefix: "/s", immutable: /^\/app\./ }, "/s/app.3f2a9c1b.js", IMMUTABLE],
    ["a function", { immutable: (path) => path.startsWith("/docs/") }, "/docs/page.txt", IMMUTABLE],
    ["a function, asked for the index", { immutable: (path) => path === "/docs/" }, "/docs/", IMMUTABLE],
    ["headers win", { immutable: true, headers: { "Cache-Control": "no-cache" } }, "/a.txt", "no-cache"],
    ["headers (a function) win", { maxAge: 5, headers: () => ({ "cache-control": "private" }) }, "/a.txt", "private"],
  ];
  for (const [name, options, target, expected] of cases) {
    await t.test(name, () =>
      site(options, async (url) => {
        const res = await rawRequest(url, { target });
        assert.equal(res.status, 200);
        assert.equal(res.get("cache-control"), expected);
      }));
  }
});

test("staticFiles: headers — fixed, or a function of the file's path under the root", async (t) => {
  await t.test("fixed", () =>
    site({ headers: { "X-Served-By": "staticFiles" } }, async (url) => {
      assert.equal((await rawRequest(url, { target: "/a.txt" })).get("x-served-by"), "staticFiles");
    }));
  await t.test("a function", () =>
    site({ headers: (path) => ({ "X-Path": path.slice(ROOT.length) }) }, async (url) => {
      assert.equal((await rawRequest(url, { target: "/docs/page.txt" })).get("x-path"), "/docs/page.txt");
      assert.equal((await rawRequest(url, { target: "/docs/" })).get("x-path"), "/docs/index.html");
    }));
});

test("staticFiles: a file: URL as the root", async () => {
  await site({ root: pathToFileURL(ROOT + "/") }, async (url) => {
    assert.equal(text(await rawRequest(url, { target: "/a.txt" })), "alpha");
  });
});

test("staticFiles: options of the wrong type or out of range are errors when it is created", async (t) => {
  const cases: [string, unknown, string, RegExp][] = [
    ["options", null, "TypeError", /^staticFiles: options null is not an object$/],
    ["index", { root: ROOT, index: "a/b" }, "TypeError", /^staticFiles: index "a\/b" is not a plain file name$/],
    ["index", { root: ROOT, index: 3 }, "TypeError", /^staticFiles: index 3 is not a plain file name$/],
    ["prefix", { root: ROOT, prefix: "static" }, "TypeError", /^staticFiles: prefix "static" is not a URL path/],
    ["maxAge", { root: ROOT, maxAge: "60" }, "TypeError", /^staticFiles: maxAge "60" is not a number$/],
    ["maxAge", { root: ROOT, maxAge: -1 }, "RangeError", /^staticFiles: maxAge -1 is not a whole number/],
    ["maxAge", { root: ROOT, maxAge: 1.5 }, "RangeError", /^staticFiles: maxAge 1.5 is not a whole number/],
    ["immutable", { root: ROOT, immutable: "yes" }, "TypeError", /^staticFiles: immutable "yes" is not a boolean/],
    ["chunkSize", { root: ROOT, chunkSize: 0 }, "RangeError", /^staticFiles: chunkSize 0 is not an integer/],
    ["headers", { root: ROOT, headers: { "X-A": "a\r\nb" } }, "BadHeaderError", /header "X-A"/],
  ];
  for (const [what, options, name, message] of cases) {
    await t.test(`${what} ${JSON.stringify(options)}`, () => {
      assert.throws(() => staticFiles(options as StaticFilesOptions), { name, message });
    });
  }
});

test("staticFiles: a root that is no directory is a TypeError when it is created", async (t) => {
  for (
    const [what, root, message] of [
      ["missing", join(dir, "nope"), /^staticFiles: root ".+" does not exist$/],
      ["a file", join(ROOT, "a.txt"), /^staticFiles: root ".+" is not a directory$/],
    ] as const
  ) {
    await t.test(what, () => {
      assert.throws(() => staticFiles({ root }), { name: "TypeError", message });
    });
  }
});

/** Runs `code` in a child of this runtime whose `process.getBuiltinModule` is gone: a runtime without node:fs. */
function withoutFileSystem(code: string): { status: number | null; stdout: string; stderr: string } {
  const entry = new URL(runtime === "node" ? "../mod.js" : "../mod.ts", import.meta.url).href;
  const script = `Object.defineProperty(process, "getBuiltinModule", { value: undefined });
const { staticFiles } = await import(${JSON.stringify(entry)});
${code}`;
  const args = runtime === "deno"
    ? ["eval", "--ext=ts", script]
    : runtime === "bun"
    ? ["--eval", script]
    : ["--input-type=module", "--eval", script];
  const child = spawnSync(process.execPath, args, { encoding: "utf8" });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

test("staticFiles: without a file system it is created all the same, and its requests are a clear TypeError", () => {
  const child = withoutFileSystem(`
const files = staticFiles({ root: "/srv/www" });
try { files(new Request("http://x/a.txt")); console.log("no error"); }
catch (e) { console.log(e.name + ": " + e.message); }`);
  assert.equal(child.status, 0, child.stderr);
  assert.equal(
    child.stdout.trim(),
    "TypeError: staticFiles: this runtime has no file system (node:fs) to serve a directory from",
  );
});

/** Every way a response can end, through FileResponse and through staticFiles. */
const ENDINGS: [string, string, Record<string, string>, number][] = [
  ["GET", "/a.txt", {}, 200],
  ["HEAD", "/a.txt", {}, 200],
  ["GET", "/a.txt", { range: "bytes=0-1" }, 206],
  ["HEAD", "/a.txt", { range: "bytes=0-1" }, 206],
  ["GET", "/a.txt", { "if-modified-since": MTIME_HTTP }, 304],
  ["HEAD", "/a.txt", { "if-modified-since": MTIME_HTTP }, 304],
  ["GET", "/a.txt", { "if-match": '"x"' }, 412],
  ["HEAD", "/a.txt", { "if-match": '"x"' }, 412],
  ["GET", "/a.txt", { range: "bytes=9-" }, 416],
  ["HEAD", "/a.txt", { range: "bytes=9-" }, 416],
  ["GET", "/docs", {}, 301],
  ["HEAD", "/docs", {}, 301],
];

test(`exactly one Date on every response, HEAD, 304, 412 and 416 included, on ${runtime}`, async (t) => {
  const files = staticFiles({ root: ROOT });
  const handler = (request: Request) =>
    new URL(request.url).searchParams.has("direct")
      ? new FileResponse(join(ROOT, "a.txt"), { request })
      : files(request) ?? new Response(null, { status: 404 });
  await withServer(handler, async (url) => {
    for (const [method, path, headers, status] of ENDINGS) {
      for (const target of status === 301 ? [path] : [path, `${path}?direct`]) {
        await t.test(`${method} ${target} ${JSON.stringify(headers)}`, async () => {
          const res = await rawRequest(url, { target, method, headers });
          assert.equal(res.status, status);
          assert.equal(res.all("date").length, 1);
          assert.ok(Math.abs(Date.parse(res.get("date")!) - Date.now()) < 60_000, res.get("date")!);
        });
      }
    }
  });
});

test("a Date in the caller's headers is the one sent", async () => {
  const date = "Mon, 01 Jan 2024 00:00:00 GMT";
  await withServer((request) => new FileResponse(join(ROOT, "a.txt"), { request, headers: { date } }), async (url) => {
    for (const method of ["GET", "HEAD"]) {
      const res = await rawRequest(url, { target: "/", method });
      assert.equal(res.get("date"), date, method);
    }
  });
});

/** Content-Types and whether Bun.serve adds a `filename=` of its own to a `Bun.file()` body of that type. */
const BUN_NAMES: [string, boolean][] = [
  ["application/pdf", true],
  ["application/octet-stream", true],
  ["application/zip", true],
  ["application/gzip", true],
  ["application/xml", true],
  ["application/javascript", true],
  ["application/rtf", true],
  ["application/x-tar", true],
  ["application/vnd.ms-excel", true],
  ["application/manifest+json", true],
  ["application/ld+json", true],
  ["model/gltf-binary", true],
  ["multipart/mixed", true],
  ["text/plain", false],
  ["text/html", false],
  ["text/javascript", false],
  ["image/png", false],
  ["image/svg+xml", false],
  ["font/woff2", false],
  ["audio/mpeg", false],
  ["video/mp4", false],
  ["application/json", false],
  ["application/geo+json", false],
  ["application/wasm", false],
];

test(`Content-Disposition: inline only where Bun.serve would add its own filename= (on ${runtime}: ${runtime === "bun" ? "those" : "never"})`, async (t) => {
  const init = (request: Request): FileResponseInit => ({
    request,
    mediaType: new URL(request.url).searchParams.get("type")!,
  });
  await withServer((request) => new FileResponse(join(ROOT, "a.txt"), init(request)), async (url) => {
    for (const [type, bunNames] of BUN_NAMES) {
      await t.test(`${type}: ${bunNames ? "inline on Bun" : "none"}`, async () => {
        const expected = bunNames && runtime === "bun" ? "inline" : null;
        for (const method of ["GET", "HEAD"]) {
          const res = await rawRequest(url, { target: `/?type=${encodeURIComponent(type)}`, method });
          assert.equal(res.get("content-disposition"), expected, method);
          assert.equal(res.get("content-type")!.split(";")[0], type);
        }
      });
    }
  });
});

test("Bun.serve itself adds filename= to a Bun.file() body of the types above, and nothing to the others", {
  skip: runtime !== "bun",
}, async (t) => {
  const Bun = (globalThis as unknown as { Bun: { file(path: string): Blob } }).Bun;
  const handler = (request: Request) =>
    new Response(Bun.file(join(ROOT, "a.txt")), {
      headers: { "content-type": new URL(request.url).searchParams.get("type")! },
    });
  await withServer(handler, async (url) => {
    for (const [type, bunNames] of BUN_NAMES) {
      await t.test(type, async () => {
        const res = await rawRequest(url, { target: `/?type=${encodeURIComponent(type)}` });
        assert.equal(res.get("content-disposition"), bunNames ? 'filename="a.txt"' : null);
      });
    }
  });
});

test("FileResponse without a request: the whole file as a 200, whatever Range the request has", async (t) => {
  await withServer(() => new FileResponse(join(ROOT, "a.txt")), async (url) => {
    for (const headers of [{ range: "bytes=0-1" }, { range: "bytes=9-" }, { range: "bytes=0-0,2-2" }]) {
      await t.test(JSON.stringify(headers), async () => {
        const res = await rawRequest(url, { target: "/", headers });
        assert.equal(res.status, 200);
        assert.equal(res.get("content-range"), null);
        assert.equal(text(res), "alpha");
      });
    }
  });
});

test("staticFiles: the mtime of a file is what its Last-Modified says, also after a touch", async () => {
  const path = writeFixture(ROOT, "touched.txt", "same");
  try {
    await site({}, async (url) => {
      assert.equal((await rawRequest(url, { target: "/touched.txt" })).get("last-modified"), MTIME_HTTP);
      const later = new Date("2025-06-07T08:09:10Z");
      utimesSync(path, later, later);
      assert.equal(
        (await rawRequest(url, { target: "/touched.txt" })).get("last-modified"),
        "Sat, 07 Jun 2025 08:09:10 GMT",
      );
    });
  } finally {
    rmSync(path, { force: true });
  }
});
