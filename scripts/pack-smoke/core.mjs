// Runs in a fresh project where the packed allresponses is the only dependency (hono is not
// installed): the main entry loads on this runtime — the default build, with this runtime's file
// adapter, not the Workers build — and its responses are what they should be.
import assert from "node:assert/strict";
import {
  contentType,
  HttpResponse,
  HttpResponseOK,
  JsonResponseNotFound,
  RedirectResponse,
  STATUS_CODE,
} from "allresponses";

assert.match(import.meta.resolve("allresponses"), /\/node_modules\/allresponses\/dist\/mod\.js$/);

const ok = new HttpResponseOK("hi");
assert.ok(ok instanceof Response && ok instanceof HttpResponse);
assert.equal(ok.headers.get("content-type"), "text/html; charset=utf-8");
assert.equal(await ok.text(), "hi");

const missing = new JsonResponseNotFound({ error: "nothing here" });
assert.equal(missing.status, STATUS_CODE.NotFound);
assert.equal(missing.headers.get("content-type"), "application/json");
assert.deepEqual(await missing.json(), { error: "nothing here" });

assert.equal(new RedirectResponse("/café").headers.get("location"), "/caf%C3%A9");
assert.equal(contentType("song.mp3"), "audio/mpeg");
console.log(`allresponses loads and builds responses on ${globalThis.Bun ? "bun" : "node"}`);
