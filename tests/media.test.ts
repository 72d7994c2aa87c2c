import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import db from "mime-db/db.json" with { type: "json" };
import { contentTypes, mediaTable } from "../scripts/gen-media.mjs";
import { compressible, contentType } from "../src/media.ts";
import { COMPRESSIBLE_RULE } from "../src/media_table.ts";

const database = db as Record<string, { compressible?: boolean; extensions?: string[] }>;

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

test("contentType: every extension in mime-db gets the type scripts/gen-media.mjs chose for it, and nothing else is known", () => {
  const expected = contentTypes();
  const wrong = [...expected].filter(([extension, type]) => contentType(extension) !== type);
  assert.deepEqual(wrong.map(([extension, type]) => `${extension}: ${contentType(extension)} instead of ${type}`), []);
  const extensions = new Set(Object.values(database).flatMap((entry) => entry.extensions ?? []));
  assert.equal(expected.size, extensions.size);
  assert.equal(contentType("no-such-extension"), undefined);
});

test("contentType: the common web formats", async (t) => {
  const cases: [string, string][] = [
    ["index.html", "text/html; charset=utf-8"],
    ["style.css", "text/css; charset=utf-8"],
    ["app.js", "text/javascript; charset=utf-8"],
    ["data.json", "application/json; charset=utf-8"],
    ["logo.svg", "image/svg+xml"],
    ["photo.JPG", "image/jpeg"],
    ["image.png", "image/png"],
    ["font.woff2", "font/woff2"],
    ["module.wasm", "application/wasm"],
    ["movie.mp4", "video/mp4"],
    ["report.pdf", "application/pdf"],
    ["archive.tar.gz", "application/gzip"],
    ["sheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["C:\\dir.d\\notes.TXT", "text/plain; charset=utf-8"],
  ];
  for (const [path, expected] of cases) {
    await t.test(`${path} → ${expected}`, () => assert.equal(contentType(path), expected));
  }
});

test("compressible: every type in mime-db as its rule or mime-db's compressible: true says, in any case and with parameters", () => {
  const wrong = Object.entries(database).flatMap(([type, entry]) => {
    const expected = COMPRESSIBLE_RULE.test(type) || entry.compressible === true;
    return [type, type.toUpperCase(), `${type}; charset=utf-8`].filter((form) => compressible(form) !== expected);
  });
  assert.deepEqual(wrong, []);
});
