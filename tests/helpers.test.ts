import { test } from "node:test";
import assert from "node:assert/strict";
import { contentType, httpDate, HttpResponseOK, retryAfterValue, setContentLocation } from "../mod.ts";

test("httpDate: IMF-fixdate from a Date, a timestamp or a string", async (t) => {
  const rows: [string, Date | number | string, string][] = [
    ["a Date", new Date(0), "Thu, 01 Jan 1970 00:00:00 GMT"],
    ["a timestamp", Date.UTC(1994, 10, 6, 8, 49, 37), "Sun, 06 Nov 1994 08:49:37 GMT"],
    ["a string", "2024-02-29T23:59:59Z", "Thu, 29 Feb 2024 23:59:59 GMT"],
  ];
  for (const [label, date, expected] of rows) await t.test(label, () => assert.equal(httpDate(date), expected));
});

test("retryAfterValue: whole seconds, a fraction rounded up, or a date", async (t) => {
  const rows: [string, number | Date, string][] = [
    ["0", 0, "0"],
    ["120", 120, "120"],
    ["0.1 rounds up", 0.1, "1"],
    ["a Date", new Date(0), "Thu, 01 Jan 1970 00:00:00 GMT"],
  ];
  for (const [label, value, expected] of rows) {
    await t.test(label, () => assert.equal(retryAfterValue(value), expected));
  }
});

test("setContentLocation: sets an encoded Content-Location and returns the response", async (t) => {
  await t.test("a path with non-ASCII and a space", () => {
    const res = new HttpResponseOK("x");
    assert.equal(setContentLocation(res, "/docs/é 1"), res);
    assert.equal(res.headers.get("content-location"), "/docs/%C3%A9%201");
  });
  await t.test("a URL", () => {
    const res = setContentLocation(new HttpResponseOK("x"), new URL("https://x.example/a"));
    assert.equal(res.headers.get("content-location"), "https://x.example/a");
  });
});

test("contentType: from a path or an extension, with charset for text", async (t) => {
  const cases: [string, string | undefined][] = [
    ["index.html", "text/html; charset=utf-8"],
    [".css", "text/css; charset=utf-8"],
    ["js", "text/javascript; charset=utf-8"],
    ["app.mjs", "text/javascript; charset=utf-8"],
    ["data.json", "application/json; charset=utf-8"],
    ["notes.txt", "text/plain; charset=utf-8"],
    ["README.md", "text/markdown; charset=utf-8"],
    ["img/photo.JPG", "image/jpeg"],
    ["logo.svg", "image/svg+xml"],
    ["a/b/c.png", "image/png"],
    ["movie.mp4", "video/mp4"],
    ["song.mp3", "audio/mpeg"],
    ["sound.wav", "audio/wav"],
    ["clip.webm", "video/webm"],
    ["doc.pdf", "application/pdf"],
    ["mod.wasm", "application/wasm"],
    ["archive.tar.gz", "application/gzip"],
    ["font.woff2", "font/woff2"],
    ["C:\\dir\\file.csv", "text/csv; charset=utf-8"],
    ["file.unknownext", undefined],
    ["Makefile", undefined],
    ["", undefined],
    ["dir.d/", undefined],
  ];
  for (const [input, type] of cases) await t.test(JSON.stringify(input), () => assert.equal(contentType(input), type));
});
