import { test } from "node:test";
import assert from "node:assert/strict";
import { BadHeaderError, contentType, HttpResponseOK, httpDate, retryAfterValue, setContentLocation } from "../mod.ts";

test("httpDate: IMF-fixdate from a Date, a timestamp or a string", () => {
  assert.equal(httpDate(new Date(0)), "Thu, 01 Jan 1970 00:00:00 GMT");
  assert.equal(httpDate(Date.UTC(1994, 10, 6, 8, 49, 37)), "Sun, 06 Nov 1994 08:49:37 GMT");
  assert.equal(httpDate("2024-02-29T23:59:59Z"), "Thu, 29 Feb 2024 23:59:59 GMT");
  assert.throws(() => httpDate("not a date"), { name: "TypeError", message: /not a valid date/ });
  assert.throws(() => httpDate(NaN), TypeError);
});

test("retryAfterValue: seconds (fractions round up) or a date", () => {
  assert.equal(retryAfterValue(0), "0");
  assert.equal(retryAfterValue(120), "120");
  assert.equal(retryAfterValue(0.1), "1");
  assert.equal(retryAfterValue(new Date(0)), "Thu, 01 Jan 1970 00:00:00 GMT");
  for (const bad of [-1, NaN, Infinity, "5" as unknown as number]) assert.throws(() => retryAfterValue(bad), TypeError);
});

test("setContentLocation: sets an encoded Content-Location and returns the response", () => {
  const res = new HttpResponseOK("x");
  assert.equal(setContentLocation(res, "/docs/é 1"), res);
  assert.equal(res.headers.get("content-location"), "/docs/%C3%A9%201");
  setContentLocation(res, new URL("https://x.example/a"));
  assert.equal(res.headers.get("content-location"), "https://x.example/a");
  assert.throws(() => setContentLocation(res, "/a\r\nX: y"), BadHeaderError);
  assert.throws(() => setContentLocation(res, "/\ud800"), BadHeaderError);
});

test("contentType: from a path or an extension, with charset for text", () => {
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
  for (const [input, type] of cases) assert.equal(contentType(input), type, input);
});
