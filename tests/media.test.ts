import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { mediaTable } from "../scripts/gen-media.mjs";
import { compressible } from "../src/media.ts";

test("src/media_table.ts is what scripts/gen-media.mjs writes from the installed mime-db (npm run gen:media)", () => {
  assert.equal(readFileSync("src/media_table.ts", "utf8"), mediaTable());
});

test("compressible: text, JSON, XML, JavaScript and mime-db's compressible types; not images, video, archives, fonts", async (t) => {
  const cases: [string, boolean][] = [
    ["text/html; charset=utf-8", true],
    ["Text/CSS", true],
    ["application/json", true],
    ["application/problem+json", true],
    ["image/svg+xml", true],
    ["text/event-stream", true],
    ["application/javascript; charset=utf-8", true],
    ["application/wasm", true],
    ["image/png", false],
    ["video/mp4", false],
    ["application/zip", false],
    ["application/gzip", false],
    ["font/woff2", false],
    ["application/x-unknown-thing", false],
  ];
  for (const [type, expected] of cases) {
    await t.test(`${type} → ${expected}`, () => assert.equal(compressible(type), expected));
  }
});
